#include "actors/ledger/account_codec.hpp"
#include "tests/actors/ledger/account_snapshots.hpp"
#include "actors/ledger/core/account_core.hpp"
#include "actors/ledger/core/account_error.hpp"
#include "actors/ledger/core/transaction_query.hpp"
#include "actors/ledger/core/transfer_rules.hpp"
#include "events/money.hpp"
#include "events/store_error.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <optional>
#include <tuple>
#include <variant>

using namespace pfms;

namespace {

// Source: EUR, balance 1000, credit limit 500, owned by o1.
const account_opened source{"a1", "Main", account_kind::checking, "EUR", 1000, 500, "o1"};
const transfer_held held{"x1", "a2", 300, "EUR", 300};

account_state given(const std::vector<account_event>& history) {
  account_state s;
  for (const auto& e : history)
    s = evolve(std::move(s), e);
  return s;
}

hold_transfer hold(std::int64_t amount, const char* to_currency = "EUR",
                   std::int64_t to_amount = 0) {
  return {"a1", "x1", "a2", amount, "EUR", to_currency, to_amount, "o1"};
}

struct hold_row {
  const char* name;
  std::vector<account_event> history;
  hold_transfer command;
  std::optional<account_errc> error;     // expected rejection, else
  std::optional<transfer_held> event;    // the event (none: no event)
};

} // namespace

