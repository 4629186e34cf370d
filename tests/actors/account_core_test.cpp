#include "actors/account_core.hpp"
#include "actors/account_error.hpp"
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
