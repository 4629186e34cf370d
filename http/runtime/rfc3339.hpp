#pragma once

#include "events/clock.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pfms {

/// The last instant pfms takes: 9999-12-31T23:59:59.999999Z.
inline constexpr time_us rfc3339_max = 253'402'300'799'999'999;

/// Parses an RFC 3339 date-time with an explicit offset ("Z" or ±HH:MM) and
/// up to 6 fractional digits, naming an instant from 1970-01-01T00:00:00Z to
/// 9999-12-31T23:59:59.999999Z once the offset is applied. Nullopt on
/// anything else (so "9999-12-31T23:59:59-12:00", in year 10000, and
/// "1970-01-01T00:00:00+01:00", in 1969, are refused).
[[nodiscard]] std::optional<time_us> parse_rfc3339(std::string_view text);

/// `t` as RFC 3339 in UTC: "2026-11-25T01:02:03Z", or with ".ffffff" when the
/// microseconds are not zero.
[[nodiscard]] std::string format_rfc3339(time_us t);

} // namespace pfms
