#pragma once

// The user's preferences that need checking: an IANA time zone name and a
// BCP 47 language tag. Pure.

#include "events/result.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace pfms {

inline constexpr std::size_t time_zone_count = 598;
/// Every IANA zone and link name of the embedded tzdata, sorted.
extern const std::array<std::string_view, time_zone_count> time_zone_names;

/// True for an IANA time zone name ("Europe/Berlin", "UTC"), exactly as
/// spelled in tzdata (names are case-sensitive).
[[nodiscard]] bool is_time_zone(std::string_view name);

/// A BCP 47 language tag of the form language[-Script][-REGION] ("de",
/// "en-GB", "zh-Hant-TW", "es-419"), in canonical case (language lower,
/// script title, region upper); `invalid_locale` otherwise.
[[nodiscard]] result<std::string> normalize_locale(std::string_view tag);

} // namespace pfms
