// Time zones from TZif files: the transitions, the POSIX rule after them, and
// files that are not TZif. Debian's tzdata (tools/install-deps) supplies the zones.

#include "events/civil_date.hpp"
#include "events/store_error.hpp"
#include "events/time_zone.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

using namespace pfms;

namespace {

time_us at(int y, int m, int d, int h = 0, int min = 0, int s = 0) {
  return ((days_from_civil({y, m, d}) * 24 + h) * 3600 + min * 60 + s) * 1'000'000LL;
}

time_zone zone(const std::string& name) {
  std::ifstream in("/usr/share/zoneinfo/" + name, std::ios::binary);
  REQUIRE(in.good());
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto parsed = time_zone::from_tzif(bytes);
  REQUIRE(parsed);
  return *parsed;
}

} // namespace

TEST_CASE("POSIX TZ rules: standard and daylight offsets, north and south, odd offsets") {
  auto berlin = parse_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3");
  REQUIRE(berlin);
  CHECK(berlin->std_offset_s == 3600);
  CHECK(berlin->dst_offset_s == 7200);
  // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
  CHECK(rule_offset_at(*berlin, at(2026, 3, 29, 0, 59, 59)) == 3600);
  CHECK(rule_offset_at(*berlin, at(2026, 3, 29, 1)) == 7200);
  CHECK(rule_offset_at(*berlin, at(2026, 10, 25, 0, 59, 59)) == 7200);
  CHECK(rule_offset_at(*berlin, at(2026, 10, 25, 1)) == 3600);
  auto sydney = parse_posix_tz("AEST-10AEDT,M10.1.0,M4.1.0/3");
  REQUIRE(sydney);
  CHECK(rule_offset_at(*sydney, at(2026, 1, 15)) == 11 * 3600);
  CHECK(rule_offset_at(*sydney, at(2026, 7, 15)) == 10 * 3600);
  CHECK(rule_offset_at(*sydney, at(2026, 12, 31, 20)) == 11 * 3600);
  auto kathmandu = parse_posix_tz("<+0545>-5:45");
  REQUIRE(kathmandu);
  CHECK(rule_offset_at(*kathmandu, at(2026, 6, 1)) == 5 * 3600 + 45 * 60);
  auto julian = parse_posix_tz("XXX3YYY,J60/2,300");
  REQUIRE(julian);
  CHECK(julian->std_offset_s == -3 * 3600);
  CHECK(julian->dst_offset_s == -2 * 3600);
  for (const char* bad : {"", "C", "CET", "CET-1CEST,M3.5.0", "CET-1CEST,M13.1.0,M10.5.0",
                          "CET-1CEST,M3.5.7,M10.5.0", "CET-99", "<+01-1", "CET-1 CEST"}) {
    CAPTURE(bad);
    auto refused = parse_posix_tz(bad);
    REQUIRE_FALSE(refused);
    CHECK(is(refused.error(), store_errc::corrupt));
  }
}

TEST_CASE("zones from tzdata: transitions, then the footer's rule past 2037") {
  const auto berlin = zone("Europe/Berlin");
  CHECK(berlin.offset_at(at(2026, 1, 1)) == 3600);
  CHECK(berlin.offset_at(at(2026, 7, 1)) == 7200);
  CHECK(berlin.offset_at(at(1945, 6, 1)) == 10800); // history: 1945 had double summer time
  CHECK(berlin.offset_at(at(2100, 7, 1)) == 7200);       // the rule
  CHECK(berlin.offset_at(at(9998, 12, 31, 23)) == 3600); // the last year a report allows
  const auto new_york = zone("America/New_York");
  CHECK(new_york.offset_at(at(2026, 11, 1, 5, 59, 59)) == -4 * 3600);
  CHECK(new_york.offset_at(at(2026, 11, 1, 6)) == -5 * 3600);
  CHECK(zone("Asia/Kolkata").offset_at(at(2026, 5, 1)) == 19800);
  CHECK(zone("Pacific/Kiritimati").offset_at(at(2026, 5, 1)) == 14 * 3600);
  // Samoa skipped 30 December 2011: −10 before, +14 after (summer time both sides).
  const auto apia = zone("Pacific/Apia");
  CHECK(apia.offset_at(at(2011, 12, 30, 9, 59, 59)) == -10 * 3600);
  CHECK(apia.offset_at(at(2011, 12, 30, 10)) == 14 * 3600);
  CHECK(zone("UTC").offset_at(at(2026, 5, 1)) == 0);
}

TEST_CASE("bytes that are not a TZif file are corrupt") {
  const auto good = [] {
    std::ifstream in("/usr/share/zoneinfo/Europe/Berlin", std::ios::binary);
    return std::string{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }();
  REQUIRE(time_zone::from_tzif(good));
  auto broken_magic = good;
  broken_magic[0] = 'X';
  auto version_1 = good;
  version_1[4] = '\0';
  auto no_footer = good.substr(0, good.rfind('\n', good.size() - 2));
  for (const auto& [name, bytes] :
       {std::pair{"empty", std::string()}, std::pair{"magic", broken_magic},
        std::pair{"version 1", version_1}, std::pair{"truncated", good.substr(0, good.size() / 2)},
        std::pair{"no footer", no_footer}}) {
    CAPTURE(name);
    auto parsed = time_zone::from_tzif(bytes);
    REQUIRE_FALSE(parsed);
    CHECK(is(parsed.error(), store_errc::corrupt));
  }
}
