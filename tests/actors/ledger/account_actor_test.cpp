#include "actors/ledger/account_codec.hpp"
#include "tests/actors/ledger/account_snapshots.hpp"
#include "actors/ledger/account_directory.hpp"
#include "actors/ledger/core/account_error.hpp"
#include "tests/actors/runtime/actor_node.hpp"

using namespace pfms;
using namespace pfms::test;

namespace {

struct node : actor_node {
  explicit node(const std::string& path, std::uint64_t snapshot_every = 100)
    : actor_node(path, snapshot_every), directory(system.spawn(account_directory_fn, env)) {}
  template <class Reply, class Command>
  result<Reply> ask(Command command) {
    return actor_node::ask<Reply>(directory, std::move(command), command_context{"test", "c1"});
  }
  account_actor directory;
};

} // namespace

TEST_CASE("the account actor persists before replying and recovers from its stream") {
  temp_dir dir;
  const std::string id = "0192f3c4-0000-7000-8000-000000000001";
  {
    node n(dir.path());
    auto opened = n.ask<account_view>(open_account{id, "Main", "checking", "EUR", 100, 0, "o1"});
    REQUIRE(opened);
    CHECK(opened->version == 1);
    auto paid = n.ask<transaction_receipt>(
      record_transaction{id, "t1", "expense", 40, "EUR", 0, "", "", "o1"});
    REQUIRE(paid);
    CHECK(paid->balance_minor == 60);
    CHECK(*n.store->stream_version(account_stream(id)) == 2);
  }
  // A new node on the same store: the actor rebuilds its state from the log.
  node again(dir.path());
  auto paid = again.ask<transaction_receipt>(
    record_transaction{id, "t2", "expense", 60, "EUR", 0, "", "", "o1"});
  REQUIRE(paid);
  CHECK(paid->balance_minor == 0);
  CHECK(paid->version == 3);
  auto over = again.ask<transaction_receipt>(
    record_transaction{id, "t3", "expense", 1, "EUR", 0, "", "", "o1"});
  REQUIRE_FALSE(over);
  CHECK(is(over.error(), account_errc::insufficient_funds));
  CHECK(*again.store->stream_version(account_stream(id)) == 3);
}

TEST_CASE("the directory answers account_not_found for unknown and malformed ids") {
  temp_dir dir;
  node n(dir.path());
  for (const char* id : {"0192f3c4-0000-7000-8000-00000000dead", "../etc", ""}) {
    auto r = n.ask<transaction_receipt>(record_transaction{id, "t", "income", 1, "EUR", 0, "", "", "o1"});
    REQUIRE_FALSE(r);
    CHECK(is(r.error(), account_errc::account_not_found));
  }
  CHECK(n.store->head_position() == 0);
}

TEST_CASE("domain failures cross the CAF boundary unchanged") {
  const auto original = make_failure(account_errc::insufficient_funds, "too much");
  CHECK(from_caf_error(to_caf_error(original)) == original);
  CHECK(is(from_caf_error(caf::make_error(caf::sec::request_timeout)),
           runtime_errc::unavailable));
}

TEST_CASE("an account restarted from a snapshot and its tail equals a full replay") {
  temp_dir dir;
  const std::string id = "0192f3c4-0000-7000-8000-000000000002";
  {
    node n(dir.path(), 3);
    REQUIRE(n.ask<account_view>(open_account{id, "Main", "cash", "EUR", 0, 0, "o1"}));
    for (int i = 1; i <= 10; ++i)
      REQUIRE(n.ask<transaction_receipt>(
        record_transaction{id, "t" + std::to_string(i), i % 3 ? "income" : "expense", i, "EUR", 0,
                           "", "", "o1"}));
    auto snapshot = n.store->read_snapshot(account_stream(id));
    REQUIRE(*snapshot);
    CHECK((*snapshot)->version == 9);
    auto from_snapshot = recover_account(*n.store, id);
    auto full = recover_account(*n.store, id, false);
    REQUIRE(from_snapshot);
    REQUIRE(full);
    CHECK(*from_snapshot == *full);
    CHECK(full->version == 11);
  }
  node again(dir.path(), 3);
  auto next = again.ask<transaction_receipt>(
    record_transaction{id, "t-after", "income", 1, "EUR", 0, "", "", "o1"});
  REQUIRE(next);
  CHECK(next->version == 12);
  CHECK(next->balance_minor == recover_account(*again.store, id, false)->balance_minor);
}

