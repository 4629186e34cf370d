#pragma once

// How the ledger (accounts, transactions, transfers) domain's errors answer over HTTP: status, stable code and
// title of each (docs/http-api.md lists them). http/runtime/problem.cpp dispatches here.

#include "actors/ledger/core/account_error.hpp"
#include "http/runtime/problem.hpp"

namespace pfms {

[[nodiscard]] problem_kind problem_of(account_errc code);

} // namespace pfms
