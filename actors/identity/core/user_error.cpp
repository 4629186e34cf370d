#include "actors/identity/core/user_error.hpp"

namespace pfms {

failure make_failure(user_errc code, std::string detail) {
  return {error_domain::user, static_cast<std::uint8_t>(code), std::move(detail)};
}

std::string_view code_name(user_errc code) {
  switch (code) {
    case user_errc::user_not_found: return "user_not_found";
    case user_errc::email_taken: return "email_taken";
    case user_errc::invalid_email: return "invalid_email";
    case user_errc::invalid_display_name: return "invalid_display_name";
    case user_errc::session_not_found: return "invalid_refresh_token";
    case user_errc::refresh_token_reused: return "refresh_token_reused";
    case user_errc::user_exists: return "user_exists";
    case user_errc::invalid_locale: return "invalid_locale";
    case user_errc::invalid_time_zone: return "invalid_time_zone";
    case user_errc::precondition_failed: return "precondition_failed";
    case user_errc::invalid_category: return "invalid_category";
    case user_errc::too_many_categories: return "too_many_categories";
    case user_errc::email_elsewhere: return "email_elsewhere";
  }
  return "user_error";
}

} // namespace pfms
