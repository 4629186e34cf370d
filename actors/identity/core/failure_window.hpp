#pragma once

// Failed attempts counted in fixed windows: the pure rule behind the login
// limits (actors/identity/login_guard.hpp). No I/O, no clock reads, no CAF.

#include "events/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pfms {

inline constexpr time_us failure_window_us = 15LL * 60 * 1'000'000;

/// The failures of one key since `started_at_us`.
struct failure_window {
  time_us started_at_us = 0;
  std::int32_t failures = 0;

  friend bool operator==(const failure_window&, const failure_window&) = default;
};

/// Whether `w` has ended by `now` (and so counts nothing).
[[nodiscard]] bool expired(const failure_window& w, time_us now);

/// Whole seconds until a key with window `w` may try again, at least 1, when
/// it has `failures_max` failures or more in a window that has not ended;
/// nullopt while a try is allowed.
[[nodiscard]] std::optional<std::int64_t> wait_seconds(const failure_window& w,
                                                       std::int32_t failures_max, time_us now);

/// `w` with one more failure at `now`; an ended window starts again at `now`.
[[nodiscard]] failure_window counted(failure_window w, time_us now);

/// 12 bytes: big-endian start, big-endian count.
[[nodiscard]] std::string encode_window(const failure_window& w);
/// Nullopt when `bytes` is not an encoded window.
[[nodiscard]] std::optional<failure_window> decode_window(std::string_view bytes);

} // namespace pfms
