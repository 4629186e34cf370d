// time_zone::from_tzif: the TZif format of RFC 8536, versions 2 to 4. The
// version 1 block (32-bit times) is skipped; the 64-bit block and the footer
// are read.

#include "events/store_error.hpp"
#include "events/time_zone.hpp"

#include <array>
#include <optional>
#include <string>

namespace pfms {

namespace {

failure corrupt(const std::string& what) {
  return make_failure(store_errc::corrupt, "time zone file: " + what);
}

struct tzif_reader {
  std::string_view bytes;
  std::size_t at = 0;

  std::optional<std::string_view> take(std::size_t n) {
    if (bytes.size() - at < n)
      return std::nullopt;
    auto out = bytes.substr(at, n);
    at += n;
    return out;
  }
  // A big-endian signed integer of `n` (4 or 8) bytes.
  std::optional<std::int64_t> integer(std::size_t n) {
    auto b = take(n);
    if (!b)
      return std::nullopt;
    std::uint64_t v = 0;
    for (const char c : *b)
      v = (v << 8) | static_cast<unsigned char>(c);
    if (n == 4)
      return static_cast<std::int64_t>(static_cast<std::int32_t>(static_cast<std::uint32_t>(v)));
    return static_cast<std::int64_t>(v);
  }
};

// isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt.
using tzif_counts = std::array<std::int64_t, 6>;

std::optional<tzif_counts> header(tzif_reader& r) {
  auto magic = r.take(5);
  if (!magic || magic->substr(0, 4) != "TZif" || (*magic)[4] < '2' || !r.take(15))
    return std::nullopt;
  tzif_counts counts{};
  for (auto& c : counts) {
    auto n = r.integer(4);
    if (!n || *n < 0 || *n > 100'000)
      return std::nullopt;
    c = *n;
  }
  return counts;
}

std::size_t block_size(const tzif_counts& c, std::size_t time_size) {
  const auto [isut, isstd, leap, times, types, chars] = c;
  return static_cast<std::size_t>(times) * (time_size + 1) + static_cast<std::size_t>(types) * 6
         + static_cast<std::size_t>(chars) + static_cast<std::size_t>(leap) * (time_size + 4)
         + static_cast<std::size_t>(isstd + isut);
}

} // namespace

result<time_zone> time_zone::from_tzif(std::string_view bytes) {
  tzif_reader r{bytes};
  auto v1 = header(r);
  if (!v1 || !r.take(block_size(*v1, 4)))
    return corrupt("not TZif version 2 or later");
  auto c = header(r);
  if (!c || (*c)[4] < 1 || bytes.size() - r.at < block_size(*c, 8))
    return corrupt("truncated");
  const auto times = static_cast<std::size_t>((*c)[3]);
  const auto types = static_cast<std::size_t>((*c)[4]);
  time_zone zone;
  for (std::size_t i = 0; i < times; ++i) {
    const auto t = *r.integer(8);
    if (!zone.transitions_.empty() && t <= zone.transitions_.back())
      return corrupt("transitions out of order");
    zone.transitions_.push_back(t);
  }
  const auto indices = *r.take(times);
  std::vector<std::int32_t> type_offsets;
  for (std::size_t i = 0; i < types; ++i) {
    type_offsets.push_back(static_cast<std::int32_t>(*r.integer(4)));
    r.take(2); // isdst, abbreviation index
  }
  for (const char index : indices) {
    if (static_cast<unsigned char>(index) >= types)
      return corrupt("a transition names no local time type");
    zone.offsets_.push_back(type_offsets[static_cast<unsigned char>(index)]);
  }
  zone.initial_ = type_offsets.front();
  r.take(block_size(*c, 8) - times * 9 - types * 6);
  // The footer: "\n" rule "\n"; an empty rule means none.
  const auto rest = bytes.substr(r.at);
  const auto close = rest.size() >= 2 && rest[0] == '\n' ? rest.find('\n', 1) : std::string_view::npos;
  if (close == std::string_view::npos)
    return corrupt("no footer");
  if (close > 1) {
    auto rule = parse_posix_tz(rest.substr(1, close - 1));
    if (!rule)
      return rule.error();
    zone.rule_ = *rule;
    zone.has_rule_ = true;
  }
  return zone;
}

} // namespace pfms
