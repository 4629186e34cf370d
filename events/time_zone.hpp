#pragma once

// A time zone's offsets from UTC, from its TZif file (RFC 8536, versions 2
// and later: the 64-bit transitions and the footer's POSIX TZ rule for the
// instants after the last transition). Pure: the bytes come from the caller.

#include "events/clock.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace pfms {

/// The daylight-saving rule of a POSIX TZ string (RFC 8536 §3.3), e.g.
/// "CET-1CEST,M3.5.0,M10.5.0/3".
struct posix_tz_rule {
  /// One end of daylight time: day `yday` (0..365, leap days counted) of the
  /// year when `julian` is false and `month` is 0; the Julian day 1..365
  /// (February 29 never counted) when `julian`; else day `weekday` (0 Sunday)
  /// of week `week` (1..5, 5 the last) of `month`. At `time_s` local time.
  struct change {
    bool julian = false;
    int yday = 0;
    int month = 0;
    int week = 0;
    int weekday = 0;
    std::int64_t time_s = 7200;
  };
  std::int32_t std_offset_s = 0; ///< east of UTC
  bool has_dst = false;
  std::int32_t dst_offset_s = 0; ///< east of UTC
  change start;
  change end;
};

/// `text` (the footer of a TZif file); `invalid_field` when it is not one.
[[nodiscard]] result<posix_tz_rule> parse_posix_tz(std::string_view text);

/// The offset east of UTC, in seconds, that `rule` gives at `at`.
[[nodiscard]] std::int32_t rule_offset_at(const posix_tz_rule& rule, time_us at);

class time_zone {
public:
  /// UTC: offset 0 always.
  time_zone() = default;

  /// A zone from the bytes of its TZif file; `invalid_field` when they are
  /// not one (wrong magic, version 1 only, truncated, bad indices or footer).
  [[nodiscard]] static result<time_zone> from_tzif(std::string_view bytes);

  /// The offset east of UTC, in seconds, in effect at `at`.
  [[nodiscard]] std::int32_t offset_at(time_us at) const;

private:
  std::vector<std::int64_t> transitions_; ///< seconds since 1970, ascending
  std::vector<std::int32_t> offsets_;     ///< the offset from each transition on
  std::int32_t initial_ = 0;              ///< before the first transition
  bool has_rule_ = false;
  posix_tz_rule rule_;                    ///< after the last transition, when given
};

} // namespace pfms
