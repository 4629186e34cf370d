// The core's rules for a disbursement through the ledger: who names the
// receiving account, when a disbursement may start, and how its transfer's
// outcome settles it. The saga itself runs in tests/e2e/loans_ledger_test.cpp.

#include "actors/lending/core/loan_core.hpp"
#include "actors/lending/core/loan_error.hpp"
#include "actors/lending/loan_codec.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "tests/actors/runtime/scratch_store.hpp"

#include <doctest/doctest.h>

using namespace pfms;

namespace {

const std::string lender = "11111111-1111-4111-8111-111111111111";
const std::string borrower = "22222222-2222-4222-8222-222222222222";
const std::string loan_id = "33333333-3333-4333-8333-333333333333";
const civil_date day{2026, 1, 1};

loan_offer offer(const std::string& by = lender, std::string receiving = "") {
  loan_offer o;
  o.loan_id = loan_id;
  o.lender = {lender, ""};
  o.borrower = {borrower, ""};
  o.currency = "EUR";
  o.principal_minor = 500'000;
  o.annual_rate_bps = 500;
  o.term_months = 12;
  o.start_on = day;
  o.first_due = {2026, 2, 1};
  o.originated_by = by;
  o.receiving_account_id = std::move(receiving);
  return o;
}

template <class Command>
result<std::vector<loan_event>> step(loan_state& s, const Command& c) {
  auto events = decide(s, c);
  if (events)
    for (const auto& e : *events)
      s = evolve(std::move(s), e);
  return events;
}

template <class Command>
std::string code_of(const loan_state& s, const Command& c) {
  auto events = decide(s, c);
  if (events)
    return "accepted";
  REQUIRE(events.error().domain == error_domain::loan);
  return std::string(code_name(static_cast<loan_errc>(events.error().code)));
}

// Offered by the lender, accepted by the borrower naming `receiving`.
loan_state accepted(std::string receiving = "acc-b") {
  loan_state s;
  REQUIRE(step(s, originate_loan{offer(), day}));
  REQUIRE(step(s, accept_loan{loan_id, borrower, std::move(receiving)}));
  return s;
}

disburse_loan through(std::string transfer, std::string from = "acc-l", std::string caller = lender) {
  return {loan_id, std::move(caller), day, day, std::move(from), std::move(transfer)};
}

} // namespace

TEST_CASE("only the borrower names the receiving account, when offering or accepting") {
  loan_state s;
  CHECK(code_of(s, originate_loan{offer(lender, "acc-b"), day}) == "not_permitted");
  CHECK(code_of(s, originate_loan{offer(borrower, "acc-b"), day}) == "accepted");
  REQUIRE(step(s, originate_loan{offer(borrower, "acc-b"), day}));
  CHECK(s.receiving_account_id == "acc-b");

  loan_state t;
  REQUIRE(step(t, originate_loan{offer(), day}));
  CHECK(code_of(t, accept_loan{loan_id, lender, "acc-l"}) == "not_permitted");
  REQUIRE(step(t, accept_loan{loan_id, borrower, "acc-b"}));
  CHECK(t.receiving_account_id == "acc-b");
  CHECK(t.status == loan_status::accepted);
}

TEST_CASE("a disbursement through the ledger: refusals before it starts") {
  struct row {
    const char* name;
    loan_state state;
    disburse_loan command;
    const char* code;
  };
  loan_state named;
  auto o = offer();
  o.borrower = {"", "A friend"};
  REQUIRE(step(named, originate_loan{o, day}));
  auto later = through("t1");
  later.on = {2026, 1, 2};
  const row rows[] = {
    {"no receiving account named", accepted(""), through("t1"), "receiving_account_missing"},
    {"the borrower is a named party", named, through("t1"), "receiving_account_missing"},
    {"the borrower disbursing", accepted(), through("t1", "acc-b", borrower), "not_permitted"},
    {"a day after today", accepted(), later, "invalid_date"},
    {"a third user", accepted(), through("t1", "acc-x", "44444444-4444-4444-8444-444444444444"),
     "loan_not_found"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    CHECK(code_of(r.state, r.command) == r.code);
  }
}

TEST_CASE("a disbursement through the ledger is requested once, then settled by its transfer") {
  auto s = accepted();
  auto requested = step(s, through("t1"));
  REQUIRE(requested);
  REQUIRE(requested->size() == 1);
  REQUIRE(std::holds_alternative<disbursement_requested>(requested->front()));
  CHECK(s.status == loan_status::accepted);
  CHECK(s.disbursing == loan_disbursement{"t1", "acc-l", "acc-b", day, lender});

  // Asked again by the same transfer: nothing new; another content or another one: refused.
  CHECK(step(s, through("t1"))->empty());
  CHECK(code_of(s, through("t1", "acc-other")) == "loan_state_conflict");
  CHECK(code_of(s, through("t2")) == "loan_state_conflict");
  CHECK(code_of(s, disburse_loan{loan_id, lender, day, day}) == "loan_state_conflict");
  // Nor does it close while its transfer may still move the money.
  CHECK(code_of(s, close_loan{loan_id, borrower}) == "loan_state_conflict");
  // Another transfer's outcome changes nothing.
  CHECK(step(s, settle_disbursement{loan_id, "t9"})->empty());
  CHECK(step(s, fail_disbursement{loan_id, "t9", "x"})->empty());

  auto settled = step(s, settle_disbursement{loan_id, "t1"});
  REQUIRE(settled);
  REQUIRE(settled->size() == 1);
  CHECK(std::get<loan_disbursed>(settled->front()).transfer_id == "t1");
  CHECK(s.status == loan_status::active);
  CHECK(s.disbursed_on == day);
  CHECK(s.disbursing.transfer_id.empty());
  CHECK(s.disbursed_through.transfer_id == "t1");
  // Afterwards the same request answers as done; settling again writes nothing.
  CHECK(step(s, through("t1"))->empty());
  CHECK(step(s, settle_disbursement{loan_id, "t1"})->empty());
  CHECK(code_of(s, through("t2")) == "loan_state_conflict");
}

TEST_CASE("a refused transfer leaves the loan accepted; its request answers the refusal, a new one may start") {
  auto s = accepted();
  REQUIRE(step(s, through("t1")));
  auto failed = step(s, fail_disbursement{loan_id, "t1", "insufficient_funds"});
  REQUIRE(failed);
  REQUIRE(failed->size() == 1);
  CHECK(s.status == loan_status::accepted);
  CHECK(s.disbursing.transfer_id.empty());
  CHECK(s.last_failure.reason == "insufficient_funds");
  CHECK(code_of(s, through("t1")) == "disbursement_refused");
  CHECK(step(s, settle_disbursement{loan_id, "t1"})->empty()); // too late: nothing
  CHECK(s.status == loan_status::accepted);
  CHECK(code_of(s, close_loan{loan_id, lender}) == "accepted"); // after the failure it may close
  REQUIRE(step(s, through("t2")));
  CHECK(s.disbursing.transfer_id == "t2");
}

TEST_CASE("the ledger link survives encoding") {
  const std::vector<loan_event> events{loan_originated{offer(borrower, "acc-b")}};
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
    CHECK(std::get<loan_originated>(*back).offer.receiving_account_id == "acc-b");
  }
}