TEST_CASE("holding a transfer on an EUR account with balance 1000 and limit 500") {
  auto other_user = hold(100);
  other_user.caller_id = "o2";
  auto to_self = hold(100);
  to_self.to_account_id = "a1";
  auto wrong_currency = hold(100);
  wrong_currency.currency = "USD";
  auto other_content = hold(301);
  const hold_row rows[] = {
    {"within the balance", {source}, hold(300), {}, held},
    {"into the credit limit", {source}, hold(1500), {}, transfer_held{"x1", "a2", 1500, "EUR", 1500}},
    {"past the credit limit", {source}, hold(1501), account_errc::insufficient_funds, {}},
    {"zero", {source}, hold(0), account_errc::invalid_amount, {}},
    {"negative", {source}, hold(-1), account_errc::invalid_amount, {}},
    {"another user's account", {source}, other_user, account_errc::account_not_found, {}},
    {"no account", {}, hold(100), account_errc::account_not_found, {}},
    {"closed account", {account_opened{"a1", "M", account_kind::cash, "EUR", 0, 0, "o1"},
                        account_closed{}},
     hold(1), account_errc::account_closed, {}},
    {"to itself", {source}, to_self, account_errc::same_account, {}},
    {"the caller names another currency", {source}, wrong_currency,
     account_errc::currency_mismatch, {}},
    {"into USD without the arriving amount", {source}, hold(100, "USD"),
     account_errc::to_amount_required, {}},
    {"into USD with it", {source}, hold(100, "USD", 108),
     {}, transfer_held{"x1", "a2", 100, "USD", 108}},
    {"one currency, another arriving amount", {source}, hold(100, "EUR", 99),
     account_errc::invalid_amount, {}},
    {"the same transfer again", {source, held}, hold(300), {}, {}},
    {"the same transfer again, destination currency left out", {source, held},
     hold(300, ""), {}, {}},
    {"the same id for another transfer", {source, held}, other_content,
     account_errc::transfer_exists, {}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto decided = decide(given(row.history), row.command);
    if (row.error) {
      REQUIRE_FALSE(decided);
      CHECK(is(decided.error(), *row.error));
      continue;
    }
    REQUIRE(decided);
    if (!row.event) {
      CHECK(decided->empty());
      continue;
    }
    REQUIRE(decided->size() == 1);
    CHECK(std::get<transfer_held>(decided->front()) == *row.event);
  }
}

TEST_CASE("an unknown destination currency is refused before anything is held") {
  auto decided = decide(given({source}), hold(100, "XYZ", 100));
  REQUIRE_FALSE(decided);
  CHECK(is(decided.error(), money_errc::unknown_currency));
}

TEST_CASE("crediting a transfer happens once per transfer id") {
  const account_opened destination{"a2", "Savings", account_kind::savings, "EUR", 0, 0, "o1"};
  const credit_transfer credit{"a2", "x1", "a1", 300, "EUR", 300, "EUR", "o1"};
  const transfer_credited credited{"x1", "a1", 300, "EUR", 300};
  auto state = given({destination});
  auto first = decide(state, credit);
  REQUIRE(first);
  REQUIRE(first->size() == 1);
  CHECK(std::get<transfer_credited>(first->front()) == credited);
  state = evolve(std::move(state), first->front());
  CHECK(state.balance_minor == 300);
  auto again = decide(state, credit);
  REQUIRE(again);
  CHECK(again->empty());

  auto other = credit;
  other.amount_minor = 301;
  auto other_user = credit;
  other_user.caller_id = "o2";
  auto usd = credit;
  usd.transfer_id = "x2";
  usd.currency = "USD";
  auto huge = credit;
  huge.transfer_id = "x3";
  huge.amount_minor = std::numeric_limits<std::int64_t>::max();
  const std::pair<credit_transfer, account_errc> refusals[] = {
    {other, account_errc::transfer_exists},
    {other_user, account_errc::account_not_found},
    {usd, account_errc::currency_mismatch},
    {huge, account_errc::amount_overflow},
  };
  for (const auto& [command, error] : refusals) {
    CAPTURE(code_name(error));
    auto refused = decide(state, command);
    REQUIRE_FALSE(refused);
    CHECK(is(refused.error(), error));
    CHECK(is_final_refusal(refused.error()));
  }
  auto closed = given({account_opened{"a2", "S", account_kind::savings, "EUR", 0, 0, "o1"},
                       account_closed{}});
  auto refused = decide(closed, credit);
  REQUIRE_FALSE(refused);
  CHECK(is(refused.error(), account_errc::account_closed));
}

TEST_CASE("a hold is settled or released once; the balance follows and money is conserved") {
  auto state = given({source, held});
  CHECK(state.balance_minor == 700);
  CHECK(state.transfers_out.at("x1").status == transfer_status::held);

  auto settled = decide(state, settle_transfer{"x1"});
  REQUIRE(settled);
  REQUIRE(settled->size() == 1);
  auto after_settle = evolve(state, settled->front());
  CHECK(after_settle.balance_minor == 700);
  CHECK(after_settle.transfers_out.at("x1").status == transfer_status::settled);
  // Once settled, neither step writes again.
  CHECK(decide(after_settle, settle_transfer{"x1"})->empty());
  CHECK(decide(after_settle, release_transfer{"x1", "account_closed"})->empty());

  auto released = decide(state, release_transfer{"x1", "account_closed"});
  REQUIRE(released);
  REQUIRE(released->size() == 1);
  CHECK(std::get<transfer_released>(released->front()).held == held);
  auto after_release = evolve(state, released->front());
  CHECK(after_release.balance_minor == 1000);
  CHECK(after_release.transfers_out.at("x1").status == transfer_status::released);
  CHECK(after_release.transfers_out.at("x1").reason == "account_closed");
  CHECK(decide(after_release, settle_transfer{"x1"})->empty());

  for (auto result : {decide(state, settle_transfer{"nope"}),
                      decide(state, release_transfer{"nope", "x"})}) {
    REQUIRE_FALSE(result);
    CHECK(is(result.error(), account_errc::transfer_not_found));
  }
}

TEST_CASE("only refusals that no retry changes release a hold") {
  CHECK(is_final_refusal(make_failure(account_errc::account_closed, "")));
  CHECK(is_final_refusal(make_failure(store_errc::subject_erased, "")));
  CHECK_FALSE(is_final_refusal(make_failure(runtime_errc::unavailable, "timeout")));
  CHECK_FALSE(is_final_refusal(make_failure(store_errc::overloaded, "")));
  CHECK_FALSE(is_final_refusal(make_failure(store_errc::io, "")));
  CHECK_FALSE(is_final_refusal(make_failure(store_errc::corrupt, "")));
}

TEST_CASE("transfers survive the snapshot round trip") {
  const transfer_held x2{"x2", "a3", 50, "USD", 54, "", 7};
  auto state = given({source, held, x2, transfer_released{"x2", "account_closed", x2},
                      transfer_credited{"x9", "a7", 20, "EUR", 20}});
  const sealer seal{std::string(32, 'k'), "account-a1"};
  auto decoded = test::decode_account_snapshot(test::encode_account_snapshot(state, seal), seal);
  REQUIRE(decoded);
  CHECK(*decoded == state);
  CHECK(decoded->transfers_out.size() == 2);
  CHECK(decoded->transfers_in.size() == 1);
}

TEST_CASE("transfer events survive encoding") {
  const sealer seal{std::string(32, 'k'), "account-a1"};
  const std::vector<account_event> events{held, transfer_credited{"x9", "a7", 20, "EUR", 21},
                                          transfer_settled{"x1"},
                                          transfer_released{"x1", "amount_overflow", held}};
  for (const auto& e : events) {
    auto stored = encode_account_event(e, {"e1", "o1", "c1", "test"}, seal);
    recorded_event r;
    r.type = stored.type;
    r.payload = stored.payload;
    auto back = decode_account_event(r, seal);
    REQUIRE(back);
    CHECK(back->index() == e.index());
  }
  recorded_event broken;
  broken.type = "TransferHeld";
  broken.payload = "\xff\xff";
  CHECK_FALSE(decode_account_event(broken, seal));
}

TEST_CASE("an account with a transfer out still pending does not close") {
  auto state = given({account_opened{"a1", "M", account_kind::cash, "EUR", 300, 0, "o1"},
                      held});
  CHECK(state.balance_minor == 0);
  auto refused = decide(state, close_account{"a1", "o1"});
  REQUIRE_FALSE(refused);
  CHECK(is(refused.error(), account_errc::balance_not_zero));
  auto settled = evolve(state, transfer_settled{"x1"});
  CHECK(decide(settled, close_account{"a1", "o1"}));
}

TEST_CASE("reconciliation counts transfers at their instant; a released one never left") {
  // 1000 opening; 300 out at 100; 200 in at 200; 50 out at 50, released.
  const transfer_held out{"x1", "a2", 300, "EUR", 300, "", 100};
  const transfer_held back{"x2", "a2", 50, "EUR", 50, "", 50};
  auto state = given({source, out, back, transfer_credited{"x9", "a3", 200, "EUR", 200, 200},
                      transfer_released{"x2", "account_closed", back}});
  CHECK(state.balance_minor == 900);
  CHECK(*balance_at(state, 99) == 1000);
  CHECK(*balance_at(state, 100) == 700);
  CHECK(*balance_at(state, 250) == 900);
  auto checked = decide(state, reconcile_account{"a1", "o1", 250, 900});
  REQUIRE(checked);
  CHECK(std::get<account_reconciled>(checked->front()).matched);
  // A hold still pending has left the balance too.
  CHECK(*balance_at(given({source, out}), 100) == 700);
}

TEST_CASE("a history lists each leg of a transfer, marked, by its instant and filters") {
  const transfer_held out{"x1", "a2", 300, "EUR", 330, "", 100};
  auto a1 = given({source, out, transaction_recorded{"t1", transaction_kind::expense, 10, "EUR",
                                                     150, "food", "", "", {}, {}}});
  auto a2 = given({account_opened{"a2", "S", account_kind::savings, "USD", 0, 0, "o1"},
                   transfer_credited{"x1", "a1", 330, "USD", 300, 100}});
  auto ids = [](const std::vector<listed_transaction>& lines) {
    std::vector<std::string> out;
    for (const auto& l : lines)
      out.push_back(l.entry.content.transaction_id + "@" + l.account_id);
    return out;
  };
  auto all = select_transactions({a1, a2}, {}, std::nullopt, 50);
  CHECK(ids(all) == std::vector<std::string>{"t1@a1", "x1/out@a1", "x1/in@a2"});
  REQUIRE(all[2].transfer);
  CHECK_FALSE(all[2].transfer->outgoing);
  CHECK(all[2].transfer->counterpart_account_id == "a1");
  CHECK(all[2].transfer->counterpart_amount_minor == 300);
  CHECK(all[2].entry.content.amount_minor == 330);
  CHECK(all[2].entry.content.currency == "USD");
  CHECK(all[1].transfer->outgoing);
  CHECK(all[1].entry.content.kind == transaction_kind::expense);
  // A leg has no category: that filter leaves it out; amounts filter it.
  CHECK(ids(select_transactions({a1, a2}, {.category = "food"}, std::nullopt, 50))
        == std::vector<std::string>{"t1@a1"});
  CHECK(ids(select_transactions({a1, a2}, {.amount_min = 320}, std::nullopt, 50))
        == std::vector<std::string>{"x1/in@a2"});
  // Released: listed only with the voided ones.
  auto released = evolve(a1, transfer_released{"x1", "account_closed", out});
  CHECK(ids(select_transactions({released}, {}, std::nullopt, 50))
        == std::vector<std::string>{"t1@a1"});
  auto with_voided = select_transactions({released}, {.include_voided = true}, std::nullopt, 50);
  REQUIRE(with_voided.size() == 2);
  CHECK(with_voided[1].entry.voided);
}

TEST_CASE("a completed transfer backs one claim at a time; a release frees it for another") {
  auto settled = given({source, held, transfer_settled{"x1"}});
  const claim_transfer first{"a1", "x1", "g1/s1", "o1"};
  auto claimed = decide(settled, first);
  REQUIRE(claimed);
  REQUIRE(claimed->size() == 1);
  auto state = evolve(settled, claimed->front());
  CHECK(state.transfers_out.at("x1").claim == "g1/s1");
  CHECK(decide(state, first)->empty()); // the same claim again: nothing new
  auto other = decide(state, claim_transfer{"a1", "x1", "g2/s9", "o1"});
  REQUIRE_FALSE(other);
  CHECK(is(other.error(), account_errc::transfer_claimed));
  // Another claim's release leaves it; its own frees it.
  CHECK(decide(state, claim_transfer{"a1", "x1", "g2/s9", "o1", true})->empty());
  auto released = decide(state, claim_transfer{"a1", "x1", "g1/s1", "o1", true});
  REQUIRE(released);
  REQUIRE(released->size() == 1);
  auto free = evolve(state, released->front());
  CHECK(free.transfers_out.at("x1").claim.empty());
  CHECK(decide(free, claim_transfer{"a1", "x1", "g2/s9", "o1"})->size() == 1);
  // Only a completed transfer of the caller's own account.
  for (const auto& [history, command, code] :
       {std::tuple{given({source, held}), first, account_errc::transfer_not_found},
        std::tuple{settled, claim_transfer{"a1", "x7", "g1/s1", "o1"}, account_errc::transfer_not_found},
        std::tuple{settled, claim_transfer{"a1", "x1", "g1/s1", "o2"}, account_errc::account_not_found}}) {
    auto refused = decide(history, command);
    REQUIRE_FALSE(refused);
    CHECK(is(refused.error(), code));
  }
  // Claims need no open account: the money moved already.
  auto closed = given({account_opened{"a1", "M", account_kind::cash, "EUR", 300, 0, "o1"},
                       transfer_held{"x1", "a2", 300, "EUR", 300}, transfer_settled{"x1"},
                       account_closed{}});
  CHECK(decide(closed, first)->size() == 1);
}
