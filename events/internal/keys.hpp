#pragma once

// Key and value layouts of the RocksDB column families. Shared by the store
// and the verifier only.

#include "events/hash_chain.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pfms::events::internal {

/// Column family names (see docs/architecture.md, "Storage layout").
inline constexpr const char* cf_events = "events";
inline constexpr const char* cf_log = "log";
inline constexpr const char* cf_streams = "streams";
inline constexpr const char* cf_snapshots = "snapshots";
inline constexpr const char* cf_checkpoints = "checkpoints";
inline constexpr const char* cf_idempotency = "idempotency";

inline void put_u64(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out += static_cast<char>((value >> shift) & 0xff);
}

inline std::uint64_t get_u64(std::string_view in) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 8; ++i)
    value = (value << 8) | static_cast<unsigned char>(in[i]);
  return value;
}

/// events: stream id ‖ 0x00 ‖ big-endian version. Stream ids contain no NUL,
/// so one stream's events are contiguous and in version order.
inline std::string event_key(std::string_view stream, std::uint64_t version) {
  std::string key(stream);
  key += '\0';
  put_u64(key, version);
  return key;
}

/// The stream id and version of an `events` key, if it has that shape.
struct event_key_parts {
  std::string stream;
  std::uint64_t version;
};
inline std::optional<event_key_parts> parse_event_key(std::string_view key) {
  if (key.size() < 10 || key[key.size() - 9] != '\0')
    return std::nullopt;
  return event_key_parts{std::string(key.substr(0, key.size() - 9)),
                         get_u64(key.substr(key.size() - 8))};
}

/// log: big-endian global position.
inline std::string position_key(std::uint64_t position) {
  std::string key;
  put_u64(key, position);
  return key;
}

/// log value: version ‖ global hash ‖ stream id.
struct log_entry {
  std::uint64_t version = 0;
  std::string global_hash;
  std::string stream;
};
inline std::string encode_log_entry(const log_entry& e) {
  std::string out;
  put_u64(out, e.version);
  out += e.global_hash;
  out += e.stream;
  return out;
}
inline std::optional<log_entry> decode_log_entry(std::string_view in) {
  if (in.size() < 8 + hash_size + 1)
    return std::nullopt;
  return log_entry{get_u64(in), std::string(in.substr(8, hash_size)),
                   std::string(in.substr(8 + hash_size))};
}

/// streams value: head version ‖ head hash.
struct stream_head {
  std::uint64_t version = 0;
  std::string hash;
};
inline std::string encode_stream_head(const stream_head& h) {
  std::string out;
  put_u64(out, h.version);
  out += h.hash;
  return out;
}
inline std::optional<stream_head> decode_stream_head(std::string_view in) {
  if (in.size() != 8 + hash_size)
    return std::nullopt;
  return stream_head{get_u64(in), std::string(in.substr(8))};
}

} // namespace pfms::events::internal
