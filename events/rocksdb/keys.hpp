#pragma once

// Key and value layouts of the RocksDB column families. Shared by the store
// and the verifier only.

#include "events/event_store.hpp"
#include "events/hash_chain.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pfms::events::internal {

/// Column family names (see docs/architecture.md, "Storage layout").
inline constexpr const char* cf_events = "events";
inline constexpr const char* cf_log = "log";
inline constexpr const char* cf_snapshots = "snapshots";
inline constexpr const char* cf_checkpoints = "checkpoints";
inline constexpr const char* cf_idempotency = "idempotency";
/// subject (user id) → 32-byte key, or empty once the subject is erased.
/// Outside the log and its hashes.
inline constexpr const char* cf_subject_keys = "subject_keys";
/// subject erased on this node → the ids of the nodes that have destroyed
/// their key of it too (comma-separated); deleted once every node has.
inline constexpr const char* cf_erasure_outbox = "erasure_outbox";
/// Each stream's durable timer: "d" ‖ kind ‖ 0x00 ‖ due (u64 BE) ‖ stream →
/// "" (in due order per kind), and "s" ‖ stream → due (u64 BE), so a moved
/// timer finds its old line. Written by the journal only, in the batch of the
/// append that moves it.
inline constexpr const char* cf_timers = "timers";

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

/// log: the batch's last global position, big-endian (events/rocksdb/log_batch.hpp).
/// checkpoints: a projection's position, the same way.
inline std::string position_key(std::uint64_t position) {
  std::string key;
  put_u64(key, position);
  return key;
}

/// A stream's head: its last event's version and hash ({0, genesis} before
/// its first event). Read from the last event, never stored apart.
struct stream_head {
  std::uint64_t version = 0;
  std::string hash;
};

} // namespace pfms::events::internal

namespace pfms::events::internal {

/// idempotency: "k" ‖ key → entry; "t" ‖ created_at (u64 BE) ‖ key → "" (the
/// sweep's index, in expiry order).
inline std::string idempotency_entry_key(std::string_view key) {
  return "k" + std::string(key);
}
inline std::string idempotency_index_key(time_us created_at, std::string_view key) {
  std::string out = "t";
  put_u64(out, static_cast<std::uint64_t>(created_at));
  out += key;
  return out;
}

/// What a first append under a key stored: its content's fingerprint and outcome.
struct idempotency_entry {
  std::string fingerprint; ///< SHA-256 over the stream and each event's type and payload
  time_us created_at = 0;
  append_result outcome;
};
inline std::string encode_idempotency_entry(const idempotency_entry& e) {
  std::string out = e.fingerprint;
  put_u64(out, static_cast<std::uint64_t>(e.created_at));
  for (auto v : {e.outcome.first_version, e.outcome.last_version, e.outcome.first_position,
                 e.outcome.last_position, static_cast<std::uint64_t>(e.outcome.recorded_at_us)})
    put_u64(out, v);
  return out;
}
inline std::optional<idempotency_entry> decode_idempotency_entry(std::string_view in) {
  if (in.size() != hash_size + 6 * 8)
    return std::nullopt;
  auto at = [&](std::size_t i) { return get_u64(in.substr(hash_size + 8 * i)); };
  idempotency_entry e{std::string(in.substr(0, hash_size)), static_cast<time_us>(at(0)), {}};
  e.outcome = {at(1), at(2), at(3), at(4), static_cast<time_us>(at(5)), false};
  return e;
}

} // namespace pfms::events::internal

namespace pfms::events::internal {

/// The kind of a stream id `<kind>-<id>`: what comes before the first '-'.
inline std::string_view stream_kind(std::string_view stream) {
  return stream.substr(0, stream.find('-'));
}

/// timers: the line of `stream`'s timer in due order.
inline std::string timer_due_key(std::string_view stream, time_us due) {
  std::string key = "d";
  key += stream_kind(stream);
  key += '\0';
  put_u64(key, static_cast<std::uint64_t>(due));
  key += stream;
  return key;
}

/// timers: where the due lines of `kind` start (`due` 0) or pass `due`.
inline std::string timer_due_bound(std::string_view kind, time_us due) {
  std::string key = "d";
  key += kind;
  key += '\0';
  put_u64(key, static_cast<std::uint64_t>(due));
  return key;
}

/// timers: `stream`'s own line, holding its due time.
inline std::string timer_stream_key(std::string_view stream) {
  return "s" + std::string(stream);
}

} // namespace pfms::events::internal
