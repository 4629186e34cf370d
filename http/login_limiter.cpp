#include "http/login_limiter.hpp"

namespace pfms {

std::optional<std::int64_t> login_limiter::wait(const std::string& key, int max, time_us now) {
  auto it = windows_.find(key);
  if (it == windows_.end() || it->second.started_at_us + window_us <= now
      || it->second.failures < max)
    return std::nullopt;
  return (it->second.started_at_us + window_us - now) / 1'000'000 + 1;
}

void login_limiter::count(const std::string& key, time_us now) {
  if (windows_.size() >= keys_max && !windows_.contains(key))
    windows_.clear();
  auto& w = windows_[key];
  if (w.started_at_us + window_us <= now)
    w = {now, 0};
  ++w.failures;
}

std::optional<std::int64_t> login_limiter::locked(const std::string& account,
                                                  const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto now = time_.now_us();
  auto by_account = wait("a:" + account, account_failures_max, now);
  auto by_address = wait("i:" + address, address_failures_max, now);
  if (by_account && by_address)
    return std::max(*by_account, *by_address);
  return by_account ? by_account : by_address;
}

void login_limiter::failed(const std::string& account, const std::string& address) {
  std::lock_guard lock(mutex_);
  const auto now = time_.now_us();
  count("a:" + account, now);
  count("i:" + address, now);
}

void login_limiter::succeeded(const std::string& account) {
  std::lock_guard lock(mutex_);
  windows_.erase("a:" + account);
}

} // namespace pfms
