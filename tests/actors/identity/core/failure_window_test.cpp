#include "actors/identity/core/failure_window.hpp"

#include <doctest/doctest.h>

using namespace pfms;

namespace {
constexpr time_us start = 1'000'000'000'000;
constexpr time_us second = 1'000'000;
} // namespace

TEST_CASE("a key locks at its limit and unlocks when its window ends") {
  failure_window w;
  for (int i = 0; i < 5; ++i) {
    CHECK_FALSE(wait_seconds(w, 5, start));
    w = counted(w, start + i * second);
  }
  CHECK(w == failure_window{start, 5});
  auto wait = wait_seconds(w, 5, start + 60 * second);
  REQUIRE(wait);
  CHECK(*wait == failure_window_us / second - 60 + 1);
  CHECK_FALSE(wait_seconds(w, 6, start));
  CHECK_FALSE(wait_seconds(w, 5, start + failure_window_us));
}

TEST_CASE("a failure after the window ended starts a new window") {
  const failure_window old{start, 5};
  const auto later = start + failure_window_us + 7;
  CHECK(expired(old, later));
  CHECK(counted(old, later) == failure_window{later, 1});
}

TEST_CASE("windows round-trip through their encoding; other bytes do not decode") {
  const failure_window w{start + 123, 42};
  CHECK(encode_window(w).size() == 12);
  CHECK(decode_window(encode_window(w)) == w);
  CHECK_FALSE(decode_window(""));
  CHECK_FALSE(decode_window(std::string(11, 'x')));
  CHECK_FALSE(decode_window(std::string(8, '\0') + std::string(4, '\xff'))); // count past int32
}
