#include "events/time_zone.hpp"

#include "events/civil_date.hpp"
#include "events/store_error.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <optional>

namespace pfms {

namespace {

failure corrupt(std::string what) {
  return make_failure(store_errc::corrupt, "time zone: " + std::move(what));
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}

// --- the POSIX TZ string -----------------------------------------------------

struct tz_text {
  std::string_view s;
  std::size_t at = 0;
  [[nodiscard]] bool more() const { return at < s.size(); }
  [[nodiscard]] char peek() const { return more() ? s[at] : '\0'; }
  bool eat(char c) {
    if (peek() != c)
      return false;
    ++at;
    return true;
  }
  // Digits as a number (at most 3), nullopt when there are none.
  std::optional<int> number() {
    int n = 0;
    std::size_t digits = 0;
    for (; digits < 3 && std::isdigit(static_cast<unsigned char>(peek())) != 0; ++digits, ++at)
      n = n * 10 + (s[at] - '0');
    return digits == 0 ? std::nullopt : std::optional{n};
  }
};

// A zone abbreviation: "<…>" or three or more letters.
bool zone_name(tz_text& t) {
  if (t.eat('<')) {
    const auto close = t.s.find('>', t.at);
    if (close == std::string_view::npos || close - t.at < 3)
      return false;
    t.at = close + 1;
    return true;
  }
  const auto start = t.at;
  while (std::isalpha(static_cast<unsigned char>(t.peek())) != 0)
    ++t.at;
  return t.at - start >= 3;
}

// [+-]hh[:mm[:ss]] in seconds; hours up to `max_hours`.
std::optional<std::int64_t> clock_time(tz_text& t, int max_hours) {
  const std::int64_t sign = t.eat('-') ? -1 : (t.eat('+'), 1);
  auto hours = t.number();
  if (!hours || *hours > max_hours)
    return std::nullopt;
  std::int64_t seconds = *hours * 3600;
  for (const int scale : {60, 1}) {
    if (!t.eat(':'))
      break;
    auto part = t.number();
    if (!part || *part > 59)
      return std::nullopt;
    seconds += *part * scale;
  }
  return sign * seconds;
}

// "Jn", "n" or "Mm.w.d", then an optional "/time".
std::optional<posix_tz_rule::change> change_of(tz_text& t) {
  posix_tz_rule::change c;
  if (t.eat('M')) {
    auto m = t.number();
    auto w = m && t.eat('.') ? t.number() : std::nullopt;
    auto d = w && t.eat('.') ? t.number() : std::nullopt;
    if (!d || *m < 1 || *m > 12 || *w < 1 || *w > 5 || *d > 6)
      return std::nullopt;
    c.month = *m;
    c.week = *w;
    c.weekday = *d;
  } else {
    c.julian = t.eat('J');
    auto n = t.number();
    if (!n || (c.julian ? (*n < 1 || *n > 365) : *n > 365))
      return std::nullopt;
    c.yday = *n;
  }
  if (t.eat('/')) {
    auto time = clock_time(t, 167); // RFC 8536 §3.3.1: −167 to 167 hours
    if (!time)
      return std::nullopt;
    c.time_s = *time;
  }
  return c;
}

// The first day (days since 1970) that `c` names in `year`.
std::int64_t day_of(const posix_tz_rule::change& c, int year) {
  const auto jan1 = days_from_civil({year, 1, 1});
  const bool leap = days_in_month(year, 2) == 29;
  if (c.month == 0)
    return jan1 + (c.julian ? c.yday - 1 + (leap && c.yday >= 60 ? 1 : 0) : c.yday);
  const auto first = days_from_civil({year, c.month, 1});
  const auto first_weekday = ((first + 4) % 7 + 7) % 7; // 1970-01-01 was a Thursday
  auto day = first + (c.weekday - first_weekday + 7) % 7 + (c.week - 1) * 7;
  while (day >= first + days_in_month(year, c.month))
    day -= 7; // week 5: the last such weekday
  return day;
}

} // namespace

result<posix_tz_rule> parse_posix_tz(std::string_view text) {
  tz_text t{text};
  posix_tz_rule rule;
  auto bad = [&] { return corrupt("the TZ rule \"" + std::string(text) + "\" is not POSIX"); };
  auto std_offset = zone_name(t) ? clock_time(t, 24) : std::nullopt;
  if (!std_offset)
    return bad();
  rule.std_offset_s = static_cast<std::int32_t>(-*std_offset);
  if (!t.more())
    return rule;
  if (!zone_name(t))
    return bad();
  rule.has_dst = true;
  rule.dst_offset_s = rule.std_offset_s + 3600;
  if (t.peek() != ',') {
    auto dst_offset = clock_time(t, 24);
    if (!dst_offset)
      return bad();
    rule.dst_offset_s = static_cast<std::int32_t>(-*dst_offset);
  }
  auto start = t.eat(',') ? change_of(t) : std::nullopt;
  auto end = start && t.eat(',') ? change_of(t) : std::nullopt;
  if (!end || t.more())
    return bad();
  rule.start = *start;
  rule.end = *end;
  return rule;
}

std::int32_t rule_offset_at(const posix_tz_rule& rule, time_us at) {
  if (!rule.has_dst)
    return rule.std_offset_s;
  const auto s = floor_div(at, 1'000'000);
  const int year = civil_from_days(floor_div(s + rule.std_offset_s, 86400)).year;
  const auto start = day_of(rule.start, year) * 86400 + rule.start.time_s - rule.std_offset_s;
  const auto end = day_of(rule.end, year) * 86400 + rule.end.time_s - rule.dst_offset_s;
  const bool dst = start < end ? (s >= start && s < end) : !(s >= end && s < start);
  return dst ? rule.dst_offset_s : rule.std_offset_s;
}

std::int32_t time_zone::offset_at(time_us at) const {
  const auto s = floor_div(at, 1'000'000);
  if (has_rule_ && (transitions_.empty() || s >= transitions_.back()))
    return rule_offset_at(rule_, at);
  const auto after = std::upper_bound(transitions_.begin(), transitions_.end(), s);
  if (after == transitions_.begin())
    return initial_;
  return offsets_[static_cast<std::size_t>(after - transitions_.begin() - 1)];
}

} // namespace pfms