TEST_CASE("an account's snapshot is sealed under its owner's key: another owner's erasure keeps it") {
  temp_dir dir;
  const std::string mine = "0192f3c4-0000-7000-8000-000000000004";
  const std::string theirs = "0192f3c4-0000-7000-8000-000000000005";
  node n(dir.path(), 2);
  REQUIRE(n.store->create_subject_key("o2"));
  REQUIRE(n.ask<account_view>(open_account{mine, "Rent pot", "cash", "EUR", 0, 0, "o1"}));
  REQUIRE(n.ask<account_view>(open_account{theirs, "Theirs", "cash", "EUR", 0, 0, "o2"}));
  for (const auto& [id, owner] : {std::pair{mine, "o1"}, std::pair{theirs, "o2"}})
    REQUIRE(n.ask<transaction_receipt>(
      record_transaction{id, "t-" + id, "income", 7, "EUR", 0, "Landlord", "", owner}));
  auto snapshot_of = [&](const std::string& id) {
    const auto seal = *account_sealer_of(*n.store, id);
    return runtime::read_snapshot_under<account_state>(*n.store, account_stream(id), seal.key,
                                                       actors::internal::account_shell::snapshot_salt);
  };
  for (const auto& id : {mine, theirs}) {
    auto raw = n.store->read_snapshot(account_stream(id));
    REQUIRE(*raw);
    CHECK((*raw)->format_version == test::account_snapshot_format());
    CHECK((*raw)->state.find("Landlord") == std::string::npos); // sealed as a whole
    CHECK((*raw)->state.find("Rent pot") == std::string::npos);
    REQUIRE(snapshot_of(id));
    CHECK(*snapshot_of(id) == *recover_account(*n.store, id, false));
  }
  // The node's snapshot key is replaced by this erasure; the other owner's
  // account still starts from its snapshot, the erased owner's never again.
  REQUIRE(n.store->erase_subject_key("o2", erasure_reach::this_node));
  CHECK(snapshot_of(mine));
  CHECK_FALSE(snapshot_of(theirs));
  CHECK(*recover_account(*n.store, mine) == *recover_account(*n.store, mine, false));
}

TEST_CASE("a snapshot of an unknown format or that does not decode falls back to full replay") {
  temp_dir dir;
  const std::string id = "0192f3c4-0000-7000-8000-000000000003";
  node n(dir.path());
  REQUIRE(n.ask<account_view>(open_account{id, "Main", "cash", "EUR", 50, 0, "o1"}));
  REQUIRE(n.ask<transaction_receipt>(record_transaction{id, "t", "income", 5, "EUR", 0, "", "", "o1"}));
  const auto full = *recover_account(*n.store, id, false);
  // A future format claiming a wrong balance must not be believed.
  auto lying = full;
  lying.balance_minor = 999;
  const auto seal = *account_sealer_of(*n.store, id);
  REQUIRE(n.store->write_snapshot(account_stream(id), {99, 2, test::encode_account_snapshot(lying, seal)}));
  CHECK(*recover_account(*n.store, id) == full);
  REQUIRE(n.store->write_snapshot(account_stream(id), {test::account_snapshot_format(), 2, "garbage"}));
  CHECK(*recover_account(*n.store, id) == full);
  REQUIRE(n.store->write_snapshot(account_stream(id),
                                  {test::account_snapshot_format(), 2, test::encode_account_snapshot(full, seal)}));
  CHECK(*recover_account(*n.store, id) == full);
}
