#include "actors/lending/core/loan_core.hpp"
#include "actors/lending/core/loan_error.hpp"
#include "actors/lending/core/loan_position.hpp"
#include "actors/lending/loan_codec.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "tests/actors/lending/core/loan_samples.hpp"
#include "tests/actors/runtime/scratch_store.hpp"

#include <doctest/doctest.h>

#include <numeric>
#include <random>

using namespace pfms;
using namespace pfms::test;

namespace {

std::int64_t sum(const std::vector<installment>& plan, std::int64_t installment::*field) {
  return std::accumulate(plan.begin(), plan.end(), std::int64_t{0},
                         [&](std::int64_t t, const installment& i) { return t + i.*field; });
}

} // namespace

TEST_CASE("a prepayment re-plans the rest: reduce_installment keeps the end, reduce_term the installment") {
  const loan_terms t{1'000'000, 500, 12, schedule_type::annuity, day_count::thirty_360,
                     {2026, 1, 1}, {2026, 2, 1}};
  const loan_adjustment prepay{loan_adjustment::kind::prepayment, {2026, 3, 15}, 200'000, 0,
                               prepayment_mode::reduce_installment, -1};
  auto base = derive_schedule(t, {});
  auto lower = derive_schedule(t, {prepay});
  auto term = prepay;
  term.mode = prepayment_mode::reduce_term;
  auto shorter = derive_schedule(t, {term});
  REQUIRE((base && lower && shorter));
  // The first three installments never change: the prepayment lowers the balance after the third.
  for (int i = 0; i < 3; ++i) {
    CHECK((*lower)[i] .total_minor == (*base)[i].total_minor);
    CHECK((*shorter)[i].total_minor == (*base)[i].total_minor);
  }
  CHECK((*lower)[2].balance_after_minor == (*base)[2].balance_after_minor - 200'000);
  CHECK(lower->size() == 12);
  CHECK((*lower)[3].total_minor < 85'607);
  CHECK((*lower)[3].total_minor == annuity_payment((*lower)[2].balance_after_minor, 500, 9));
  CHECK(shorter->size() < 12);
  CHECK((*shorter)[3].total_minor == 85'607);
  for (const auto* plan : {&*lower, &*shorter}) {
    CHECK(sum(*plan, &installment::principal_minor) + 200'000 == 1'000'000);
    CHECK(plan->back().balance_after_minor == 0);
  }
  CHECK(sum(*shorter, &installment::interest_minor) < sum(*lower, &installment::interest_minor));
  CHECK(sum(*lower, &installment::interest_minor) < sum(*base, &installment::interest_minor));
}

TEST_CASE("a rate change applies to the periods starting on or after its day") {
  const loan_terms t{1'000'000, 500, 12, schedule_type::annuity, day_count::thirty_360,
                     {2026, 1, 1}, {2026, 2, 1}};
  auto base = derive_schedule(t, {});
  auto changed =
    derive_schedule(t, {{loan_adjustment::kind::rate_change, {2026, 6, 15}, 0, 1'000, {}, -1}});
  REQUIRE((base && changed));
  // Periods start on the 1st: the one starting 2026-07-01 (the 7th installment) is the first at 10%.
  for (int i = 0; i < 6; ++i)
    CHECK((*changed)[i] == (*base)[i]);
  const auto balance = (*base)[5].balance_after_minor;
  CHECK((*changed)[6].interest_minor == (balance * 1'000 + 60'000) / 120'000);
  CHECK((*changed)[6].total_minor == annuity_payment(balance, 1'000, 6));
  CHECK(changed->size() == 12);
  CHECK(sum(*changed, &installment::principal_minor) == 1'000'000);
}

TEST_CASE("a payoff inside a period ends it with the interest accrued to that day") {
  const loan_terms t{1'200'000, 1'200, 12, schedule_type::annuity, day_count::thirty_360,
                     {2026, 1, 1}, {2026, 2, 1}};
  auto plan = derive_schedule(t, {{loan_adjustment::kind::payoff, {2026, 2, 16}, 0, 0, {}, -1}});
  REQUIRE(plan);
  REQUIRE(plan->size() == 2);
  const auto balance = (*plan)[0].balance_after_minor;
  // 15 days of 30/360 at 12%: balance × 0.12 × 15/360.
  CHECK((*plan)[1].interest_minor == (balance * 1'200 * 15 * 2 + 3'600'000) / 7'200'000);
  CHECK((*plan)[1].principal_minor == balance);
  CHECK(interest_between(day_count::actual_365, 3'650'000, 1'000, {2026, 3, 1}, {2026, 3, 11})
        == 10'000);
}

TEST_CASE("the loan's life: offer, acceptance by the other party, disbursement, repayments, payoff, close") {
  auto o = offer();
  auto s = run(loan_state{}, originate_loan{o, o.start_on});
  CHECK(s.status == loan_status::proposed);
  CHECK(refusal(s, accept_loan{o.loan_id, lender}) == loan_errc::not_permitted);
  CHECK(refusal(s, accept_loan{o.loan_id, "someone-else"}) == loan_errc::loan_not_found);
  CHECK(refusal(s, disburse_loan{o.loan_id, lender, o.start_on, o.start_on})
        == loan_errc::loan_state_conflict);
  s = run(s, accept_loan{o.loan_id, borrower});
  CHECK(refusal(s, disburse_loan{o.loan_id, borrower, o.start_on, o.start_on})
        == loan_errc::not_permitted);
  CHECK(refusal(s, disburse_loan{o.loan_id, lender, {2026, 2, 1}, {2026, 2, 1}})
        == loan_errc::invalid_date);
  s = run(s, disburse_loan{o.loan_id, lender, o.start_on, o.start_on});
  REQUIRE(s.status == loan_status::active);
  REQUIRE(s.schedule.size() == 12);
  // The first installment, paid on its day: interest 41.67, then principal.
  s = run(s, repay(s, 85'607, {2026, 2, 1}));
  CHECK(s.paid_interest == 4'167);
  CHECK(s.paid_principal == 85'607 - 4'167);
  CHECK(covers_of(s)[0].paid(s.schedule[0]));
  CHECK(refusal(s, repay(s, 1, {2026, 1, 20}, "r2")) == loan_errc::invalid_date);
  CHECK(refusal(s, repay(s, 0, {2026, 2, 2}, "r2")) == loan_errc::invalid_amount);
  // The payoff on 2026-02-16: the balance and half a month of interest.
  const auto quote = quote_on(s, {2026, 2, 16});
  const auto balance = s.schedule[0].balance_after_minor;
  CHECK(quote.principal_minor == balance);
  CHECK(quote.interest_minor == interest_between(day_count::thirty_360, balance, 500,
                                                 {2026, 2, 1}, {2026, 2, 16}));
  CHECK(refusal(s, repay(s, quote.total_minor + 1, {2026, 2, 16}, "r2"))
        == loan_errc::overpayment_refused);
  CHECK(refusal(s, close_loan{o.loan_id, lender}) == loan_errc::loan_state_conflict);
  s = run(s, repay(s, quote.total_minor, {2026, 2, 16}, "r2"));
  CHECK(s.status == loan_status::paid_off);
  CHECK(principal_outstanding(s) == 0);
  CHECK(s.schedule.size() == 2);
  CHECK(sum(s.schedule, &installment::interest_minor) == s.paid_interest);
  s = run(s, close_loan{o.loan_id, borrower});
  CHECK(s.status == loan_status::closed);
}

TEST_CASE("a named outside party needs no acceptance; the user acts for both sides") {
  auto o = offer();
  o.lender = {"", "Bank of Elsewhere"};
  o.originated_by = borrower;
  auto s = run(loan_state{}, originate_loan{o, o.start_on});
  CHECK(s.status == loan_status::accepted);
  CHECK(lender_side(s) == borrower);
  s = run(s, disburse_loan{o.loan_id, borrower, o.start_on, o.start_on});
  CHECK(s.status == loan_status::active);
}

TEST_CASE("bad offers are refused with their reason") {
  struct row {
    const char* name;
    void (*change)(loan_offer&);
    loan_errc code;
  };
  const row rows[] = {
    {"no principal", [](loan_offer& o) { o.principal_minor = 0; }, loan_errc::invalid_loan_terms},
    {"a negative rate", [](loan_offer& o) { o.annual_rate_bps = -1; }, loan_errc::invalid_loan_terms},
    {"no term", [](loan_offer& o) { o.term_months = 0; }, loan_errc::invalid_loan_terms},
    {"601 months", [](loan_offer& o) { o.term_months = 601; }, loan_errc::invalid_loan_terms},
    {"first due before start", [](loan_offer& o) { o.first_due = {2025, 12, 1}; },
     loan_errc::invalid_loan_terms},
    {"a party both user and name", [](loan_offer& o) { o.lender.name = "Also"; }, loan_errc::invalid_party},
    {"a party neither", [](loan_offer& o) { o.borrower.user_id = ""; }, loan_errc::invalid_party},
    {"the same user twice", [](loan_offer& o) { o.borrower.user_id = lender; }, loan_errc::invalid_party},
    {"a caller who is no party", [](loan_offer& o) { o.originated_by = "x"; }, loan_errc::invalid_party},
    {"a 91-day grace", [](loan_offer& o) { o.late_fee.grace_days = 91; }, loan_errc::invalid_loan_terms},
    {"a negative fee", [](loan_offer& o) { o.late_fee.fee_minor = -1; }, loan_errc::invalid_loan_terms},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.name));
    auto o = offer();
    r.change(o);
    CHECK(refusal(loan_state{}, originate_loan{o, {2026, 1, 1}}) == r.code);
  }
  auto o = offer();
  o.currency = "XXY";
  CHECK_FALSE(decide(loan_state{}, originate_loan{o, {2026, 1, 1}}));
}

TEST_CASE("allocation: fees, then interest, then principal; excess prepays or is refused") {
  auto o = offer();
  o.late_fee = {2'500, 5};
  auto s = active(o);
  // Nothing paid: no fee within the grace days, one the day after, never two.
  CHECK(decide(s, charge_late_fees{o.loan_id, {2026, 2, 6}})->empty());
  CHECK(*next_fee_day(s) == civil_date{2026, 2, 7});
  s = run(s, charge_late_fees{o.loan_id, {2026, 2, 7}});
  REQUIRE(s.fees.size() == 1);
  CHECK(s.fees[0].installment == 1);
  CHECK(decide(s, charge_late_fees{o.loan_id, {2026, 2, 8}})->empty());
  CHECK(*next_fee_day(s) == civil_date{2026, 3, 7});
  s = run(s, repay(s, 3'000, {2026, 2, 8}));
  CHECK(s.repayments.back().applied == allocation{2'500, 500, 0, 0});
  auto other = o;
  other.order = allocation_order::interest_fees_principal;
  auto t = run(active(other), charge_late_fees{o.loan_id, {2026, 2, 7}});
  t = run(t, repay(t, 5'000, {2026, 2, 8}));
  CHECK(t.repayments.back().applied == allocation{833, 4'167, 0, 0});
  // Everything payable on 2026-02-08 is fee + installments 1 and 2: the rest prepays.
  auto u = run(t, repay(t, 300'000, {2026, 2, 9}, "r2"));
  CHECK(u.repayments.back().applied.excess_minor == 300'000 - (2'500 - 833) - (2 * 85'607 - 4'167));
  CHECK(u.prepaid == u.repayments.back().applied.excess_minor);
  auto strict = other;
  strict.overpayment = overpayment_policy::reject;
  auto v = active(strict);
  CHECK(refusal(v, repay(v, 200'000, {2026, 2, 9})) == loan_errc::overpayment_refused);
}

TEST_CASE("days overdue and buckets follow the calendar") {
  auto s = active();
  struct row { civil_date today; std::int64_t days; delinquency bucket; };
  const row rows[] = {
    {{2026, 2, 1}, 0, delinquency::current},   {{2026, 2, 2}, 1, delinquency::days_1_30},
    {{2026, 3, 3}, 30, delinquency::days_1_30}, {{2026, 3, 4}, 31, delinquency::days_31_60},
    {{2026, 4, 2}, 60, delinquency::days_31_60}, {{2026, 4, 3}, 61, delinquency::days_61_90},
    {{2026, 5, 2}, 90, delinquency::days_61_90}, {{2026, 5, 3}, 91, delinquency::days_over_90},
  };
  for (const auto& r : rows) {
    CAPTURE(to_string(r.today));
    CHECK(days_overdue(s, r.today) == r.days);
    CHECK(bucket_of(days_overdue(s, r.today)) == r.bucket);
  }
  // Interest comes first across what is due: one installment's worth leaves
  // the first one's principal short; two settle both.
  s = run(s, repay(s, 85'607, {2026, 3, 3}));
  CHECK(days_overdue(s, {2026, 3, 3}) == 30);
  s = run(s, repay(s, 85'607, {2026, 3, 3}, "r2"));
  CHECK(days_overdue(s, {2026, 3, 3}) == 0);
  CHECK(days_overdue(s, {2026, 4, 2}) == 1);
}

TEST_CASE("prepayments: by the borrower, nothing overdue, within the balance") {
  auto s = active();
  const prepay_loan p{s.offer.loan_id, borrower, "p1", 100'000, prepayment_mode::reduce_installment,
                      {2026, 2, 10}, {2026, 2, 10}};
  CHECK(refusal(s, p) == loan_errc::amounts_overdue);
  s = run(s, repay(s, 85'607, {2026, 2, 1}));
  auto lender_prepays = p;
  lender_prepays.caller_id = lender;
  CHECK(refusal(s, lender_prepays) == loan_errc::not_permitted);
  auto too_much = p;
  too_much.amount_minor = s.schedule[1].balance_after_minor + 1;
  CHECK(refusal(s, too_much) == loan_errc::exceeds_balance);
  s = run(s, p);
  CHECK(s.prepaid == 100'000);
  CHECK(s.schedule.size() == 12);
  CHECK(s.schedule[1].total_minor == 85'607); // the period it fell in keeps its installment
  CHECK(s.schedule[2].total_minor < 85'607);
}

TEST_CASE("random histories keep principal, balances and interest sound") {
  std::mt19937_64 rng(7);
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  for (int round = 0; round < 1'000; ++round) {
    auto o = offer(pick(1'000, 50'000'000), static_cast<int>(pick(0, 3'000)), static_cast<int>(pick(1, 48)));
    o.type = static_cast<schedule_type>(pick(1, 3));
    o.basis = static_cast<day_count>(pick(1, 2));
    o.late_fee = {pick(0, 5'000), static_cast<int>(pick(0, 10))};
    o.excess_mode = static_cast<prepayment_mode>(pick(1, 2));
    o.order = static_cast<allocation_order>(pick(1, 2));
    auto s = active(o);
    auto day = days_from_civil(o.start_on);
    auto rate_from = day;
    for (int step = 0; step < 40 && s.status == loan_status::active; ++step) {
      day += pick(0, 40);
      const auto today = civil_from_days(day);
      const auto choice = pick(0, 9);
      if (choice < 6) {
        s = run(s, charge_late_fees{o.loan_id, today});
        const auto owed = quote_on(s, today).total_minor;
        REQUIRE(owed > 0); // an active loan always owes something
        const auto amount = pick(1, owed);
        s = run(s, repay(s, amount, today, "r" + std::to_string(step)));
      } else if (choice < 8) {
        rate_from = std::max(rate_from, day + pick(1, 60));
        s = run(s, change_loan_rate{o.loan_id, lender, static_cast<int>(pick(0, 3'000)),
                                    civil_from_days(rate_from), today});
      } else if (payable_on(s, today).overdue_minor() == 0) {
        const auto ends = std::find_if(s.schedule.begin(), s.schedule.end(),
                                       [&](const installment& i) { return today < i.due; });
        if (ends != s.schedule.end() && ends->balance_after_minor > 0)
          s = run(s, prepay_loan{o.loan_id, borrower, "p" + std::to_string(step),
                                 pick(1, ends->balance_after_minor),
                                 static_cast<prepayment_mode>(pick(1, 2)), today, today});
      }
      for (const auto& i : s.schedule) {
        REQUIRE(i.interest_minor >= 0);
        REQUIRE(i.principal_minor >= 0);
        REQUIRE(i.balance_after_minor >= 0);
      }
      for (const auto& r : s.repayments)
        REQUIRE((r.applied.fees_minor >= 0 && r.applied.interest_minor >= 0
                 && r.applied.principal_minor >= 0 && r.applied.excess_minor >= 0));
      REQUIRE(sum(s.schedule, &installment::principal_minor) + s.prepaid == o.principal_minor);
      REQUIRE(principal_outstanding(s) >= 0);
    }
    // Whatever happened, the payoff quote ends the loan with every cent of principal repaid.
    if (s.status == loan_status::active) {
      const auto today = civil_from_days(day + 1);
      s = run(s, repay(s, quote_on(s, today).total_minor, today, "final"));
    }
    REQUIRE(s.status == loan_status::paid_off);
    REQUIRE(s.paid_principal + s.prepaid == o.principal_minor);
    REQUIRE(s.paid_interest == sum(s.schedule, &installment::interest_minor));
  }
}

TEST_CASE("every loan event survives encoding") {
  const std::vector<loan_event> events{
    loan_originated{offer()}, loan_accepted{borrower}, loan_disbursed{{2026, 1, 1}, lender},
    repayment_recorded{{"r1", {2026, 2, 1}, 100, {1, 2, 3, 94}, prepayment_mode::reduce_installment, false}},
    prepayment_recorded{"p1", {2026, 2, 2}, 50, prepayment_mode::reduce_term},
    loan_rate_changed{{2026, 3, 1}, 700}, late_fee_charged{{2, {2026, 3, 8}, 2'500}},
    loan_paid_off{{2026, 4, 9}, 123}, loan_written_off{{2026, 4, 9}, 1, 2, 3}, loan_closed{lender},
    loan_accepted{borrower, "acc-b"}, loan_disbursed{{2026, 1, 1}, lender, "t1"},
    disbursement_requested{{"t1", "acc-l", "acc-b", {2026, 1, 1}, lender}},
    disbursement_failed{"t1", "insufficient_funds"}};
  test::scratch_store scratch;
  writer_keys keys(*scratch.store, loan_stream("x"));
  for (const auto& e : events) {
    auto stored = encode_loan_event(e, {"id", "actor", "corr", "cause"}, keys);
    recorded_event r;
    r.stream_id = loan_stream("x");
    r.type = stored.type;
    r.payload = stored.payload;
    auto back = decode_loan_event(r, keys);
    REQUIRE(back);
    CHECK(back->index() == e.index());
    CHECK(encode_loan_event(*back, {"id", "actor", "corr", "cause"}, keys).payload
          == stored.payload);
  }
  recorded_event bad;
  bad.type = "RepaymentRecorded";
  auto wrong = encode_loan_event(events[3], {}, keys);
  bad.payload = wrong.payload + "\x12\x01x"; // the day no longer parses
  CHECK_FALSE(decode_loan_event(bad, keys));
}
