#include "http/runtime/rfc3339.hpp"

#include <cstdint>
#include <cstdio>

namespace pfms {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

// Reads `count` digits at `pos`; nullopt if any is not a digit.
std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t count) {
  if (pos + count > s.size())
    return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9')
      return std::nullopt;
    value = value * 10 + (s[i] - '0');
  }
  return value;
}

bool at(std::string_view s, std::size_t pos, char c) {
  return pos < s.size() && (s[pos] == c || (c == 'T' && s[pos] == 't'));
}

// Parses ".ffffff" at `pos`, advancing it; 0 when absent; nullopt when malformed.
std::optional<std::int64_t> fraction(std::string_view s, std::size_t& pos) {
  if (!at(s, pos, '.'))
    return 0;
  std::int64_t micros = 0;
  std::size_t count = 0;
  for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++count)
    if (count < 6)
      micros = micros * 10 + (s[pos] - '0');
  if (count == 0 || count > 9)
    return std::nullopt;
  for (; count < 6; ++count)
    micros *= 10;
  return micros;
}

// Parses "Z" or "±HH:MM" at `pos` to the end; the offset in seconds east of UTC.
std::optional<std::int64_t> offset(std::string_view s, std::size_t pos) {
  if (pos + 1 == s.size() && (s[pos] == 'Z' || s[pos] == 'z'))
    return 0;
  if (pos + 6 != s.size() || (s[pos] != '+' && s[pos] != '-') || !at(s, pos + 3, ':'))
    return std::nullopt;
  auto hh = digits(s, pos + 1, 2);
  auto mm = digits(s, pos + 4, 2);
  if (!hh || !mm || *hh > 23 || *mm > 59)
    return std::nullopt;
  const std::int64_t seconds = *hh * 3600 + *mm * 60;
  return s[pos] == '+' ? seconds : -seconds;
}

} // namespace

std::optional<time_us> parse_rfc3339(std::string_view s) {
  auto y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
  auto h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
  if (!y || !mo || !d || !h || !mi || !se || !at(s, 4, '-') || !at(s, 7, '-')
      || !at(s, 10, 'T') || !at(s, 13, ':') || !at(s, 16, ':'))
    return std::nullopt;
  if (*y < 1970 || *mo < 1 || *mo > 12 || *d < 1
      || static_cast<unsigned>(*d) > days_in_month(*y, static_cast<unsigned>(*mo)) || *h > 23
      || *mi > 59 || *se > 59)
    return std::nullopt;
  std::size_t pos = 19;
  auto micros = fraction(s, pos);
  auto shift = micros ? offset(s, pos) : std::nullopt;
  if (!shift)
    return std::nullopt;
  const auto days = days_from_civil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d));
  const std::int64_t seconds = days * 86400 + *h * 3600 + *mi * 60 + *se - *shift;
  const time_us instant = seconds * 1'000'000 + *micros;
  if (instant < 0 || instant > rfc3339_max)
    return std::nullopt; // the offset took it out of 1970..9999
  return instant;
}

std::string format_rfc3339(time_us t) {
  std::int64_t seconds = t / 1'000'000;
  std::int64_t micros = t % 1'000'000;
  if (micros < 0) {
    micros += 1'000'000;
    --seconds;
  }
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  // Civil date from days (inverse of days_from_civil).
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  char buffer[40];
  const int n = std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                              static_cast<long long>(y), m, d,
                              static_cast<long long>(rest / 3600),
                              static_cast<long long>(rest / 60 % 60),
                              static_cast<long long>(rest % 60));
  std::string out(buffer, static_cast<std::size_t>(n));
  if (micros != 0) {
    std::snprintf(buffer, sizeof buffer, ".%06lld", static_cast<long long>(micros));
    out += buffer;
  }
  return out + "Z";
}

} // namespace pfms
