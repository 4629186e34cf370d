#include "actors/identity/core/preferences.hpp"

#include "actors/identity/core/user_error.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace pfms {

namespace {

bool all_of_class(std::string_view s, int (*test)(int)) {
  return std::all_of(s.begin(), s.end(), [test](char c) { return test(static_cast<unsigned char>(c)) != 0; });
}

std::string cased(std::string_view s, bool upper_first, bool upper_rest) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    const bool upper = i == 0 ? upper_first : upper_rest;
    out[i] = static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
  }
  return out;
}

std::vector<std::string_view> subtags(std::string_view tag) {
  std::vector<std::string_view> out;
  while (out.size() <= 3) {
    const auto dash = tag.find('-');
    out.push_back(tag.substr(0, dash));
    if (dash == std::string_view::npos)
      break;
    tag.remove_prefix(dash + 1);
  }
  return out;
}

} // namespace

bool is_time_zone(std::string_view name) {
  return std::binary_search(time_zone_names.begin(), time_zone_names.end(), name);
}

result<std::string> normalize_locale(std::string_view tag) {
  auto refuse = [] {
    return make_failure(user_errc::invalid_locale,
                        "locale must be a BCP 47 tag like \"en-GB\" or \"zh-Hant-TW\"");
  };
  if (tag.empty() || tag.size() > 16)
    return refuse();
  const auto parts = subtags(tag);
  if (parts.size() > 3 || parts[0].size() < 2 || parts[0].size() > 3
      || !all_of_class(parts[0], std::isalpha))
    return refuse();
  std::string out = cased(parts[0], false, false);
  std::size_t next = 1;
  if (next < parts.size() && parts[next].size() == 4 && all_of_class(parts[next], std::isalpha))
    out += "-" + cased(parts[next++], true, false);
  if (next < parts.size()) {
    const auto region = parts[next++];
    const bool alpha = region.size() == 2 && all_of_class(region, std::isalpha);
    const bool digits = region.size() == 3 && all_of_class(region, std::isdigit);
    if (!alpha && !digits)
      return refuse();
    out += "-" + cased(region, true, true);
  }
  if (next != parts.size())
    return refuse();
  return out;
}

} // namespace pfms
