#pragma once

#include "http/runtime/request_log.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace pfms {

/// Request counts and latency histograms per route template and status
/// class, for /metrics. Labels are route templates ("/finance/accounts/{id}"),
/// never ids. Thread-safe.
class http_metrics {
public:
  /// Upper bounds of the latency buckets, in microseconds.
  static constexpr std::array<std::int64_t, 11> bucket_bounds_us{
    500, 1'000, 2'500, 5'000, 10'000, 25'000, 50'000, 100'000, 250'000, 500'000, 1'000'000};

  /// Counts one answered request under `route` (a template).
  void record(const std::string& route, const request_log& entry);

  /// The counters in Prometheus text format (version 0.0.4).
  [[nodiscard]] std::string prometheus() const;

private:
  struct series {
    std::uint64_t count = 0;
    std::int64_t sum_us = 0;
    std::array<std::uint64_t, bucket_bounds_us.size()> buckets{};
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::uint64_t> requests_; ///< (route, class)
  std::map<std::string, series> latency_;                                 ///< by route
};

} // namespace pfms
