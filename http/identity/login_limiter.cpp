#include "http/identity/login_limiter.hpp"

#include "cluster/runtime/owner_handle.hpp"
#include "http/runtime/internal/ask.hpp"

#include <algorithm>
#include <atomic>
#include <memory>

namespace pfms {

namespace {

// The guard's key of an account or an address (one name space each).
std::string account_key(const std::string& account) { return "account:" + account; }
std::string address_key(const std::string& address) { return "address:" + address; }

std::optional<std::int64_t> longer(std::optional<std::int64_t> a, std::int64_t b) {
  if (b <= 0)
    return a;
  return a ? std::max(*a, b) : b;
}

} // namespace

// The owner of `shard` by the cluster's placement (an account's shard is its
// email, as for the email registry), while it is up; else this node's guard.
login_guard_actor login_limiter::guard_of(const std::string& shard) const {
  if (cluster_ == nullptr || !cluster_->config().clustered())
    return local_;
  auto owner = owner_handle(*cluster_, shard, &node_directories::login_guard);
  return owner ? *owner : local_;
}

void login_limiter::locked(const std::string& account, const std::string& address,
                           std::function<void(result<std::optional<std::int64_t>>)> done) const {
  using http::internal::ask;
  // The address is asked after the account: a login waits two round trips.
  auto by_address = [this, address, done](std::optional<std::int64_t> wait) {
    ask<std::int64_t>(system_, guard_of(address), timeout_,
                      [wait, done](result<std::int64_t> seconds) {
                        if (!seconds)
                          return done(seconds.error());
                        done(longer(wait, *seconds));
                      },
                      guard_check_atom::value, address_key(address), address_failures_max);
  };
  ask<std::int64_t>(system_, guard_of(account), timeout_,
                    [by_address, done](result<std::int64_t> seconds) {
                      if (!seconds)
                        return done(seconds.error());
                      by_address(longer(std::nullopt, *seconds));
                    },
                    guard_check_atom::value, account_key(account), account_failures_max);
}

void login_limiter::failed(const std::string& account, const std::string& address,
                           std::function<void()> done) const {
  using http::internal::ask;
  // Both are counted before the refusal is answered, so the next try sees them.
  auto left = std::make_shared<std::atomic<int>>(2);
  std::function<void(result<std::int64_t>)> one = [left, done](result<std::int64_t>) {
    if (left->fetch_sub(1) == 1)
      done();
  };
  ask<std::int64_t>(system_, guard_of(account), timeout_, one, guard_fail_atom::value,
                    account_key(account));
  ask<std::int64_t>(system_, guard_of(address), timeout_, one, guard_fail_atom::value,
                    address_key(address));
}

void login_limiter::succeeded(const std::string& account) const {
  http::internal::ask<std::int64_t>(system_, guard_of(account), timeout_,
                                    [](result<std::int64_t>) {}, guard_clear_atom::value,
                                    account_key(account));
}

} // namespace pfms
