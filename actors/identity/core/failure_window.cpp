#include "actors/identity/core/failure_window.hpp"

#include <cassert>
#include <limits>

namespace pfms {

bool expired(const failure_window& w, time_us now) {
  return w.started_at_us + failure_window_us <= now;
}

std::optional<std::int64_t> wait_seconds(const failure_window& w, std::int32_t failures_max,
                                         time_us now) {
  assert(failures_max > 0);
  if (expired(w, now) || w.failures < failures_max)
    return std::nullopt;
  return (w.started_at_us + failure_window_us - now) / 1'000'000 + 1;
}

failure_window counted(failure_window w, time_us now) {
  if (expired(w, now))
    w = {now, 0};
  if (w.failures < std::numeric_limits<std::int32_t>::max())
    ++w.failures;
  assert(w.failures > 0 && !expired(w, now));
  return w;
}

std::string encode_window(const failure_window& w) {
  std::string out(12, '\0');
  const auto start = static_cast<std::uint64_t>(w.started_at_us);
  const auto count = static_cast<std::uint32_t>(w.failures);
  for (int i = 0; i < 8; ++i)
    out[i] = static_cast<char>(start >> (56 - 8 * i));
  for (int i = 0; i < 4; ++i)
    out[8 + i] = static_cast<char>(count >> (24 - 8 * i));
  return out;
}

std::optional<failure_window> decode_window(std::string_view bytes) {
  if (bytes.size() != 12)
    return std::nullopt;
  std::uint64_t start = 0;
  std::uint32_t count = 0;
  for (int i = 0; i < 8; ++i)
    start = start << 8 | static_cast<unsigned char>(bytes[i]);
  for (int i = 0; i < 4; ++i)
    count = count << 8 | static_cast<unsigned char>(bytes[8 + i]);
  if (count > static_cast<std::uint32_t>(std::numeric_limits<std::int32_t>::max()))
    return std::nullopt;
  return failure_window{static_cast<time_us>(start), static_cast<std::int32_t>(count)};
}

} // namespace pfms
