#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace pfms {

/// Microseconds since the Unix epoch, UTC. The unit of every recorded time.
using time_us = std::int64_t;

/// The source of "now". Injected everywhere a time is read, so tests control it.
class clock {
public:
  virtual ~clock() = default;
  /// Now, in UTC microseconds since the epoch. Thread-safe.
  [[nodiscard]] virtual time_us now_us() const = 0;
};

/// The wall clock. Only `main` creates one.
class system_clock final : public clock {
public:
  [[nodiscard]] time_us now_us() const override {
    using namespace std::chrono;
    return duration_cast<microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
  }
};

/// A clock that moves only when told to. For tests; thread-safe.
class manual_clock final : public clock {
public:
  explicit manual_clock(time_us start) : now_(start) {}
  [[nodiscard]] time_us now_us() const override { return now_.load(); }
  void advance(time_us delta) { now_ += delta; }

private:
  std::atomic<time_us> now_;
};

} // namespace pfms
