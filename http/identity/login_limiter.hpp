#pragma once

#include "actors/identity/login_guard.hpp"
#include "cluster/runtime/cluster_status.hpp"
#include "events/result.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace pfms {

/// The front's side of the login limits: failed password checks (logins and
/// the re-checks of password, email and erasure changes) counted per account
/// (its normalized email) and per client address in 15-minute windows, by the
/// login guard (actors/identity/login_guard.hpp) of the node that owns each key, so
/// the limits hold across the cluster and across restarts. Past its limit a
/// key is locked until its window ends, and the caller answers 429 with
/// `Retry-After` without looking at the password. A success clears the
/// account's count. While a key's node is down this node's own guard counts
/// it. Thread-safe; every callback runs on a CAF worker thread.
class login_limiter {
public:
  static constexpr std::int32_t account_failures_max = 5;
  static constexpr std::int32_t address_failures_max = 20;

  /// `cluster` is optional (none on a single node): keys owned by another
  /// node go to that node's guard while it is up.
  login_limiter(caf::actor_system& system, login_guard_actor local,
                const cluster_status* cluster, std::chrono::milliseconds timeout)
    : system_(system), local_(std::move(local)), cluster_(cluster), timeout_(timeout) {}

  /// The seconds to wait when either key is locked, nullopt when a try is
  /// allowed; a failure when a guard did not answer (the caller answers it,
  /// and checks no password).
  void locked(const std::string& account, const std::string& address,
              std::function<void(result<std::optional<std::int64_t>>)> done) const;
  /// Counts one failure for both keys, then calls `done` (also when a guard
  /// did not answer: the caller's answer is a refusal either way).
  void failed(const std::string& account, const std::string& address,
              std::function<void()> done) const;
  /// Clears the account's failures; nothing waits for it.
  void succeeded(const std::string& account) const;

private:
  [[nodiscard]] login_guard_actor guard_of(const std::string& key) const;

  caf::actor_system& system_;
  login_guard_actor local_;
  const cluster_status* cluster_;
  std::chrono::milliseconds timeout_;
};

} // namespace pfms
