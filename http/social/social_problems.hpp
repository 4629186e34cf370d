#pragma once

// How the social (groups) domain's errors answer over HTTP: status, stable code and
// title of each (docs/http-api.md lists them). http/runtime/problem.cpp dispatches here.

#include "actors/social/core/group_error.hpp"
#include "http/runtime/problem.hpp"

namespace pfms {

[[nodiscard]] problem_kind problem_of(group_errc code);

} // namespace pfms
