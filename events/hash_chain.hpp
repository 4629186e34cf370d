#pragma once

#include "events/recorded_event.hpp"

#include <string>
#include <string_view>

namespace pfms {

/// Bytes of a SHA-256 digest.
inline constexpr std::size_t hash_size = 32;

/// The hash that stands before the first event of a stream and of the log.
[[nodiscard]] std::string genesis_hash();

/// SHA-256 of `data`, 32 raw bytes.
[[nodiscard]] std::string sha256(std::string_view data);

/// The canonical bytes of an event: every envelope field except the two
/// hashes, each as an 8-byte big-endian length (or value) followed by its
/// bytes, in field-number order. Independent of protobuf's encoding, so the
/// chain stays verifiable across library versions.
[[nodiscard]] std::string canonical_bytes(const recorded_event& e);

/// The stream-chain hash of `e`: SHA-256(e.previous_hash ‖ canonical_bytes(e)).
[[nodiscard]] std::string event_hash(const recorded_event& e);

/// The next link of the global chain: SHA-256(previous_global ‖ event_hash).
[[nodiscard]] std::string global_hash(std::string_view previous_global,
                                      std::string_view event_hash);

/// SHA-256 with its digest context fetched once and reused: about half the
/// cost of a one-shot digest on OpenSSL 3. Not thread-safe; one per thread
/// on hot paths (the journal, the verifier, replay).
class sha256_hasher {
public:
  sha256_hasher();
  ~sha256_hasher();
  sha256_hasher(const sha256_hasher&) = delete;
  sha256_hasher& operator=(const sha256_hasher&) = delete;

  /// SHA-256 of the concatenation of `parts`, 32 raw bytes.
  [[nodiscard]] std::string digest(std::string_view first, std::string_view second = {});
  /// As `event_hash(e)`.
  [[nodiscard]] std::string event_hash(const recorded_event& e);

private:
  struct context;
  context* context_;
  std::string scratch_; ///< canonical bytes, reused
};

/// Appends the canonical bytes of `e` to `out` (see `canonical_bytes`).
void append_canonical_bytes(std::string& out, const recorded_event& e);

/// Lower-case hex of raw bytes, for messages and JSON.
[[nodiscard]] std::string to_hex(std::string_view bytes);

} // namespace pfms
