#pragma once

#include <cstdint>
#include <string>

namespace pfms {

/// The domain a failure belongs to. Numbers are stable: they travel inside CAF
/// errors between nodes and are never reused.
enum class error_domain : std::uint8_t {
  store = 1,   ///< the event log (events/store_error.hpp)
  money = 2,   ///< value types (events/money.hpp)
  account = 3, ///< the account core (actors/ledger/core/account_error.hpp)
  runtime = 4, ///< infrastructure: timeouts, stopped actors
  request = 5, ///< malformed HTTP requests (http/runtime/request_error.hpp)
  auth = 6,    ///< authentication at the HTTP front (http/identity/auth_error.hpp)
  user = 7,    ///< the user core (actors/identity/core/user_error.hpp)
  group = 8,   ///< the group core (actors/social/core/group_error.hpp)
  loan = 9,    ///< the loan core (actors/lending/core/loan_schedule.hpp, loan_errc)
};

/// A domain rejection or an infrastructure failure, as a value. `code` is the
/// domain's own `enum class` value; `detail` is a human sentence without
/// internals, safe to show to the caller.
struct failure {
  error_domain domain = error_domain::runtime;
  std::uint8_t code = 0;
  std::string detail;

  friend bool operator==(const failure&, const failure&) = default;
};

/// Infrastructure failure codes (domain `runtime`).
enum class runtime_errc : std::uint8_t {
  unavailable = 1, ///< a component did not answer in time or has stopped
  node_unavailable = 2, ///< the cluster node that owns the entity is down
  deadline_passed = 3,  ///< the request's deadline passed before the entity started it: nothing written
  outcome_unknown = 4,  ///< a write was handed on but its outcome did not come back: it may still land
};

[[nodiscard]] inline failure make_failure(runtime_errc code, std::string detail) {
  return {error_domain::runtime, static_cast<std::uint8_t>(code), std::move(detail)};
}

/// True when `f` is `code` of the domain that owns `Errc`.
template <class Errc>
[[nodiscard]] bool is(const failure& f, Errc code) {
  return f.domain == make_failure(code, {}).domain
         && f.code == static_cast<std::uint8_t>(code);
}

} // namespace pfms
