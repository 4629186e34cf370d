#pragma once

#include "events/failure.hpp"

#include <cstdint>
#include <string>

namespace pfms {

/// Rejections of a request before it reaches the domain. Numbers are stable.
enum class request_errc : std::uint8_t {
  malformed_json = 1,         ///< 400: not JSON, not an object, too deep
  missing_field = 2,          ///< 422
  unknown_field = 3,          ///< 422: the API rejects fields it does not know
  invalid_field = 4,          ///< 422: wrong type or shape
  amount_out_of_range = 5,    ///< 422: an integer outside int64
  invalid_timestamp = 6,      ///< 422: not RFC 3339 with an offset
  unsupported_media_type = 7, ///< 415: a body that is not application/json
  route_not_found = 8,        ///< 404
  method_not_allowed = 9,     ///< 405
  body_too_large = 10,        ///< 413
  headers_too_large = 11,     ///< 431
  not_ready = 12,             ///< 503: starting or draining
  invalid_if_match = 13,      ///< 400: If-Match is not one quoted version
  rate_limited = 14,          ///< 429: over the per-user request rate
  invalid_idempotency_key = 15, ///< 400: Idempotency-Key is not one short printable string
  idempotency_in_flight = 16, ///< 409: the key's first request is still running
  export_too_large = 17,      ///< 422: more events than one export holds
  invalid_query = 18,         ///< 400: a query parameter out of range or malformed
  malformed_request = 19,     ///< 400: not HTTP/1.1 the server can read (bad syntax, no Host)
};

[[nodiscard]] failure make_failure(request_errc code, std::string detail);

} // namespace pfms
