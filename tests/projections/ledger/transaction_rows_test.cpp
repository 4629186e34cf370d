// The transactions projection: rows per owner, newest first, moved by
// amendments and marked by voids; scans from a cursor or an instant.

#include "actors/ledger/account_codec.hpp"
#include "events/proto/account.pb.h"
#include "events/store_error.hpp"
#include "projections/ledger/transaction_rows.hpp"
#include "projections/proto/balances.pb.h"
#include "projections/runtime/projection_feed.hpp"
#include "tests/actors/ledger/account_writer.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

using namespace pfms;
using namespace pfms::test;

namespace {

struct ledger {
  temp_dir dir;
  manual_clock time{1000};
  std::unique_ptr<event_store> store = open();
  account_writer writer{*store};

  std::unique_ptr<event_store> open() {
    auto opened =
      event_store::open({dir.path(), false, {std::string(transactions_projection.family)}}, time);
    REQUIRE(opened);
    return std::move(*opened);
  }

  void write(const std::string& account, const std::vector<account_event>& events) {
    writer.write(account, events);
  }

  void catch_up() {
    auto feed = projection_feed::open(*store, std::span(&transactions_projection, 1));
    REQUIRE(feed);
    REQUIRE(feed->catch_up());
  }

  // "id@account" (with "!" when voided) of `owner`'s rows from `start`, in scan order.
  std::vector<std::string> ids(const std::string& owner, const transaction_scan_start& start = {}) {
    std::vector<std::string> out;
    REQUIRE(scan_transactions(*store, owner, start, [&](transaction_row row) {
      std::string id;
      if (row.transfer) { // a transfer's leg: "<transfer id>/out" or "/in"
        pb::TransferLeg leg;
        REQUIRE(leg.ParseFromString(*row.transfer));
        CHECK(row.transaction.empty());
        id = leg.transfer_id() + (leg.outgoing() ? "/out" : "/in");
      } else {
        pb::TransactionRecorded t;
        REQUIRE(t.ParseFromString(row.transaction));
        id = t.transaction_id();
      }
      out.push_back(id + "@" + row.account_id + (row.voided ? "!" : ""));
      return true;
    }));
    return out;
  }
};

account_opened opened(const char* id, const char* owner) {
  return {id, "Main", account_kind::checking, "EUR", 0, 0, owner};
}

transaction_recorded spent(const char* id, time_us at, std::int64_t amount = 10) {
  return {id, transaction_kind::expense, amount, "EUR", at, "food", "", "", {}, {}};
}

using list = std::vector<std::string>;

} // namespace

TEST_CASE("an owner's transactions come newest first, by occurred time then id, theirs only") {
  ledger l;
  l.write("a", {opened("a", "o1"), spent("t1", 100), spent("t3", 300)});
  l.write("b", {opened("b", "o1"), spent("t2", 300), spent("t10", 200)});
  l.write("c", {opened("c", "o2"), spent("t9", 900)});
  l.catch_up();
  CHECK(l.ids("o1") == list{"t3@a", "t2@b", "t10@b", "t1@a"});
  CHECK(l.ids("o2") == list{"t9@c"});
  CHECK(l.ids("o").empty()); // a prefix of another owner's id sees nothing of theirs
  // From a cursor (exclusive), and before an instant.
  CHECK(l.ids("o1", {INT64_MAX, std::pair{time_us{300}, std::string("t2")}}) == list{"t10@b", "t1@a"});
  CHECK(l.ids("o1", {300}) == list{"t10@b", "t1@a"});
  CHECK(l.ids("o1", {INT64_MIN}).empty());
}

TEST_CASE("an amendment moves a transaction to its new time, and a void marks it") {
  ledger l;
  l.write("a", {opened("a", "o1"), spent("t1", 100), spent("t2", 200), spent("t3", 300)});
  l.catch_up();
  l.write("a", {transaction_amended{spent("t1", 100), spent("t1", 400, 15)},
                transaction_voided{spent("t2", 200)}});
  l.catch_up();
  CHECK(l.ids("o1") == list{"t1@a", "t3@a", "t2@a!"});
  // Recorded, amended and voided in one batch.
  l.write("a", {spent("t4", 50), transaction_amended{spent("t4", 50), spent("t4", 60)},
                transaction_voided{spent("t4", 60)}});
  l.catch_up();
  CHECK(l.ids("o1") == list{"t1@a", "t3@a", "t2@a!", "t4@a!"});
  bool amended = false;
  REQUIRE(scan_transactions(*l.store, "o1", {}, [&](transaction_row row) {
    pb::TransactionRecorded t;
    REQUIRE(t.ParseFromString(row.transaction));
    amended = t.transaction_id() == "t1" && t.amount_minor() == 15;
    return false;
  }));
  CHECK(amended);
}

