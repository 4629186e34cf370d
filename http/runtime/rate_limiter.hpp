#pragma once

#include "events/clock.hpp"

#include <mutex>
#include <string>
#include <unordered_map>

namespace pfms {

/// A token bucket per key (the caller's user id): `rate_per_second` tokens a
/// second, up to a burst of twice that. A rate of 0 allows everything.
/// Memory is bounded: past `keys_max` keys the table starts over.
/// Thread-safe; borrows the clock.
class rate_limiter {
public:
  static constexpr std::size_t keys_max = 100'000;

  rate_limiter(const clock& time, unsigned rate_per_second)
    : time_(time), rate_(rate_per_second) {}

  /// Takes a token for `key`; false when its bucket is empty.
  [[nodiscard]] bool allow(const std::string& key);

private:
  struct bucket {
    double tokens = 0;
    time_us refilled_at_us = 0;
  };
  const clock& time_;
  const unsigned rate_;
  std::mutex mutex_;
  std::unordered_map<std::string, bucket> buckets_;
};

} // namespace pfms
