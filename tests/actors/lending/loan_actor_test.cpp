// The loan actor on a real store with a test clock: its due-date timer
// charges late fees when the clock passes a fee day (no waiting for days),
// and after a restart the loan's durable timer wakes it with no message.

#include "actors/lending/core/loan_position.hpp"
#include "actors/lending/loan_codec.hpp"
#include "actors/lending/loan_directory.hpp"
#include "tests/actors/lending/sample_loan.hpp"
#include "tests/actors/runtime/actor_node.hpp"

#include <doctest/doctest.h>

#include <thread>

using namespace pfms;
using namespace pfms::test;

namespace {

constexpr std::int64_t day_us = 86'400'000'000;
const std::string loan_id = "0192bbbb-bbbb-7bbb-8bbb-bbbbbbbbbbbb";

time_us at(const civil_date& d) {
  return days_from_civil(d) * day_us + 3'600'000'000; // 01:00 UTC that day
}

void set_day(manual_clock& clock, const civil_date& d) {
  clock.advance(at(d) - clock.now_us());
}

loan_offer offer() {
  return sample_offer(loan_id);
}

// The loan once `ready(loan)` holds, polled for up to 5 s; the last seen otherwise.
template <class Ready>
loan_state await_loan(actor_node& node, const loan_actor& loans, Ready ready) {
  loan_state seen;
  for (int i = 0; i < 250; ++i) {
    auto got = node.ask<loan_snapshot>(loans, loan_query{loan_id, "u1"});
    REQUIRE(got);
    seen = got->state;
    if (ready(seen))
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return seen;
}

} // namespace

TEST_CASE("the due-date timer follows the injected clock and comes back after a restart") {
  temp_dir dir;
  const auto path = dir.sub("store");
  {
    actor_node node(path);
    set_day(node.time, {2026, 1, 1});
    node.env.loan_tick_max = std::chrono::milliseconds(20);
    auto loans = node.system.spawn(loan_directory_fn, node.env);
    REQUIRE(node.ask<loan_snapshot>(loans, originate_loan{offer(), {}}, command_context{"u1", "c1"}));
    auto active = node.ask<loan_snapshot>(loans, disburse_loan{loan_id, "u1", {}, {}},
                                          command_context{"u1", "c2"});
    REQUIRE(active);
    CHECK(active->state.status == loan_status::active);
    CHECK(active->today == civil_date{2026, 1, 1});
    // Within the grace days: the timer wakes and charges nothing.
    set_day(node.time, {2026, 2, 4});
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    CHECK(await_loan(node, loans, [](const loan_state&) { return true; }).fees.empty());
    // The day after the grace: one fee, for the first installment, once.
    set_day(node.time, {2026, 2, 5});
    auto charged = await_loan(node, loans, [](const loan_state& s) { return !s.fees.empty(); });
    REQUIRE(charged.fees.size() == 1);
    CHECK(charged.fees[0].installment == 1);
    CHECK(charged.fees[0].on == civil_date{2026, 2, 5});
    CHECK(days_overdue(charged, {2026, 2, 5}) == 4);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(await_loan(node, loans, [](const loan_state&) { return true; }).fees.size() == 1);
    caf::anon_send_exit(loans, caf::exit_reason::user_shutdown);
  }
  {
    // A new node on the same store, a month later, asked nothing: the
    // directory finds the loan's durable timer due and wakes it; it recovers
    // from its log, finds the second installment past its grace and charges it.
    actor_node node(path);
    set_day(node.time, {2026, 3, 10});
    node.env.loan_tick_max = std::chrono::milliseconds(20);
    node.env.sweep_every = std::chrono::milliseconds(0); // only the directory's start looks
    // Moved by the first fee's append to the second installment's fee day.
    CHECK(*node.store->timer_of(loan_stream(loan_id)) == days_from_civil({2026, 3, 5}) * day_us);
    auto loans = node.system.spawn(loan_directory_fn, node.env);
    REQUIRE(eventually([&] { return late_fees(*node.store, loan_id) == 2; }));
    auto after = await_loan(node, loans, [](const loan_state& s) { return s.fees.size() >= 2; });
    REQUIRE(after.fees.size() == 2);
    CHECK(after.fees[1].installment == 2);
    CHECK(after.fees[1].on == civil_date{2026, 3, 10});
    CHECK(bucket_of(days_overdue(after, {2026, 3, 10})) == delinquency::days_31_60);
    std::vector<std::string> types;
    REQUIRE(node.store->scan(loan_stream(loan_id), 1, [&](const recorded_event& e) {
      types.push_back(e.type);
      CHECK((e.type != "LateFeeCharged" || e.actor == "system"));
      return true;
    }));
    CHECK(types == std::vector<std::string>{"LoanOriginated", "LoanDisbursed", "LateFeeCharged",
                                            "LateFeeCharged"});
    caf::anon_send_exit(loans, caf::exit_reason::user_shutdown);
  }
}
