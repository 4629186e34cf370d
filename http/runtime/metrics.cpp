#include "http/runtime/metrics.hpp"

#include <cstdio>

namespace pfms {

void http_metrics::record(const std::string& route, const request_log& entry) {
  const std::string status_class = std::to_string(entry.status / 100) + "xx";
  std::lock_guard lock(mutex_);
  ++requests_[{route, status_class}];
  auto& s = latency_[route];
  ++s.count;
  s.sum_us += entry.duration_us;
  for (std::size_t i = 0; i < bucket_bounds_us.size(); ++i)
    if (entry.duration_us <= bucket_bounds_us[i])
      ++s.buckets[i];
}

std::string http_metrics::prometheus() const {
  std::lock_guard lock(mutex_);
  std::string out = "# HELP pfms_http_requests_total Requests answered, by route and status class.\n"
                    "# TYPE pfms_http_requests_total counter\n";
  for (const auto& [key, count] : requests_)
    out += "pfms_http_requests_total{route=\"" + key.first + "\",status=\"" + key.second
           + "\"} " + std::to_string(count) + "\n";
  out += "# HELP pfms_http_request_duration_seconds Time from a parsed request to its answer.\n"
         "# TYPE pfms_http_request_duration_seconds histogram\n";
  char number[32];
  for (const auto& [route, s] : latency_) {
    const auto prefix = "pfms_http_request_duration_seconds";
    for (std::size_t i = 0; i < bucket_bounds_us.size(); ++i) {
      std::snprintf(number, sizeof number, "%g", static_cast<double>(bucket_bounds_us[i]) / 1e6);
      out += std::string(prefix) + "_bucket{route=\"" + route + "\",le=\"" + number + "\"} "
             + std::to_string(s.buckets[i]) + "\n";
    }
    out += std::string(prefix) + "_bucket{route=\"" + route + "\",le=\"+Inf\"} "
           + std::to_string(s.count) + "\n";
    std::snprintf(number, sizeof number, "%.6f", static_cast<double>(s.sum_us) / 1e6);
    out += std::string(prefix) + "_sum{route=\"" + route + "\"} " + number + "\n";
    out += std::string(prefix) + "_count{route=\"" + route + "\"} " + std::to_string(s.count) + "\n";
  }
  return out;
}

} // namespace pfms
