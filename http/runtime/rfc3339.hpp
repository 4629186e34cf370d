#pragma once

#include "events/clock.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pfms {

/// Parses an RFC 3339 date-time with an explicit offset ("Z" or ±HH:MM) and
/// up to 6 fractional digits, years 1970..9999. Nullopt on anything else.
[[nodiscard]] std::optional<time_us> parse_rfc3339(std::string_view text);

/// `t` as RFC 3339 in UTC: "2026-11-25T01:02:03Z", or with ".ffffff" when the
/// microseconds are not zero.
[[nodiscard]] std::string format_rfc3339(time_us t);

} // namespace pfms
