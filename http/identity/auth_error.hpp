#pragma once

#include "events/failure.hpp"

#include <cstdint>
#include <string>

namespace pfms {

/// Authentication failures at the HTTP front. Numbers are stable.
enum class auth_errc : std::uint8_t {
  unauthorized = 1,        ///< 401: no, malformed, expired or forged access token
  invalid_credentials = 2, ///< 401: unknown email or wrong password (indistinguishable)
  invalid_password = 3,    ///< 422: not 8..256 bytes
  busy = 4,                ///< 503: the password hashers are saturated
  too_many_attempts = 5,   ///< 429: too many failed logins for the account or address
  forbidden = 6,           ///< 403: authenticated, but not allowed here
};

[[nodiscard]] failure make_failure(auth_errc code, std::string detail);

} // namespace pfms
