#include "http/login_limiter.hpp"

#include <doctest/doctest.h>

using namespace pfms;

TEST_CASE("an account locks after its failures and unlocks when the window ends") {
  manual_clock time(1'000'000'000'000);
  login_limiter limiter(time);
  for (int i = 0; i < login_limiter::account_failures_max; ++i) {
    CHECK_FALSE(limiter.locked("a@b.org", "10.0.0.1"));
    limiter.failed("a@b.org", "10.0.0.1");
  }
  auto wait = limiter.locked("a@b.org", "10.0.0.9");
  REQUIRE(wait);
  CHECK(*wait == login_limiter::window_us / 1'000'000 + 1);
  CHECK_FALSE(limiter.locked("other@b.org", "10.0.0.1")); // the address is under its own limit
  time.advance(login_limiter::window_us);
  CHECK_FALSE(limiter.locked("a@b.org", "10.0.0.1"));
}

TEST_CASE("an address locks after its failures across accounts") {
  manual_clock time(1'000'000'000'000);
  login_limiter limiter(time);
  for (int i = 0; i < login_limiter::address_failures_max; ++i)
    limiter.failed("user" + std::to_string(i) + "@b.org", "10.0.0.2");
  CHECK(limiter.locked("fresh@b.org", "10.0.0.2"));
  CHECK_FALSE(limiter.locked("fresh@b.org", "10.0.0.3"));
}

TEST_CASE("a success clears the account's failures") {
  manual_clock time(1'000'000'000'000);
  login_limiter limiter(time);
  for (int i = 0; i < login_limiter::account_failures_max - 1; ++i)
    limiter.failed("a@b.org", "10.0.0.1");
  limiter.succeeded("a@b.org");
  limiter.failed("a@b.org", "10.0.0.1");
  CHECK_FALSE(limiter.locked("a@b.org", "10.0.0.1"));
}
