#pragma once

#include "events/clock.hpp"
#include "events/result.hpp"

#include <string>
#include <string_view>

namespace pfms {

/// Makes entity and event ids: UUIDv7 text (RFC 9562), 48 bits of millisecond
/// time then 74 random bits from the operating system's CSPRNG, so ids sort
/// roughly by creation time and are never sequential or guessable.
/// Thread-safe; borrows the clock, which must outlive it.
class id_generator {
public:
  explicit id_generator(const clock& time) : clock_(time) {}
  /// A fresh id as 36 lower-case characters, e.g. `0192f3c4-…`.
  [[nodiscard]] std::string next() const;

private:
  const clock& clock_;
};

/// True when `text` is a UUID in canonical text form (8-4-4-4-12 lower-case hex).
[[nodiscard]] bool is_canonical_id(std::string_view text);

} // namespace pfms
