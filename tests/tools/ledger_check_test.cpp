// pfmsctl verify's ledger invariants on stores written event by event: a
// clean ledger passes, and each broken saga or read model is named.

#include "actors/ledger/account_codec.hpp"
#include "events/clock.hpp"
#include "projections/ledger/account_balance_projection.hpp"
#include "projections/proto/balances.pb.h"
#include "tests/actors/ledger/account_writer.hpp"
#include "tests/support/temp_dir.hpp"
#include "tools/ledger_check.hpp"

#include <doctest/doctest.h>

#include <memory>

using namespace pfms;

namespace {

struct ledger_store {
  test::temp_dir dir;
  manual_clock time{1'800'000'000'000'000};
  std::unique_ptr<event_store> store = open();

  std::unique_ptr<event_store> open() {
    auto opened = event_store::open(
      {dir.sub("db"), false, {std::string(balances_projection.family)}}, time);
    REQUIRE(opened);
    return std::move(*opened);
  }

  test::account_writer writer{*store};

  void write(const std::string& account, const std::vector<account_event>& events) {
    writer.write(account, events);
  }

  ledger_report check() {
    auto report = check_ledger(*store);
    REQUIRE(report);
    return *report;
  }
};

account_opened opened(const char* id, std::int64_t balance) {
  return {id, "Main", account_kind::checking, "EUR", balance, 0, "o1"};
}

const transfer_held hold{"x1", "b", 300, "EUR", 300};
const transfer_credited credit{"x1", "a", 300, "EUR", 300};

bool names(const ledger_report& r, const std::string& problem) {
  for (const auto& f : r.findings)
    if (f.transfer_id == "x1" && f.problem.find(problem) != std::string::npos)
      return true;
  return false;
}

} // namespace

TEST_CASE("a completed transfer conserves money and leaves the ledger clean") {
  ledger_store s;
  s.write("a", {opened("a", 1000), hold});
  s.write("b", {opened("b", 0), credit});
  s.write("a", {transfer_settled{"x1"}});
  auto r = s.check();
  CHECK(r.clean());
  CHECK(r.accounts_checked == 2);
  CHECK(r.transfers_checked == 1);
  CHECK(r.in_transit == 0);
  const auto& eur = r.totals.at("EUR");
  CHECK(eur.balances == 1000);
  CHECK(eur.opening == 1000);
  CHECK(eur.transfers_out == 300);
  CHECK(eur.transfers_in == 300);
}

TEST_CASE("a held transfer not yet credited is in transit, not a finding") {
  ledger_store s;
  s.write("a", {opened("a", 1000), hold});
  s.write("b", {opened("b", 0)});
  auto r = s.check();
  CHECK(r.clean());
  CHECK(r.in_transit == 1);
}

TEST_CASE("broken sagas are findings that name the transfer") {
  SUBCASE("settled but never credited") {
    ledger_store s;
    s.write("a", {opened("a", 1000), hold, transfer_settled{"x1"}});
    s.write("b", {opened("b", 0)});
    CHECK(names(s.check(), "never credited"));
  }
  SUBCASE("released and credited") {
    ledger_store s;
    s.write("a", {opened("a", 1000), hold, transfer_released{"x1", "account_closed", hold}});
    s.write("b", {opened("b", 0), credit});
    CHECK(names(s.check(), "exists twice"));
  }
  SUBCASE("credited without a hold") {
    ledger_store s;
    s.write("a", {opened("a", 1000)});
    s.write("b", {opened("b", 0), credit});
    CHECK(names(s.check(), "without a hold"));
  }
  SUBCASE("a credit of another amount than the hold") {
    ledger_store s;
    s.write("a", {opened("a", 1000), hold, transfer_settled{"x1"}});
    s.write("b", {opened("b", 0), transfer_credited{"x1", "a", 301, "EUR", 300}});
    CHECK(names(s.check(), "does not match"));
  }
}

TEST_CASE("a projected balance that disagrees with the log is a finding") {
  ledger_store s;
  s.write("a", {opened("a", 1000)});
  pb::AccountBalanceRow row;
  row.set_account_id("a");
  row.set_currency("EUR");
  row.set_balance_minor(999);
  row.set_version(1);
  row.set_owner_id("o1");
  REQUIRE(s.store->commit_projection(balances_projection.name,
                                     balances_projection.family, 1,
                                     {{"a", row.SerializeAsString()},
                                      {std::string("o:o1") + '\0' + "a", ""}}));
  auto r = s.check();
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].account_id == "a");
  CHECK(r.findings[0].problem.find("projected balance 999") != std::string::npos);
}

TEST_CASE("sums past int64 are written out exactly") {
  CHECK(to_decimal(0) == "0");
  CHECK(to_decimal(-42) == "-42");
  const wide_sum big = static_cast<wide_sum>(INT64_MAX) * 4;
  CHECK(to_decimal(big) == "36893488147419103228");
}
