#include "http/ledger/time_zone_book.hpp"

#include "events/store_error.hpp"

#include <cctype>
#include <fstream>
#include <iterator>

namespace pfms {

namespace {

// An IANA name: segments of letters, digits, '_', '-' and '+', joined by '/'.
bool plausible(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/'
      || name.find("//") != std::string::npos || name.find("..") != std::string::npos)
    return false;
  for (const char c : name)
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '-' && c != '+'
        && c != '/')
      return false;
  return true;
}

} // namespace

result<std::shared_ptr<const time_zone>> time_zone_book::zone(const std::string& name) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = zones_.find(name); it != zones_.end())
      return it->second;
  }
  if (!plausible(name))
    return make_failure(store_errc::io, "no time zone " + name);
  const auto path = zoneinfo_ / name;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec && name == "UTC")
    return std::make_shared<const time_zone>();
  if (ec || size > file_size_max)
    return make_failure(store_errc::io, "no time zone data for " + name + " in "
                                                 + zoneinfo_.string() + " (install tzdata)");
  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto parsed = time_zone::from_tzif(bytes);
  if (!parsed)
    return parsed.error();
  auto shared = std::make_shared<const time_zone>(std::move(*parsed));
  std::lock_guard lock(mutex_);
  if (zones_.size() < capacity)
    zones_.emplace(name, shared);
  return shared;
}

} // namespace pfms
