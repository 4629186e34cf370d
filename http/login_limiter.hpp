#pragma once

#include "events/clock.hpp"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace pfms {

/// Counts failed logins per account (normalized email) and per client
/// address in fixed windows. Past the limit a key is locked until its
/// window ends, and login answers 429 with `Retry-After` without looking at
/// the password. A success clears the account's count. Memory is bounded:
/// past `keys_max` keys the table starts over. Thread-safe; borrows the clock.
class login_limiter {
public:
  static constexpr int account_failures_max = 5;
  static constexpr int address_failures_max = 20;
  static constexpr time_us window_us = 15LL * 60 * 1'000'000;
  static constexpr std::size_t keys_max = 100'000;

  explicit login_limiter(const clock& time) : time_(time) {}

  /// Seconds to wait when either key is locked, nullopt when a try is allowed.
  [[nodiscard]] std::optional<std::int64_t> locked(const std::string& account,
                                                   const std::string& address);
  void failed(const std::string& account, const std::string& address);
  void succeeded(const std::string& account);

private:
  struct window {
    time_us started_at_us = 0;
    int failures = 0;
  };
  std::optional<std::int64_t> wait(const std::string& key, int max, time_us now);
  void count(const std::string& key, time_us now);

  const clock& time_;
  std::mutex mutex_;
  std::unordered_map<std::string, window> windows_;
};

} // namespace pfms
