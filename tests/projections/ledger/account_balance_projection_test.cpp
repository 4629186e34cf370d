#include "actors/ledger/account_codec.hpp"
#include "projections/ledger/account_balance_projection.hpp"
#include "projections/proto/balances.pb.h"
#include "projections/runtime/projection_feed.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

using namespace pfms;
using namespace pfms::test;

namespace {

const std::string owner_key = new_subject_key();

std::vector<new_event> encoded(const std::vector<account_event>& events) {
  std::vector<new_event> out;
  for (const auto& e : events)
    out.push_back(encode_account_event(e, {"id", "test", "c", "d"}, account_sealer("a1", owner_key)));
  return out;
}

std::unique_ptr<event_store> open_with_model(const std::string& path, const pfms::clock& time) {
  auto store = event_store::open({path, false, {std::string(balances_projection.family)}}, time);
  REQUIRE(store);
  return std::move(*store);
}

// A feed of the balances projection alone.
projection_feed balances_feed(event_store& store) {
  auto feed = projection_feed::open(store, std::span(&balances_projection, 1));
  REQUIRE(feed);
  return std::move(*feed);
}

// Catches `feed` up; the balances projection's checkpoint after it.
std::uint64_t caught_up(projection_feed& feed) {
  REQUIRE(feed.catch_up());
  return *feed.checkpoint(balances_projection.name);
}

} // namespace

TEST_CASE("the balance projection folds account events and skips other streams") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_with_model(dir.path(), time);
  REQUIRE(store->append("account-a1", expected_version::no_stream(),
                        encoded({account_opened{"a1", "Main", account_kind::cash, "EUR", 100, 0, "o1"},
                                 transaction_recorded{"t1", transaction_kind::income, 50, "EUR", 0, "", ""},
                                 transaction_recorded{"t2", transaction_kind::expense, 30, "EUR", 0, "", ""}})));
  REQUIRE(store->append("group-g1", expected_version::any(), events_of(2)));
  auto projection = balances_feed(*store);
  CHECK(caught_up(projection) == 5);
  auto row = find_balance(*store, "a1");
  REQUIRE(row);
  REQUIRE(*row);
  CHECK((*row)->balance_minor == 120);
  CHECK((*row)->version == 3);
  CHECK((*row)->position == 3);
  CHECK_FALSE(*find_balance(*store, "g1"));
  // The row keeps the name sealed; answering opens it with the owner's key.
  CHECK((*row)->name.find("Main") == std::string::npos);
  REQUIRE(store->create_subject_key("o1")); // another key than the one that sealed it
  CHECK_FALSE(open_balance_row(*store, **row));
}

TEST_CASE("an answered row opens its name under the owner's key, or shows it erased") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_with_model(dir.path(), time);
  const auto key = *store->create_subject_key("o9");
  const auto seal = account_sealer("a9", key);
  REQUIRE(store->append(
    "account-a9", expected_version::no_stream(),
    {encode_account_event(account_opened{"a9", "Rainy day", account_kind::savings, "EUR", 5, 0, "o9"},
                          {"id", "t", "", ""}, seal)}));
  auto projection = balances_feed(*store);
  REQUIRE(projection.catch_up());
  auto row = **find_balance(*store, "a9");
  CHECK(row.name != "Rainy day");
  CHECK(open_balance_row(*store, row)->name == "Rainy day");
  REQUIRE(store->erase_subject_key("o9", erasure_reach::every_node));
  CHECK(open_balance_row(*store, row)->name == erased_text);
  CHECK(open_balance_row(*store, row)->balance_minor == 5);
}

TEST_CASE("the balance projection resumes from its checkpoint and applies each event once") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_with_model(dir.path(), time);
  REQUIRE(store->append("account-a1", expected_version::no_stream(),
                        encoded({account_opened{"a1", "Main", account_kind::cash, "EUR", 0, 0, "o1"}})));
  {
    auto projection = balances_feed(*store);
    REQUIRE(projection.catch_up());
  }
  REQUIRE(store->append("account-a1", expected_version::exactly(1),
                        encoded({transaction_recorded{"t", transaction_kind::income, 7, "EUR", 0, "", ""}})));
  auto projection = balances_feed(*store);
  CHECK(*projection.checkpoint(balances_projection.name) == 1);
  CHECK(caught_up(projection) == 2);
  CHECK(caught_up(projection) == 2);
  CHECK((*find_balance(*store, "a1"))->balance_minor == 7);
}

TEST_CASE("the balance projection catches up across many batches") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_with_model(dir.path(), time);
  std::vector<account_event> history{account_opened{"a1", "M", account_kind::cash, "EUR", 0, 0, "o1"}};
  for (int i = 0; i < 2500; ++i)
    history.push_back(transaction_recorded{"t" + std::to_string(i), transaction_kind::income, 1,
                                           "EUR", 0, "", ""});
  for (std::size_t at = 0; at < history.size(); at += 1000) {
    std::vector<account_event> part(history.begin() + static_cast<long>(at),
                                    history.begin()
                                      + static_cast<long>(std::min(at + 1000, history.size())));
    REQUIRE(store->append("account-a1", expected_version::any(), encoded(part)));
  }
  auto projection = balances_feed(*store);
  CHECK(caught_up(projection) == 2501);
  CHECK((*find_balance(*store, "a1"))->balance_minor == 2500);
}

TEST_CASE("resetting the read model and replaying from zero repairs a wrong row") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_with_model(dir.path(), time);
  REQUIRE(store->append("account-a1", expected_version::no_stream(),
                        encoded({account_opened{"a1", "M", account_kind::cash, "EUR", 5, 0, "o1"},
                                 transaction_recorded{"t", transaction_kind::income, 3, "EUR", 0, "", ""}})));
  auto projection = balances_feed(*store);
  REQUIRE(projection.catch_up());
  // Plant a wrong row at the current checkpoint: catching up alone never fixes it.
  pb::AccountBalanceRow wrong;
  wrong.set_account_id("a1");
  wrong.set_balance_minor(999);
  REQUIRE(store->commit_projection(balances_projection.name, balances_projection.family, 2,
                                   {{"a1", wrong.SerializeAsString()}}));
  REQUIRE(projection.catch_up());
  CHECK((*find_balance(*store, "a1"))->balance_minor == 999);
  REQUIRE(store->reset_read_model(balances_projection.name, balances_projection.family));
  CHECK(*store->checkpoint(balances_projection.name) == 0);
  CHECK_FALSE(*store->read_model_get(balances_projection.family, "a1"));
  auto fresh = balances_feed(*store);
  CHECK(caught_up(fresh) == 2);
  CHECK((*find_balance(*store, "a1"))->balance_minor == 8);
}
