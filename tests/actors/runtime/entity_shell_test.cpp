// The entity runtime's one command path (actors/runtime/entity_shell.hpp):
// If-Match is checked there for every kind, before any effect, and an
// idempotent retry answers its first outcome.

#include "actors/identity/core/user_error.hpp"
#include "actors/identity/user_codec.hpp"
#include "actors/identity/user_directory.hpp"
#include "actors/ledger/account_codec.hpp"
#include "actors/ledger/account_directory.hpp"
#include "actors/ledger/core/account_error.hpp"
#include "tests/actors/runtime/actor_node.hpp"

using namespace pfms;
using namespace pfms::test;

namespace {

const std::string account_id = "0192f3c4-0000-7000-8000-000000000071";

struct node : actor_node {
  explicit node(const std::string& path)
    : actor_node(path), accounts(system.spawn(account_directory_fn, env)),
      users(system.spawn(user_directory_fn, env, user_directory_actor{})) {}

  /// `command` to the account, at `if_version` (0: any).
  template <class Reply, class Command>
  result<Reply> to_account(Command command, std::uint64_t if_version = 0) {
    return ask<Reply>(accounts, std::move(command), command_context{"o1", "c1", {}, {}, if_version});
  }

  std::uint64_t account_version() { return *store->stream_version(account_stream(account_id)); }

  account_actor accounts;
  user_directory_actor users;
};

} // namespace

TEST_CASE("If-Match: a stale version is refused before any effect, for every command of an account") {
  temp_dir dir;
  node n(dir.path());
  REQUIRE(n.to_account<account_view>(open_account{account_id, "Main", "checking", "EUR", 1000, 0, "o1"}));
  REQUIRE(n.to_account<transaction_receipt>(
    record_transaction{account_id, "t1", "expense", 300, "EUR", 0, "", "", "o1"}));
  REQUIRE(n.account_version() == 2);
  amend_transaction amend{account_id, "t1", "o1", amend_amount};
  amend.amount_minor = 200;
  auto stale_rename = n.to_account<account_view>(rename_account{account_id, "New", "o1"}, 1);
  auto stale_amend = n.to_account<transaction_receipt>(amend, 3);
  auto stale_void = n.to_account<transaction_receipt>(void_transaction{account_id, "t1", "o1"}, 1);
  auto stale_record = n.to_account<transaction_receipt>(
    record_transaction{account_id, "t2", "income", 5, "EUR", 0, "", "", "o1"}, 1);
  auto stale_reconcile = n.to_account<reconciliation_receipt>(
    reconcile_account{account_id, "o1", 1'764'000'000'000'000, 700}, 1);
  auto stale_close = n.to_account<account_view>(close_account{account_id, "o1"}, 1);
  for (const auto* refused : {&stale_rename.error(), &stale_amend.error(), &stale_void.error(),
                              &stale_record.error(), &stale_reconcile.error(),
                              &stale_close.error()}) {
    CHECK(is(*refused, account_errc::precondition_failed));
    CHECK(refused->detail == "the account is at version 2");
  }
  CHECK(n.account_version() == 2);
  // A stranger hears that the account does not exist, whatever version it names.
  auto stranger = n.ask<account_view>(n.accounts, rename_account{account_id, "Mine", "o2"},
                                      command_context{"o2", "c2", {}, {}, 1});
  REQUIRE_FALSE(stranger);
  CHECK(is(stranger.error(), account_errc::account_not_found));
  // At its version, the command runs.
  auto renamed = n.to_account<account_view>(rename_account{account_id, "New", "o1"}, 2);
  REQUIRE(renamed);
  CHECK(renamed->version == 3);
  auto amended = n.to_account<transaction_receipt>(amend, 3);
  REQUIRE(amended);
  CHECK(amended->balance_minor == 800);
}

TEST_CASE("If-Match: a stale version is refused for a user's profile, which stays as it was") {
  temp_dir dir;
  node n(dir.path());
  const auto id = n.ids.next();
  auto registered = n.ask<user_view>(n.users, register_user{id, "ifm@example.org", "Name", "hash"},
                                     command_context{"t", "c"});
  REQUIRE(registered);
  auto stale = n.ask<user_view>(n.users, update_profile{id, "Other", "", "", ""},
                                command_context{"t", "c", {}, {}, registered->version + 1});
  REQUIRE_FALSE(stale);
  CHECK(is(stale.error(), user_errc::precondition_failed));
  CHECK(*n.store->stream_version(user_stream(id)) == registered->version);
  auto current = n.ask<user_view>(n.users, update_profile{id, "Other", "", "", ""},
                                  command_context{"t", "c", {}, {}, registered->version});
  REQUIRE(current);
  CHECK(current->display_name == "Other");
}

TEST_CASE("an idempotent retry answers the first outcome and appends nothing") {
  temp_dir dir;
  node n(dir.path());
  REQUIRE(n.to_account<account_view>(open_account{account_id, "Main", "checking", "EUR", 0, 0, "o1"}));
  const command_context keyed{"o1", "c1", "u:o1:k1", "digest-1"};
  auto first = n.ask<transaction_receipt>(
    n.accounts, record_transaction{account_id, "t1", "income", 50, "EUR", 0, "", "", "o1"}, keyed);
  REQUIRE(first);
  // Decided again, the same transaction id would be refused as a duplicate.
  auto again = n.ask<transaction_receipt>(
    n.accounts, record_transaction{account_id, "t1", "income", 50, "EUR", 0, "", "", "o1"}, keyed);
  REQUIRE(again);
  CHECK(again->transaction_id == "t1");
  CHECK(again->version == first->version);
  CHECK(again->balance_minor == 50);
  CHECK(n.account_version() == 2);
  // The same key for another request is refused.
  const command_context other{"o1", "c2", "u:o1:k1", "digest-2"};
  auto mismatch = n.ask<transaction_receipt>(
    n.accounts, record_transaction{account_id, "t3", "income", 7, "EUR", 0, "", "", "o1"}, other);
  REQUIRE_FALSE(mismatch);
  CHECK(n.account_version() == 2);
}

TEST_CASE("a command past its request's deadline is not started: it answers so and writes nothing") {
  temp_dir dir;
  node n(dir.path());
  REQUIRE(n.to_account<account_view>(open_account{account_id, "Main", "checking", "EUR", 1000, 0, "o1"}));
  auto with_deadline = [&](time_us deadline) {
    command_context ctx{"o1", "c-late", {}, {}, 0};
    ctx.deadline_us = deadline;
    return n.ask<transaction_receipt>(
      n.accounts, record_transaction{account_id, "t-late", "expense", 300, "EUR", 0, "", "", "o1"},
      ctx);
  };
  const auto now = n.time.now_us();
  auto late = with_deadline(now - 1);
  REQUIRE_FALSE(late);
  CHECK(is(late.error(), runtime_errc::deadline_passed));
  CHECK(n.account_version() == 1);
  // Within its deadline (the clock stands still here), the same command runs.
  auto in_time = with_deadline(now);
  REQUIRE(in_time);
  CHECK(in_time->balance_minor == 700);
  CHECK(n.account_version() == 2);
}
