// The transfers and FX rates projections, fed from account streams written
// event by event.

#include "actors/ledger/account_codec.hpp"
#include "projections/ledger/fx_rates.hpp"
#include "projections/ledger/transfer_rows.hpp"
#include "projections/runtime/projection_feed.hpp"
#include "tests/actors/ledger/account_writer.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

#include <array>

using namespace pfms;
using namespace pfms::test;

namespace {

constexpr std::array transfer_models{transfers_projection, fx_rates_projection};

struct ledger {
  temp_dir dir;
  manual_clock time{1000};
  std::unique_ptr<event_store> store = open();
  account_writer writer{*store};

  std::unique_ptr<event_store> open() {
    auto opened = event_store::open({dir.path(), false, families_of(transfer_models)}, time);
    REQUIRE(opened);
    return std::move(*opened);
  }

  void write(const std::string& account, const std::vector<account_event>& events) {
    writer.write(account, events);
  }

  void catch_up() {
    auto feed = projection_feed::open(*store, transfer_models);
    REQUIRE(feed);
    REQUIRE(feed->catch_up());
  }

  std::optional<transfer_row> row(std::string_view family, const std::string& id) {
    auto found = find_transfer(*store, family, id);
    REQUIRE(found);
    return *found;
  }
};

account_opened opened(const char* id, const char* currency) {
  return {id, "Main", account_kind::checking, currency, 10'000, 0, "o1"};
}

// A transfer from `eur` to `usd` of 100 EUR for `usd_minor` USD, settled.
void settled(ledger& l, const char* id, std::int64_t usd_minor) {
  l.write("eur", {transfer_held{id, "usd", 100, "USD", usd_minor}});
  l.write("usd", {transfer_credited{id, "eur", usd_minor, "EUR", 100}});
  l.write("eur", {transfer_settled{id}});
}

} // namespace

TEST_CASE("the transfers projection keeps every transfer with its source's owner and currency") {
  ledger l;
  l.write("eur", {opened("eur", "EUR")});
  l.write("usd", {opened("usd", "USD")});
  l.write("eur2", {opened("eur2", "EUR")});
  settled(l, "x1", 110);
  const transfer_held hold{"x2", "eur2", 50, "EUR", 50};
  l.write("eur", {hold, transfer_released{"x2", "account_closed", hold}});
  l.catch_up();
  auto x1 = l.row(transfers_projection.family, "x1");
  REQUIRE(x1);
  CHECK(x1->owner_id == "o1");
  CHECK(x1->currency == "EUR");
  CHECK(x1->to_currency == "USD");
  CHECK(x1->status == 2);
  CHECK(x1->credited);
  auto x2 = l.row(transfers_projection.family, "x2");
  REQUIRE(x2);
  CHECK(x2->status == 3);
  CHECK(x2->reason == "account_closed");
  CHECK_FALSE(l.row(transfers_projection.family, "x3"));
}

TEST_CASE("the FX rates projection keeps an owner's latest completed rate per pair, only") {
  ledger l;
  l.write("eur", {opened("eur", "EUR")});
  l.write("usd", {opened("usd", "USD")});
  l.write("eur2", {opened("eur2", "EUR")});
  settled(l, "x1", 110);
  l.write("eur", {transfer_held{"x2", "eur2", 50, "EUR", 50}, transfer_settled{"x2"}});
  l.write("eur", {transfer_held{"x3", "usd", 100, "USD", 120}}); // still open
  l.catch_up();
  auto rates = rates_of(*l.store, "o1");
  REQUIRE(rates);
  REQUIRE(rates->size() == 1);
  CHECK(rates->front().transfer_id == "x1");
  CHECK(rates->front().to_amount_minor == 110);
  // An open cross-currency transfer waits in the family; a settled one and
  // one of one currency leave nothing behind.
  CHECK(l.row(fx_rates_projection.family, "x3"));
  CHECK_FALSE(l.row(fx_rates_projection.family, "x1"));
  CHECK_FALSE(l.row(fx_rates_projection.family, "x2"));
  // Completed later, in another batch: it becomes the rate.
  l.write("usd", {transfer_credited{"x3", "eur", 120, "EUR", 100}});
  l.write("eur", {transfer_settled{"x3"}});
  l.catch_up();
  rates = rates_of(*l.store, "o1");
  REQUIRE(rates->size() == 1);
  CHECK(rates->front().transfer_id == "x3");
  CHECK_FALSE(l.row(fx_rates_projection.family, "x3"));
}

TEST_CASE("of two rates of one pair completed in one batch, the later in the log is kept") {
  ledger l;
  l.write("eur", {opened("eur", "EUR")});
  l.write("usd", {opened("usd", "USD")});
  // "z" completes before "y": the later one wins though its id sorts first.
  settled(l, "z", 110);
  settled(l, "y", 130);
  l.catch_up();
  auto rates = rates_of(*l.store, "o1");
  REQUIRE(rates);
  REQUIRE(rates->size() == 1);
  CHECK(rates->front().transfer_id == "y");
}

TEST_CASE("an owner's transfers are listed newest held first, then by id, theirs only") {
  ledger l;
  l.write("eur", {opened("eur", "EUR")});
  l.write("eur2", {opened("eur2", "EUR")});
  l.write("theirs", {account_opened{"theirs", "Main", account_kind::checking, "EUR", 10'000, 0, "o2"}});
  l.write("eur", {transfer_held{"x1", "eur2", 1, "EUR", 1}, transfer_held{"x3", "eur2", 3, "EUR", 3}});
  l.time.advance(10);
  l.write("eur", {transfer_held{"x2", "eur2", 2, "EUR", 2}});
  l.write("theirs", {transfer_held{"x9", "eur", 9, "EUR", 9}});
  l.catch_up();
  l.write("eur", {transfer_settled{"x1"}}); // a later step keeps its place
  l.catch_up();
  auto listed = [&](const std::string& owner,
                    const std::optional<std::pair<time_us, std::string>>& after = std::nullopt) {
    std::vector<std::string> out;
    REQUIRE(scan_owner_transfers(*l.store, owner, after, [&](transfer_row row) {
      out.push_back(row.transfer_id + "@" + std::to_string(row.held_at_us));
      return true;
    }));
    return out;
  };
  using list = std::vector<std::string>;
  CHECK(listed("o1") == list{"x2@1010", "x3@1000", "x1@1000"});
  CHECK(listed("o2") == list{"x9@1010"});
  CHECK(listed("o").empty());
  // From a page's last item, exclusive.
  CHECK(listed("o1", std::pair{time_us{1000}, std::string("x3")}) == list{"x1@1000"});
  CHECK(listed("o1", std::pair{time_us{1010}, std::string("x2")}) == list{"x3@1000", "x1@1000"});
}
