#include "actors/ledger/core/account_core.hpp"
#include "actors/ledger/core/account_error.hpp"
#include "actors/ledger/core/transaction_query.hpp"
#include "events/money.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <optional>

using namespace pfms;

namespace {

const account_opened opened_eur{"a1", "Main", account_kind::checking, "EUR", 1000, 500, "o1"};

account_state given(const std::vector<account_event>& history) {
  account_state s;
  for (const auto& e : history)
    s = evolve(std::move(s), e);
  return s;
}

record_transaction tx(const char* kind, std::int64_t amount, const char* currency = "EUR") {
  return {"a1", "t1", kind, amount, currency, 1'700'000'000'000'000, "food", "", "o1"};
}

struct record_row {
  const char* name;
  record_transaction command;
  std::optional<account_errc> error;      // expected rejection
  std::optional<money_errc> money_error;  // or a money rejection
  std::int64_t balance_after = 0;         // when accepted
};

} // namespace

TEST_CASE("recording transactions on an open EUR account with balance 1000 and limit 500") {
  const auto max = std::numeric_limits<std::int64_t>::max();
  const record_row rows[] = {
    {"income adds", tx("income", 250), {}, {}, 1250},
    {"expense subtracts", tx("expense", 250), {}, {}, 750},
    {"expense into the credit limit is allowed", tx("expense", 1500), {}, {}, -500},
    {"expense past the credit limit", tx("expense", 1501), account_errc::insufficient_funds, {}, 0},
    {"zero amount", tx("income", 0), account_errc::invalid_amount, {}, 0},
    {"negative amount", tx("income", -5), account_errc::invalid_amount, {}, 0},
    {"other currency", tx("income", 5, "USD"), account_errc::currency_mismatch, {}, 0},
    {"unknown currency", tx("income", 5, "XYZ"), {}, money_errc::unknown_currency, 0},
    {"unknown kind", tx("transfer", 5), account_errc::invalid_kind, {}, 0},
    {"balance overflow", tx("income", max), account_errc::amount_overflow, {}, 0},
  };
  const auto state = given({opened_eur});
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto decided = decide(state, row.command);
    if (row.error || row.money_error) {
      REQUIRE_FALSE(decided);
      const bool expected = row.error ? is(decided.error(), *row.error)
                                      : is(decided.error(), *row.money_error);
      CHECK(expected);
      continue;
    }
    REQUIRE(decided);
    REQUIRE(decided->size() == 1);
    const auto after = evolve(state, decided->front());
    CHECK(after.balance_minor == row.balance_after);
    CHECK(after.version == 2);
  }
}

TEST_CASE("another user's account answers exactly as a missing one") {
  auto foreign = tx("income", 5);
  foreign.caller_id = "o2";
  auto decided = decide(given({opened_eur}), foreign);
  REQUIRE_FALSE(decided);
  CHECK(is(decided.error(), account_errc::account_not_found));
  CHECK(decided.error().detail == decide(account_state{}, tx("income", 5)).error().detail);
}

TEST_CASE("a transaction on an account that was never opened is account_not_found") {
  auto decided = decide(account_state{}, tx("income", 5));
  REQUIRE_FALSE(decided);
  CHECK(is(decided.error(), account_errc::account_not_found));
}

TEST_CASE("category and note are bounded and free of control characters") {
  const auto state = given({opened_eur});
  auto long_category = tx("income", 5);
  long_category.category = std::string(category_size_max + 1, 'c');
  CHECK(is(decide(state, long_category).error(), account_errc::invalid_text));
  auto control = tx("income", 5);
  control.note = "line\nbreak";
  CHECK(is(decide(state, control).error(), account_errc::invalid_text));
  auto fine = tx("income", 5);
  fine.note = std::string(note_size_max, 'n');
  CHECK(decide(state, fine));
}

