#pragma once

#include "events/failure.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace pfms {

/// Rejections of the user core. Numbers are stable and never reused.
enum class user_errc : std::uint8_t {
  user_not_found = 1,       ///< no such (registered) user
  email_taken = 2,          ///< another user holds the email
  invalid_email = 3,        ///< not an email address pfms accepts
  invalid_display_name = 4, ///< empty, over 100 bytes, or with control characters
  session_not_found = 5,    ///< no live session for that refresh token
  refresh_token_reused = 6, ///< an already rotated refresh token: the family is revoked
  user_exists = 7,          ///< register on an id that is registered
  invalid_locale = 8,       ///< not a BCP 47 tag language[-Script][-REGION]
  invalid_time_zone = 9,    ///< not an IANA time zone name
  precondition_failed = 10, ///< If-Match names another version of the user
  invalid_category = 11,    ///< a category or tax category that is not a short lower-case name
  too_many_categories = 12, ///< past categories_max own definitions
  email_elsewhere = 13,     ///< retired: no longer answered (claims move between nodes); never reused
};

[[nodiscard]] failure make_failure(user_errc code, std::string detail);
[[nodiscard]] std::string_view code_name(user_errc code);

} // namespace pfms
