#pragma once

// How the lending (loans) domain's errors answer over HTTP: status, stable code and
// title of each (docs/http-api.md lists them). http/runtime/problem.cpp dispatches here.

#include "actors/lending/core/loan_error.hpp"
#include "http/runtime/problem.hpp"

namespace pfms {

[[nodiscard]] problem_kind problem_of(loan_errc code);

} // namespace pfms
