#include "http/runtime/rate_limiter.hpp"

#include <algorithm>

namespace pfms {

bool rate_limiter::allow(const std::string& key) {
  if (rate_ == 0)
    return true;
  const double burst = 2.0 * rate_;
  std::lock_guard lock(mutex_);
  const auto now = time_.now_us();
  if (buckets_.size() >= keys_max && !buckets_.contains(key))
    buckets_.clear();
  auto [it, fresh] = buckets_.try_emplace(key, bucket{burst, now});
  auto& b = it->second;
  // Token counts are not money: a double is exact enough for a rate.
  b.tokens = std::min(burst, b.tokens + static_cast<double>(now - b.refilled_at_us) * rate_ / 1e6);
  b.refilled_at_us = now;
  if (b.tokens < 1.0)
    return false;
  b.tokens -= 1.0;
  return true;
}

} // namespace pfms
