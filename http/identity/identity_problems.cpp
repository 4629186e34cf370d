#include "http/identity/identity_problems.hpp"

namespace pfms {

problem_kind problem_of(auth_errc code) {
  switch (code) {
    case auth_errc::unauthorized: return {401, "unauthorized", "Unauthorized"};
    case auth_errc::invalid_credentials:
      return {401, "invalid_credentials", "Invalid credentials"};
    case auth_errc::invalid_password: return {422, "invalid_password", "Invalid password"};
    case auth_errc::busy: return {503, "unavailable", "Service unavailable"};
    case auth_errc::too_many_attempts: return {429, "too_many_attempts", "Too many attempts"};
    case auth_errc::forbidden: return {403, "forbidden", "Forbidden"};
  }
  return {401, "unauthorized", "Unauthorized"};
}

problem_kind problem_of(user_errc code) {
  const auto name = code_name(code);
  switch (code) {
    case user_errc::user_not_found: return {404, name, "User not found"};
    case user_errc::email_taken: return {409, name, "Email taken"};
    case user_errc::user_exists: return {409, name, "User exists"};
    case user_errc::precondition_failed: return {412, name, "Precondition failed"};
    case user_errc::too_many_categories: return {409, name, "Too many categories"};
    case user_errc::email_elsewhere: return {409, name, "Email held on another node"};
    case user_errc::session_not_found:
    case user_errc::refresh_token_reused: return {401, name, "Invalid refresh token"};
    default: return {422, name, "Invalid request"};
  }
}

} // namespace pfms
