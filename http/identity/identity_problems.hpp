#pragma once

// How the identity (users, sessions, sign-in) domain's errors answer over HTTP: status, stable code and
// title of each (docs/http-api.md lists them). http/runtime/problem.cpp dispatches here.

#include "actors/identity/core/user_error.hpp"
#include "http/identity/auth_error.hpp"
#include "http/runtime/problem.hpp"

namespace pfms {

[[nodiscard]] problem_kind problem_of(auth_errc code);
[[nodiscard]] problem_kind problem_of(user_errc code);

} // namespace pfms
