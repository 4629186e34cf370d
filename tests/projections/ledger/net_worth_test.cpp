#include "events/money.hpp"
#include "projections/ledger/net_worth.hpp"

#include <doctest/doctest.h>

#include <limits>

using namespace pfms;

namespace {

balance_row account(const char* id, const char* currency, std::int64_t balance) {
  balance_row r;
  r.account_id = id;
  r.currency = currency;
  r.balance_minor = balance;
  return r;
}

// A completed transfer: `from` minor units of `currency` bought `to` of `to_currency`.
transfer_row rate(const char* currency, std::int64_t from, const char* to_currency,
                  std::int64_t to, std::uint64_t position) {
  transfer_row r;
  r.transfer_id = "x" + std::to_string(position);
  r.currency = currency;
  r.amount_minor = from;
  r.to_currency = to_currency;
  r.to_amount_minor = to;
  r.status = 2;
  r.position = position;
  return r;
}

struct row {
  const char* name;
  std::vector<balance_row> accounts;
  std::vector<transfer_row> rates;
  std::int64_t total;
  bool complete;
};

} // namespace

TEST_CASE("net worth in the base currency at the latest recorded rate") {
  const row rows[] = {
    {"base only", {account("a", "EUR", 1000), account("b", "EUR", -250)}, {}, 750, true},
    {"a foreign currency without a rate is left out", {account("a", "EUR", 1000),
                                                       account("b", "USD", 500)}, {}, 1000, false},
    {"converted at the rate of a transfer into the base", {account("a", "EUR", 1000),
                                                           account("b", "USD", 1083)},
     {rate("USD", 1083, "EUR", 1000, 5)}, 2000, true},
    {"a transfer out of the base, inverted", {account("b", "USD", 2166)},
     {rate("EUR", 1000, "USD", 1083, 5)}, 2000, true},
    {"the latest of several", {account("b", "USD", 100)},
     {rate("USD", 100, "EUR", 90, 9), rate("USD", 100, "EUR", 50, 3)}, 90, true},
    {"half a minor unit rounds away from zero", {account("b", "USD", 1)},
     {rate("USD", 2, "EUR", 1, 1)}, 1, true},
    {"just under half rounds down", {account("b", "USD", 1)},
     {rate("USD", 3, "EUR", 1, 1)}, 0, true},
    {"negative balances round symmetrically", {account("b", "USD", -1)},
     {rate("USD", 2, "EUR", 1, 1)}, -1, true},
    {"scales differ: JPY has none", {account("j", "JPY", 16'000)},
     {rate("EUR", 10'000, "JPY", 16'000, 1)}, 10'000, true},
    {"rates between other currencies do not count", {account("b", "USD", 100)},
     {rate("USD", 100, "GBP", 80, 1)}, 0, false},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto worth = compute_net_worth(r.accounts, r.rates, "EUR");
    REQUIRE(worth);
    CHECK(worth->total_minor == r.total);
    CHECK(worth->complete == r.complete);
    CHECK(worth->base_currency == "EUR");
  }
}

TEST_CASE("a net worth past int64 is an overflow, not a wrapped number") {
  const auto max = std::numeric_limits<std::int64_t>::max();
  auto sum = compute_net_worth({account("a", "EUR", max), account("b", "EUR", 1)}, {}, "EUR");
  REQUIRE_FALSE(sum);
  CHECK(is(sum.error(), money_errc::overflow));
  auto converted = compute_net_worth({account("b", "USD", max)}, {rate("USD", 1, "EUR", 2, 1)},
                                     "EUR");
  REQUIRE_FALSE(converted);
  CHECK(is(converted.error(), money_errc::overflow));
}

TEST_CASE("each line names the rate it used") {
  auto worth = compute_net_worth({account("b", "USD", 1083)}, {rate("EUR", 1000, "USD", 1083, 7)},
                                 "EUR");
  REQUIRE(worth);
  REQUIRE(worth->lines.size() == 1);
  const auto& line = worth->lines[0];
  CHECK(line.rate_from_minor == 1083);
  CHECK(line.rate_to_minor == 1000);
  CHECK(line.rate_transfer_id == "x7");
  CHECK(line.base_minor == 1000);
}

TEST_CASE("loans and groups count beside the accounts of their currency, converted like them; every rate is listed") {
  const auto rates = rates_to_base({rate("EUR", 1000, "USD", 1100, 3), rate("EUR", 1000, "USD", 1083, 7),
                                    rate("GBP", 100, "EUR", 117, 5), rate("USD", 5, "CHF", 4, 9)},
                                   "EUR");
  // The latest EUR–USD transfer, stated USD → EUR; GBP; no CHF (no transfer with EUR).
  REQUIRE(rates.size() == 2);
  CHECK(rates.at("USD").from_minor == 1083);
  CHECK(rates.at("USD").to_minor == 1000);
  CHECK(rates.at("USD").transfer_id == "x7");
  CHECK(rates.at("GBP").to_minor == 117);
  std::map<std::string, holdings> held{{"EUR", {50'000, 1'000'000, 450}},
                                       {"USD", {0, -1083}},
                                       {"CHF", {10, 0}}};
  auto worth = value_holdings(held, rates, "EUR");
  REQUIRE(worth);
  CHECK(worth->total_minor == 50'000 + 1'000'000 + 450 - 1000);
  CHECK_FALSE(worth->complete); // CHF has no rate
  REQUIRE(worth->lines.size() == 3);
  CHECK(worth->lines[1].currency == "EUR");
  CHECK(worth->lines[1].balance_minor == 1'050'450);
  CHECK(worth->lines[1].groups_minor == 450);
  CHECK(worth->lines[2].loans_minor == -1083);
  CHECK(worth->lines[2].base_minor == -1000);
  CHECK(worth->rates.size() == 2); // GBP listed though nothing is held in it
  const auto max = std::numeric_limits<std::int64_t>::max();
  CHECK(is(value_holdings({{"EUR", {max, 1}}}, {}, "EUR").error(), money_errc::overflow));
}
