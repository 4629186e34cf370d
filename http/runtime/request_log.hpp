#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace pfms {

/// One served request, as the access log records it. Never holds a token,
/// a password, a body or the Authorization header.
struct request_log {
  std::string request_id;
  std::string trace_id;   ///< from a valid W3C `traceparent`, else empty
  std::string method;
  std::string path;       ///< without the query
  int status = 0;
  std::int64_t duration_us = 0;
  std::string client_address;
};

/// Receives each request's log entry, on an I/O thread. Must not block long.
using request_logger = std::function<void(const request_log&)>;

/// The entry as one JSON line (no trailing newline).
[[nodiscard]] std::string to_json_line(const request_log& entry, std::int64_t at_us);

/// The trace id of a W3C `traceparent` header (version 00, 32 hex digits,
/// not all zero), or empty when the header is absent or malformed.
[[nodiscard]] std::string trace_id_of(std::string_view traceparent);

} // namespace pfms