TEST_CASE("each side of a transfer is a row of its account's owner; a release marks the sending side") {
  ledger l;
  l.write("a", {opened("a", "o1"), spent("t1", 100)});
  l.write("b", {opened("b", "o1")});
  l.write("c", {opened("c", "o2")});
  const transfer_held to_b{"x1", "b", 40, "EUR", 40, "", 200};
  const transfer_held to_c{"x2", "c", 25, "EUR", 25, "o2", 300};
  l.write("a", {to_b, transfer_held{"x3", "b", 5, "EUR", 5, "", 50}});
  l.write("b", {transfer_credited{"x1", "a", 40, "EUR", 40, 200}});
  l.write("a", {transfer_settled{"x1"}, to_c});
  l.write("c", {transfer_credited{"x2", "a", 25, "EUR", 25, 300}});
  l.catch_up();
  // Both sides of the owner's own transfer, at the hold's instant; the other
  // owner sees only the side that reached their account.
  CHECK(l.ids("o1") == list{"x2/out@a", "x1/out@a", "x1/in@b", "t1@a", "x3/out@a"});
  CHECK(l.ids("o2") == list{"x2/in@c"});
  l.write("a", {transfer_released{"x3", "account_closed", {"x3", "b", 5, "EUR", 5, "", 50}}});
  l.catch_up();
  CHECK(l.ids("o1") == list{"x2/out@a", "x1/out@a", "x1/in@b", "t1@a", "x3/out@a!"});
  pb::TransferLeg in;
  REQUIRE(scan_transactions(*l.store, "o2", {}, [&](transaction_row row) {
    REQUIRE(in.ParseFromString(row.transfer.value_or("")));
    return false;
  }));
  CHECK(in.counterpart_account_id() == "a");
  CHECK(in.amount_minor() == 25);
  CHECK(in.currency() == "EUR");
  CHECK_FALSE(in.outgoing());
}

TEST_CASE("a transaction of an account the projection never saw opened is corrupt") {
  ledger l;
  l.write("a", {spent("t1", 100)});
  auto feed = projection_feed::open(*l.store, std::span(&transactions_projection, 1));
  REQUIRE(feed);
  auto caught_up = feed->catch_up();
  REQUIRE_FALSE(caught_up);
  CHECK(is(caught_up.error(), store_errc::corrupt));
}

TEST_CASE("a transaction is found by its owner and id, where an amendment moved it; a leg is not") {
  ledger l;
  l.write("a", {opened("a", "o1"), spent("t1", 100), spent("t2", 200)});
  l.write("b", {opened("b", "o1")});
  l.write("c", {opened("c", "o2"), spent("t9", 900)});
  l.write("a", {transfer_held{"x1", "b", 5, "EUR", 5, "", 50}});
  l.catch_up();
  // The amount, occurred time and voided mark of `owner`'s transaction `id`, or "none".
  auto found = [&](const char* owner, const char* id) -> std::string {
    auto row = find_transaction(*l.store, owner, id);
    REQUIRE(row);
    if (!*row)
      return "none";
    pb::TransactionRecorded t;
    REQUIRE(t.ParseFromString((*row)->transaction));
    CHECK(t.transaction_id() == id);
    return std::to_string(t.amount_minor()) + "@" + std::to_string(t.occurred_at_us()) + "@"
           + (*row)->account_id + ((*row)->voided ? "!" : "");
  };
  CHECK(found("o1", "t1") == "10@100@a");
  CHECK(found("o2", "t9") == "10@900@c");
  CHECK(found("o2", "t1") == "none"); // another owner's
  CHECK(found("o1", "t9") == "none");
  CHECK(found("o1", "t") == "none");  // a prefix of an id
  CHECK(found("o1", "x1/out") == "none");
  l.write("a", {transaction_amended{spent("t1", 100), spent("t1", 400, 15)},
                transaction_voided{spent("t2", 200)}});
  l.catch_up();
  CHECK(found("o1", "t1") == "15@400@a");
  CHECK(found("o1", "t2") == "10@200@a!");
}
