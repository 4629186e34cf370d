#include "http/runtime/route_table.hpp"

namespace pfms {

namespace {

// The next segment of `rest` (which starts after a '/'), and `rest` past it.
std::string_view next_segment(std::string_view& rest) {
  const auto slash = rest.find('/');
  const auto segment = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  return segment;
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

} // namespace

bool match_pattern(std::string_view pattern, std::string_view path, path_params& params) {
  params = {};
  if (!pattern.starts_with('/') || !path.starts_with('/'))
    return false;
  pattern.remove_prefix(1);
  path.remove_prefix(1);
  for (bool more = true; more;) {
    more = pattern.find('/') != std::string_view::npos;
    const bool path_more = path.find('/') != std::string_view::npos;
    if (more != path_more)
      return false; // a different number of segments
    const auto want = next_segment(pattern);
    const auto have = next_segment(path);
    if (!is_parameter(want)) {
      if (want != have)
        return false;
    } else {
      if (have.empty() || params.count == path_params::max)
        return false;
      params.values[params.count++] = have;
    }
  }
  return true;
}

std::size_t parameter_count(std::string_view pattern) {
  std::size_t count = 0;
  if (pattern.starts_with('/'))
    pattern.remove_prefix(1);
  while (!pattern.empty())
    count += is_parameter(next_segment(pattern)) ? 1 : 0;
  return count;
}

} // namespace pfms
