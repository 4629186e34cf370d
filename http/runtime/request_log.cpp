#include "http/runtime/request_log.hpp"

#include "http/runtime/rfc3339.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>

namespace pfms {

std::string to_json_line(const request_log& e, std::int64_t at_us) {
  boost::json::object line{{"at", format_rfc3339(at_us)},   {"level", "info"},
                           {"event", "request"},            {"request_id", e.request_id},
                           {"method", e.method},            {"path", e.path},
                           {"status", e.status},            {"duration_us", e.duration_us},
                           {"client", e.client_address}};
  if (!e.trace_id.empty())
    line["trace_id"] = e.trace_id;
  return boost::json::serialize(line);
}

std::string trace_id_of(std::string_view header) {
  // 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>
  auto hex = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  };
  if (header.size() != 55 || header.substr(0, 3) != "00-" || header[35] != '-' || header[52] != '-')
    return {};
  const auto trace = header.substr(3, 32);
  if (!hex(trace) || !hex(header.substr(36, 16)) || !hex(header.substr(53, 2))
      || trace == std::string(32, '0'))
    return {};
  return std::string(trace);
}

} // namespace pfms
