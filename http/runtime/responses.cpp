#include "http/runtime/responses.hpp"

#include "http/runtime/request_error.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>

namespace pfms {

http_response json_response(int status, const boost::json::object& body) {
  return {status, "application/json", boost::json::serialize(body), {}};
}

std::string etag(std::uint64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

result<std::uint64_t> if_match_version(const std::string& header) {
  if (header.empty())
    return std::uint64_t{0};
  std::uint64_t version = 0;
  const char* first = header.data() + 1;
  const char* last = header.data() + header.size() - 1;
  if (header.size() < 3 || header.front() != '"' || header.back() != '"'
      || std::from_chars(first, last, version).ptr != last || version == 0)
    return make_failure(request_errc::invalid_if_match, "If-Match must be one ETag like \"7\"");
  return version;
}

} // namespace pfms