TEST_CASE("opening an account validates name, kind, currency and limits") {
  struct row { const char* name; open_account command; std::optional<account_errc> error; };
  const row rows[] = {
    {"valid", {"a1", "Main", "savings", "JPY", 0, 0, "o1"}, {}},
    {"empty name", {"a1", " ", "savings", "EUR", 0, 0, "o1"}, account_errc::invalid_name},
    {"long name", {"a1", std::string(101, 'n'), "cash", "EUR", 0, 0, "o1"}, account_errc::invalid_name},
    {"bad kind", {"a1", "Main", "piggy", "EUR", 0, 0, "o1"}, account_errc::invalid_kind},
    {"negative limit", {"a1", "Main", "cash", "EUR", 0, -1, "o1"}, account_errc::invalid_amount},
    {"opening below limit", {"a1", "Card", "credit_card", "EUR", -101, 100, "o1"},
     account_errc::insufficient_funds},
    {"opening within limit", {"a1", "Card", "credit_card", "EUR", -100, 100, "o1"}, {}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto decided = decide(account_state{}, r.command);
    if (r.error) {
      REQUIRE_FALSE(decided);
      CHECK(is(decided.error(), *r.error));
    } else {
      REQUIRE(decided);
      const auto s = evolve(account_state{}, decided->front());
      CHECK(s.opened);
      CHECK(s.balance_minor == r.command.opening_balance_minor);
    }
  }
  CHECK(is(decide(account_state{}, open_account{"a1", "M", "cash", "usd", 0, 0, "o1"}).error(),
           money_errc::unknown_currency));
}

TEST_CASE("opening an account twice is account_exists") {
  auto decided = decide(given({opened_eur}), open_account{"a1", "Again", "cash", "EUR", 0, 0, "o1"});
  REQUIRE_FALSE(decided);
  CHECK(is(decided.error(), account_errc::account_exists));
}

TEST_CASE("renaming and closing: owner only, closing at zero") {
  const auto state = given({opened_eur});
  struct row { const char* name; result<std::vector<account_event>> decided; std::optional<account_errc> error; };
  const transaction_recorded spend_all{"t", transaction_kind::expense, 1000, "EUR", 0, "", ""};
  const auto emptied = given({opened_eur, spend_all});
  const auto closed = given({opened_eur, spend_all, account_closed{}});
  const row rows[] = {
    {"rename", decide(state, rename_account{"a1", "Household", "o1"}), std::nullopt},
    {"rename foreign", decide(state, rename_account{"a1", "Household", "o2"}), account_errc::account_not_found},
    {"rename blank", decide(state, rename_account{"a1", " ", "o1"}), account_errc::invalid_name},
    {"rename too long", decide(state, rename_account{"a1", std::string(101, 'n'), "o1"}), account_errc::invalid_name},
    {"rename closed", decide(closed, rename_account{"a1", "X", "o1"}), account_errc::account_closed},
    {"close with money", decide(state, close_account{"a1", "o1"}), account_errc::balance_not_zero},
    {"close foreign", decide(emptied, close_account{"a1", "o2"}), account_errc::account_not_found},
    {"close at zero", decide(emptied, close_account{"a1", "o1"}), std::nullopt},
    {"close twice", decide(closed, close_account{"a1", "o1"}), account_errc::account_closed},
    {"spend on closed", decide(closed, record_transaction{"a1", "t2", "income", 5, "EUR", 0, "", "", "o1"}),
     account_errc::account_closed},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    if (r.error) {
      REQUIRE_FALSE(r.decided);
      CHECK(is(r.decided.error(), *r.error));
    } else {
      REQUIRE(r.decided);
      CHECK(r.decided->size() == 1);
    }
  }
  CHECK(decide(state, rename_account{"a1", "Main", "o1"})->empty()); // the same name
  auto renamed = evolve(state, account_renamed{"Household"});
  CHECK(renamed.name == "Household");
  CHECK(renamed.balance_minor == state.balance_minor);
  CHECK(closed.closed);
  CHECK(closed.version == 3);
}

TEST_CASE("split lines must be positive and sum exactly to the amount; tags and payee are bounded") {
  const auto state = given({opened_eur});
  auto with = [](std::vector<split_line> splits, std::vector<std::string> tags = {},
                 std::string payee = "Grocer") {
    record_transaction c{"a1", "t", "expense", 1000, "EUR", 0, "food", "", "o1"};
    c.splits = std::move(splits);
    c.tags = std::move(tags);
    c.payee = std::move(payee);
    return c;
  };
  struct row { const char* name; record_transaction command; std::optional<account_errc> error; };
  const row rows[] = {
    {"no splits", with({}), std::nullopt},
    {"exact", with({{"food", 700}, {"household", 300}}), std::nullopt},
    {"one cent short", with({{"food", 700}, {"household", 299}}), account_errc::invalid_split},
    {"one cent over", with({{"food", 700}, {"household", 301}}), account_errc::invalid_split},
    {"zero line", with({{"food", 1000}, {"household", 0}}), account_errc::invalid_split},
    {"negative line", with({{"food", 1100}, {"household", -100}}), account_errc::invalid_split},
    {"overflowing lines", with({{"a", INT64_MAX}, {"b", INT64_MAX}}), account_errc::invalid_split},
    {"line category with control", with({{"fo\nod", 1000}}), account_errc::invalid_text},
    {"tags", with({}, {"weekly", "shared"}), std::nullopt},
    {"empty tag", with({}, {""}), account_errc::invalid_text},
    {"long tag", with({}, {std::string(33, 't')}), account_errc::invalid_text},
    {"21 tags", with({}, std::vector<std::string>(21, "t")), account_errc::invalid_text},
    {"long payee", with({}, {}, std::string(201, 'p')), account_errc::invalid_text},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto decided = decide(state, r.command);
    if (r.error) {
      REQUIRE_FALSE(decided);
      CHECK(is(decided.error(), *r.error));
    } else {
      REQUIRE(decided);
      const auto& e = std::get<transaction_recorded>(decided->front());
      CHECK(e.splits == r.command.splits);
      CHECK(e.tags == r.command.tags);
      CHECK(e.payee == "Grocer");
    }
  }
}

TEST_CASE("amend and void: new events, balance moved by the difference, limits kept") {
  // Opened at 1000 with a credit limit of 500; one expense of 300 recorded.
  const transaction_recorded spent{"t1", transaction_kind::expense, 300, "EUR", 0, "food", "",
                                   "Shop", {"weekly"}, {}};
  const auto state = given({opened_eur, spent});
  REQUIRE(state.balance_minor == 700);
  auto amend = [](std::uint32_t set) {
    amend_transaction c{"a1", "t1", "o1", set};
    c.amount_minor = 1000;
    c.kind = "income";
    c.category = "salary";
    c.splits = {{"salary", 600}, {"bonus", 400}};
    return c;
  };
  struct row { const char* name; amend_transaction command; std::optional<account_errc> error; std::int64_t balance; };
  const row rows[] = {
    {"amount", amend(amend_amount), std::nullopt, 0},
    {"kind", amend(amend_kind), std::nullopt, 1300},
    {"kind and amount", amend(amend_kind | amend_amount), std::nullopt, 2000},
    {"category", amend(amend_category), std::nullopt, 700},
    {"amount past the limit", [&] { auto c = amend(amend_amount); c.amount_minor = 1501; return c; }(),
     account_errc::insufficient_funds, 0},
    {"amount zero", [&] { auto c = amend(amend_amount); c.amount_minor = 0; return c; }(),
     account_errc::invalid_amount, 0},
    {"splits off the amount", amend(amend_splits), account_errc::invalid_split, 0},
    {"splits with the amount", amend(amend_splits | amend_amount), std::nullopt, 0},
    {"unknown transaction", [&] { auto c = amend(amend_amount); c.transaction_id = "nope"; return c; }(),
     account_errc::transaction_not_found, 0},
    {"foreign", [&] { auto c = amend(amend_amount); c.caller_id = "o2"; return c; }(),
     account_errc::account_not_found, 0},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto decided = decide(state, r.command);
    if (r.error) {
      REQUIRE_FALSE(decided);
      CHECK(is(decided.error(), *r.error));
      continue;
    }
    REQUIRE(decided);
    REQUIRE(decided->size() == 1);
    CHECK(std::get<transaction_amended>(decided->front()).before == spent);
    const auto after = evolve(state, decided->front());
    CHECK(after.balance_minor == r.balance);
    CHECK(after.transactions.at("t1").content.payee == "Shop"); // untouched fields stay
  }
  // The same values again change nothing.
  amend_transaction same{"a1", "t1", "o1", amend_amount};
  same.amount_minor = 300;
  CHECK(decide(state, same)->empty());

  auto voided = decide(state, void_transaction{"a1", "t1", "o1"});
  REQUIRE(voided);
  const auto after = evolve(state, voided->front());
  CHECK(after.balance_minor == 1000);
  CHECK(after.transactions.at("t1").voided);
  CHECK(is(decide(after, void_transaction{"a1", "t1", "o1"}).error(),
           account_errc::transaction_voided));
  CHECK(is(decide(after, amend(amend_amount)).error(), account_errc::transaction_voided));
  // Voiding an income that the balance already spent would break the limit.
  const transaction_recorded earned{"t2", transaction_kind::income, 900, "EUR", 0, "", ""};
  const transaction_recorded big{"t3", transaction_kind::expense, 2300, "EUR", 0, "", ""};
  const auto spent_it = given({opened_eur, earned, big});
  REQUIRE(spent_it.balance_minor == -400);
  CHECK(is(decide(spent_it, void_transaction{"a1", "t2", "o1"}).error(),
           account_errc::insufficient_funds));
  // A recorded id cannot be recorded again.
  CHECK(is(decide(state, record_transaction{"a1", "t1", "income", 5, "EUR", 0, "", "", "o1"}).error(),
           account_errc::transaction_exists));
}

TEST_CASE("reconciliation: balance at a date, a match locks the period, a mismatch does not") {
  const transaction_recorded early{"t1", transaction_kind::income, 200, "EUR", 100, "", ""};
  const transaction_recorded late{"t2", transaction_kind::expense, 50, "EUR", 300, "", ""};
  const auto state = given({opened_eur, early, late}); // opening 1000
  CHECK(*balance_at(state, 99) == 1000);
  CHECK(*balance_at(state, 100) == 1200);
  CHECK(*balance_at(state, 1000) == 1150);
  auto mismatch = decide(state, reconcile_account{"a1", "o1", 200, 1190});
  REQUIRE(mismatch);
  const auto& m = std::get<account_reconciled>(mismatch->front());
  CHECK_FALSE(m.matched);
  CHECK(m.computed_balance_minor == 1200);
  CHECK(evolve(state, mismatch->front()).locked_until_us == 0);
  auto match = decide(state, reconcile_account{"a1", "o1", 200, 1200});
  REQUIRE(match);
  CHECK(std::get<account_reconciled>(match->front()).matched);
  const auto locked = evolve(state, match->front());
  CHECK(locked.locked_until_us == 200);
  // Inside the period: refused without override_lock, allowed and marked with it.
  amend_transaction inside{"a1", "t1", "o1", amend_amount};
  inside.amount_minor = 201;
  CHECK(is(decide(locked, inside).error(), account_errc::period_locked));
  inside.override_lock = true;
  auto forced = decide(locked, inside);
  REQUIRE(forced);
  CHECK(std::get<transaction_amended>(forced->front()).override_lock);
  // Moving a later transaction into the period counts as changing it.
  amend_transaction into{"a1", "t2", "o1", amend_occurred_at};
  into.occurred_at_us = 150;
  CHECK(is(decide(locked, into).error(), account_errc::period_locked));
  CHECK(is(decide(locked, void_transaction{"a1", "t1", "o1"}).error(), account_errc::period_locked));
  CHECK(decide(locked, void_transaction{"a1", "t2", "o1"})); // after the period
  CHECK(is(decide(locked, record_transaction{"a1", "t3", "income", 1, "EUR", 150, "", "", "o1"}).error(),
           account_errc::period_locked));
  CHECK(is(decide(state, reconcile_account{"a1", "o1", 200, INT64_MIN}).error(),
           account_errc::amount_overflow));
  CHECK(is(decide(state, reconcile_account{"a1", "o2", 200, 0}).error(),
           account_errc::account_not_found));
}

TEST_CASE("transaction lists filter, sort newest first and page without gaps or repeats") {
  auto tx = [](const char* id, transaction_kind kind, std::int64_t amount, time_us at,
               const char* category, const char* payee, std::vector<std::string> tags = {}) {
    transaction_recorded t{id, kind, amount, "EUR", at, category, ""};
    t.payee = payee;
    t.tags = std::move(tags);
    return t;
  };
  const auto a1 = given({opened_eur, tx("t1", transaction_kind::expense, 10, 100, "food", "Corner Shop", {"weekly"}),
                         tx("t2", transaction_kind::income, 500, 300, "salary", "ACME Ltd"),
                         tx("t3", transaction_kind::expense, 70, 200, "food", "Market")});
  auto a2 = given({account_opened{"a2", "Cash", account_kind::cash, "EUR", 0, 0, "o1"},
                   tx("t4", transaction_kind::expense, 5, 300, "coffee", "corner cafe")});
  a2 = evolve(a2, transaction_voided{a2.transactions.at("t4").content});
  const std::vector<account_state> accounts{a1, a2};
  auto ids = [](const std::vector<listed_transaction>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows)
      out.push_back(r.entry.content.transaction_id);
    return out;
  };
  using ids_t = std::vector<std::string>;
  struct row { const char* name; transaction_filter f; ids_t expected; };
  const row rows[] = {
    {"all, newest first", {}, {"t2", "t3", "t1"}},
    {"with voided", {.include_voided = true}, {"t4", "t2", "t3", "t1"}},
    {"account", {.account_id = "a2", .include_voided = true}, {"t4"}},
    {"from", {.occurred_from = 200}, {"t2", "t3"}},
    {"until", {.occurred_until = 200}, {"t1"}},
    {"category", {.category = "food"}, {"t3", "t1"}},
    {"tag", {.tag = "weekly"}, {"t1"}},
    {"payee text", {.payee_text = "CORNER", .include_voided = true}, {"t4", "t1"}},
    {"amount range", {.amount_min = 10, .amount_max = 70}, {"t3", "t1"}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    CHECK(ids(select_transactions(accounts, r.f, std::nullopt, 50)) == r.expected);
  }
  // Pages of one: each starts after the last shown.
  ids_t paged;
  std::optional<transaction_cursor> cursor;
  for (int i = 0; i < 5; ++i) {
    auto page = select_transactions(accounts, {}, cursor, 1);
    if (page.empty())
      break;
    paged.push_back(page[0].entry.content.transaction_id);
    cursor = transaction_cursor{page[0].entry.content.occurred_at_us, paged.back()};
  }
  CHECK(paged == ids_t{"t2", "t3", "t1"});
}

