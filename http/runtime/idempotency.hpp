#pragma once

// Idempotency-Key (IETF httpapi draft) on the POST routes that write: the key
// is scoped by the caller, a retry with the same key and the same request
// gets the first answer and writes nothing, the same key on another request
// is 422, and a key whose first request is still running is 409.

#include "events/ids.hpp"
#include "events/result.hpp"
#include "http/runtime/http_message.hpp"

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace pfms {

/// The longest key accepted, in bytes.
inline constexpr std::size_t idempotency_key_size_max = 128;

/// The key an `Idempotency-Key` header names: an RFC 8941 string ("...") or a
/// bare token, 1..128 printable ASCII characters without quotes or
/// backslashes. Otherwise `invalid_idempotency_key`.
[[nodiscard]] result<std::string> parse_idempotency_key(std::string_view header);

/// What a retry must repeat: hex SHA-256 over the method, the path, If-Match
/// and the body bytes (a body that differs in any byte is another request).
[[nodiscard]] std::string request_fingerprint(const http_request& request);

/// A UUID (version 8) derived from a scoped key and what it names
/// ("account", "transaction"): every retry of one request names the same
/// entity, so a retry after a crash finds the first try's outcome.
[[nodiscard]] std::string derived_id(std::string_view scoped_key, std::string_view purpose);

/// The id of the entity a POST creates: derived from its scoped key when it
/// has one (so every retry names what the first try created), else new.
[[nodiscard]] std::string new_entity_id(const http_request& request, const id_generator& ids,
                                        std::string_view purpose);

/// A parsed Idempotency-Key scoped by its caller: "u:<caller>:<key>";
/// registration has no caller yet, and its keys share one scope ("anon:<key>").
[[nodiscard]] std::string scoped_idempotency_key(const std::string& caller_id,
                                                 std::string_view key);

/// The id of the entity that a `new_entity` route creates: the one the
/// cluster front picked and relayed the request by, else `new_entity_id`.
[[nodiscard]] std::string created_entity_id(const http_request& request, const id_generator& ids,
                                            std::string_view purpose);

/// The scoped keys whose first request is running on this node. Thread-safe;
/// bounded: past `capacity` keys, `try_enter` refuses.
class idempotency_guard {
public:
  static constexpr std::size_t capacity = 65'536;

  /// False when `key` is already running (or the set is full).
  [[nodiscard]] bool try_enter(const std::string& key);
  void leave(const std::string& key);

private:
  std::mutex mutex_;
  std::unordered_set<std::string> running_;
};

} // namespace pfms
