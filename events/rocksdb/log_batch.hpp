#pragma once

// The `log` family's record: one per committed batch, keyed by the batch's
// last global position (u64 BE), so `Seek(position)` lands on the batch that
// holds `position`. Shared by the journal, the reads and the verifier only.
//
// value: first position (u64 BE) ‖ global hash after the batch (32 B) ‖ runs,
// one run per append in staging order:
//   first version (u64 BE) ‖ count (u32 BE) ‖ stream id length (u32 BE) ‖
//   stream id ‖ count × event hash (32 B)
// The run's events hold positions first + (events before the run) + i.

#include "events/hash_chain.hpp"
#include "events/rocksdb/keys.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pfms::events::internal {

/// The log's format number, kept under `store_format_key` in the default
/// family. Format 1 had one log entry per event and a `streams` family of
/// heads; a store of another format is refused when opened.
inline constexpr std::uint64_t store_format = 2;
inline constexpr const char* store_format_key = "store_format";

inline void put_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8)
    out += static_cast<char>((value >> shift) & 0xff);
}

inline std::uint32_t get_u32(std::string_view in) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<unsigned char>(in[i]);
  return value;
}

/// One append's events in a log record, viewed in place.
struct log_run {
  std::string_view stream;
  std::uint64_t first_version = 0;
  std::uint32_t count = 0;
  std::string_view hashes; ///< count × 32 bytes

  [[nodiscard]] std::string_view hash(std::uint32_t i) const {
    return hashes.substr(std::size_t{i} * hash_size, hash_size);
  }
};

/// A log record, viewed in place: valid while the value it was decoded from is.
struct log_batch {
  std::uint64_t first_position = 0;
  std::uint64_t last_position = 0;
  std::string_view global_hash;
  std::vector<log_run> runs;
};

/// Builds one batch's record as the journal stages its appends.
class log_batch_writer {
public:
  explicit log_batch_writer(std::uint64_t first_position) : first_(first_position) {}

  void begin_run(std::string_view stream, std::uint64_t first_version, std::uint32_t count) {
    put_u64(runs_, first_version);
    put_u32(runs_, count);
    put_u32(runs_, static_cast<std::uint32_t>(stream.size()));
    runs_ += stream;
  }
  void add_hash(std::string_view hash) { runs_ += hash; }
  [[nodiscard]] bool empty() const { return runs_.empty(); }

  [[nodiscard]] std::string finish(std::string_view global_hash) const {
    std::string out;
    out.reserve(8 + hash_size + runs_.size());
    put_u64(out, first_);
    out += global_hash;
    out += runs_;
    return out;
  }

private:
  std::uint64_t first_;
  std::string runs_;
};

/// Decodes the record stored under `last_position`; nullopt when its shape
/// is wrong or its runs do not fill exactly first…last.
inline std::optional<log_batch> decode_log_batch(std::uint64_t last_position,
                                                 std::string_view in) {
  if (in.size() < 8 + hash_size)
    return std::nullopt;
  log_batch out{get_u64(in), last_position, in.substr(8, hash_size), {}};
  if (out.first_position == 0 || out.first_position > last_position)
    return std::nullopt;
  in.remove_prefix(8 + hash_size);
  std::uint64_t events = 0;
  while (!in.empty()) {
    if (in.size() < 16)
      return std::nullopt;
    log_run run{{}, get_u64(in), get_u32(in.substr(8)), {}};
    const std::size_t stream_size = get_u32(in.substr(12));
    in.remove_prefix(16);
    const auto hashes = std::size_t{run.count} * hash_size;
    if (run.count == 0 || run.first_version == 0 || stream_size == 0
        || in.size() < stream_size + hashes)
      return std::nullopt;
    run.stream = in.substr(0, stream_size);
    run.hashes = in.substr(stream_size, hashes);
    in.remove_prefix(stream_size + hashes);
    events += run.count;
    out.runs.push_back(run);
  }
  if (events != last_position - out.first_position + 1)
    return std::nullopt;
  return out;
}

} // namespace pfms::events::internal
