// The loan's timer rule (actors/lending/internal/loan_shell.hpp): a
// repayment leaves the stored timer, which is safe only because a repayment
// never brings the next fee day earlier.

#include "actors/lending/core/loan_position.hpp"
#include "tests/actors/lending/core/loan_samples.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>

using namespace pfms;
using namespace pfms::test;

TEST_CASE("a repayment never brings the next fee day earlier (a loan's timer may stay)") {
  std::mt19937_64 rng(11);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  int moved_later = 0;
  for (int round = 0; round < 300; ++round) {
    auto o = offer(pick(1'000, 5'000'000), static_cast<int>(pick(0, 3'000)), static_cast<int>(pick(1, 24)));
    o.late_fee = {pick(1, 5'000), static_cast<int>(pick(0, 10))};
    auto s = active(o);
    auto day = days_from_civil(o.start_on);
    for (int step = 0; step < 30 && s.status == loan_status::active; ++step) {
      day += pick(0, 45);
      const auto today = civil_from_days(day);
      s = run(s, charge_late_fees{o.loan_id, today});
      const auto owed = quote_on(s, today).total_minor;
      auto events = decide(s, repay(s, pick(1, owed), today, "r" + std::to_string(step)));
      REQUIRE(events);
      const auto before = next_fee_day(s);
      auto after_state = s;
      for (const auto& e : *events)
        after_state = evolve(std::move(after_state), e);
      if (std::ranges::all_of(*events, [](const loan_event& e) {
            return std::holds_alternative<repayment_recorded>(e);
          })) {
        const auto after = next_fee_day(after_state);
        if (after) {
          REQUIRE(before);
          REQUIRE(days_from_civil(*before) <= days_from_civil(*after));
          moved_later += *before != *after ? 1 : 0;
        }
      }
      s = std::move(after_state);
    }
  }
  CHECK(moved_later > 0); // the property was tested where it matters
}
