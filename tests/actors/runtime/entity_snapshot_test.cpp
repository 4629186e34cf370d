// Snapshots of groups, loans and users through the entity runtime
// (actors/runtime/entity_snapshot.hpp): written at every `snapshot_every`,
// recovery from snapshot plus tail equals a full replay, and an erasure
// anywhere on the node makes every sealed snapshot unreadable.

#include "actors/identity/internal/user_shell.hpp"
#include "actors/identity/user_directory.hpp"
#include "actors/lending/internal/loan_shell.hpp"
#include "actors/lending/loan_directory.hpp"
#include "actors/social/group_directory.hpp"
#include "actors/social/internal/group_shell.hpp"
#include "tests/actors/lending/sample_loan.hpp"
#include "tests/actors/runtime/actor_node.hpp"

using namespace pfms;
using namespace pfms::test;
using namespace pfms::actors::internal;

namespace {

const std::string group_id = "0192f3c4-0000-7000-8000-0000000000a1";
const std::string loan_id = "0192f3c4-0000-7000-8000-0000000000b1";

// The version of the latest snapshot of `stream`; 0 for none.
std::uint64_t snapshot_version(event_store& store, const std::string& stream) {
  auto snapshot = store.read_snapshot(stream);
  REQUIRE(snapshot);
  return *snapshot ? (*snapshot)->version : 0;
}

// A state's every field, as bytes: equal bytes, equal states.
template <class State>
std::vector<char> bytes_of(const State& state) {
  std::vector<char> buffer;
  caf::binary_serializer sink{nullptr, buffer};
  REQUIRE_FALSE(sink(const_cast<State&>(state)));
  return buffer;
}

// The group at version 4 (a snapshot at 3 with snapshot_every 3): created, a
// named participant (text sealed under o1's key), two expenses.
void grow_group(actor_node& n) {
  auto groups = n.system.spawn(group_directory_fn, n.env);
  const command_context ctx{"o1", "c"};
  REQUIRE(n.ask<group_view>(groups, create_group{group_id, "Flat", "EUR", "o1"}, ctx));
  REQUIRE(n.ask<group_view>(groups, add_participant{group_id, "o1", "p-1", "Ana"}, ctx));
  record_group_expense rent{group_id, "o1", "e1", 900, "EUR", "Rent", "housing", 0,
                            {{"o1", 900}}, split_method::equal, {{"o1", 0}, {"p-1", 0}}};
  REQUIRE(n.ask<expense_view>(groups, rent, ctx));
  rent.expense_id = "e2";
  rent.description = "Power";
  REQUIRE(n.ask<expense_view>(groups, rent, ctx));
  caf::anon_send_exit(groups, caf::exit_reason::user_shutdown);
}

// Replaces the latest snapshot of `id` with `state`, sealed as the runtime
// seals: a fresh actor that shows `state` started from the snapshot.
template <class Shell, class State>
void doctor(event_store& store, const std::string& id, const State& state) {
  auto key = store.snapshot_key();
  REQUIRE(key);
  auto sealed = runtime::seal_snapshot(state, key->key, Shell::stream(id));
  REQUIRE(sealed);
  REQUIRE(store.write_snapshot(
    Shell::stream(id),
    {runtime::snapshot_format<State>(Shell::snapshot_salt), state.version, std::move(*sealed)}));
}

group_state group_from_log(event_store& store, group_state start = {}) {
  writer_keys keys(store, group_stream(group_id));
  auto replayed = recover_group(store, keys, group_id, UINT64_MAX, std::move(start));
  REQUIRE(replayed);
  return *replayed;
}

} // namespace

TEST_CASE("a group's snapshot plus its tail is the group a full replay gives") {
  temp_dir dir;
  actor_node n(dir.path(), 3);
  grow_group(n);
  CHECK(snapshot_version(*n.store, group_stream(group_id)) == 3);
  auto start = runtime::snapshot_start<group_shell>(*n.store, group_id);
  REQUIRE(start);
  CHECK(start->version == 3);
  CHECK(start->members.size() == 2);
  CHECK(start->members[1].name == "Ana"); // the text as opened, sealed as a whole
  const auto full = group_from_log(*n.store);
  CHECK(full.version == 4);
  CHECK(group_from_log(*n.store, *start) == full);
  // What the snapshot holds is not readable on disk without the snapshot key.
  auto raw = n.store->read_snapshot(group_stream(group_id));
  CHECK((*raw)->state.find("Ana") == std::string::npos);
  CHECK((*raw)->state.find("Rent") == std::string::npos);
  // A fresh actor starts from the snapshot, then folds the tail.
  auto doctored = *start;
  doctored.name = "From the snapshot";
  doctor<group_shell>(*n.store, group_id, doctored);
  auto groups = n.system.spawn(group_directory_fn, n.env);
  auto seen = n.ask<group_view>(groups, group_query{group_id, "o1"});
  REQUIRE(seen);
  CHECK(seen->name == "From the snapshot");
  CHECK(seen->version == 4);
  caf::anon_send_exit(groups, caf::exit_reason::user_shutdown);
}

TEST_CASE("an erasure on the node leaves no snapshot readable, and recovery replays the log") {
  temp_dir dir;
  actor_node n(dir.path(), 3);
  grow_group(n);
  REQUIRE(runtime::snapshot_start<group_shell>(*n.store, group_id));
  REQUIRE(n.store->create_subject_key("someone"));
  REQUIRE(n.store->erase_subject_key("someone", erasure_reach::this_node));
  CHECK(snapshot_version(*n.store, group_stream(group_id)) == 3); // still there, sealed
  CHECK_FALSE(runtime::snapshot_start<group_shell>(*n.store, group_id));
  // The writer of the text erased: a new actor replays, and the name is gone.
  REQUIRE(n.store->erase_subject_key("o1", erasure_reach::this_node));
  auto groups = n.system.spawn(group_directory_fn, n.env);
  auto seen = n.ask<group_view>(groups, group_query{group_id, "o1"});
  REQUIRE(seen);
  CHECK(seen->version == 4);
  CHECK(seen->members[1].name == erased_text);
  caf::anon_send_exit(groups, caf::exit_reason::user_shutdown);
}

TEST_CASE("a snapshot of another shape or with altered bytes is ignored") {
  temp_dir dir;
  actor_node n(dir.path(), 3);
  grow_group(n);
  const auto stream = group_stream(group_id);
  auto good = **n.store->read_snapshot(stream);
  auto other_shape = good;
  other_shape.format_version ^= 1;
  REQUIRE(n.store->write_snapshot(stream, other_shape));
  CHECK_FALSE(runtime::snapshot_start<group_shell>(*n.store, group_id));
  auto flipped = good;
  flipped.state[flipped.state.size() / 2] ^= 1;
  REQUIRE(n.store->write_snapshot(stream, flipped));
  CHECK_FALSE(runtime::snapshot_start<group_shell>(*n.store, group_id));
  REQUIRE(n.store->write_snapshot(stream, good));
  CHECK(runtime::snapshot_start<group_shell>(*n.store, group_id));
  // The format follows the shape: a state with other fields has another.
  CHECK(runtime::snapshot_format<group_state>(1) != runtime::snapshot_format<loan_state>(1));
  CHECK(runtime::snapshot_format<group_state>(1) != runtime::snapshot_format<group_state>(2));
  CHECK(runtime::shape_of<pfms::group_member>() != runtime::shape_of<pfms::group_settlement>());
}

TEST_CASE("a loan snapshots, and its snapshot plus tail is the loan a full replay gives") {
  temp_dir dir;
  actor_node n(dir.path(), 2);
  auto loans = n.system.spawn(loan_directory_fn, n.env);
  n.time.advance(days_from_civil({2026, 1, 1}) * 86'400'000'000 - n.time.now_us());
  REQUIRE(n.ask<loan_snapshot>(loans, originate_loan{sample_offer(loan_id), {}},
                               command_context{"u1", "c1"}));
  REQUIRE(n.ask<loan_snapshot>(loans, disburse_loan{loan_id, "u1", {}, {}},
                               command_context{"u1", "c2"}));
  REQUIRE(n.ask<loan_snapshot>(loans, record_repayment{loan_id, "u1", "r1", 20'000, {}, {}},
                               command_context{"u1", "c3"}));
  caf::anon_send_exit(loans, caf::exit_reason::user_shutdown);
  CHECK(snapshot_version(*n.store, loan_stream(loan_id)) == 2);
  auto start = runtime::snapshot_start<loan_shell>(*n.store, loan_id);
  REQUIRE(start);
  CHECK(start->offer.borrower.name == "Cousin Ana");
  writer_keys keys(*n.store, loan_stream(loan_id));
  auto full = recover_loan(*n.store, keys, loan_id);
  auto from_snapshot = recover_loan(*n.store, keys, loan_id, UINT64_MAX, *start);
  REQUIRE(full);
  REQUIRE(from_snapshot);
  CHECK(full->version == 3);
  CHECK(bytes_of(*from_snapshot) == bytes_of(*full));
  auto doctored = *start;
  doctored.receiving_account_id = "from-the-snapshot";
  doctor<loan_shell>(*n.store, loan_id, doctored);
  auto fresh = n.system.spawn(loan_directory_fn, n.env);
  auto seen = n.ask<loan_snapshot>(fresh, loan_query{loan_id, "u1"});
  REQUIRE(seen);
  CHECK(seen->state.receiving_account_id == "from-the-snapshot");
  CHECK(seen->state.version == 3);
  caf::anon_send_exit(fresh, caf::exit_reason::user_shutdown);
}

TEST_CASE("a user snapshots while registered, and an erased user's snapshot does not open") {
  temp_dir dir;
  actor_node n(dir.path(), 2);
  auto users = n.system.spawn(user_directory_fn, n.env, user_directory_actor{});
  const auto id = n.ids.next();
  const command_context ctx{"t", "c"};
  REQUIRE(n.ask<user_view>(users, register_user{id, "snap@example.org", "Name", "hash"}, ctx));
  REQUIRE(n.ask<user_view>(users, update_profile{id, "Renamed", "", "", ""}, ctx));
  REQUIRE(n.ask<user_view>(users, define_category{id, "home_office", "business_expenses"}, ctx));
  CHECK(snapshot_version(*n.store, user_stream(id)) == 2);
  auto start = runtime::snapshot_start<user_shell>(*n.store, id);
  REQUIRE(start);
  CHECK(start->display_name == "Renamed");
  auto seal = user_sealer(id, **n.store->subject_key(id));
  auto full = recover_user(*n.store, id, seal);
  REQUIRE(full);
  CHECK(*recover_user(*n.store, id, seal, UINT64_MAX, *start) == *full);
  caf::anon_send_exit(users, caf::exit_reason::user_shutdown);
  auto doctored = *start;
  doctored.display_name = "From the snapshot";
  doctor<user_shell>(*n.store, id, doctored);
  users = n.system.spawn(user_directory_fn, n.env, user_directory_actor{});
  auto seen = n.ask<user_view>(users, user_query{id});
  REQUIRE(seen);
  CHECK(seen->display_name == "From the snapshot");
  CHECK(seen->version == 3);
  REQUIRE(n.ask<user_view>(users, erase_user{id}, ctx));
  CHECK_FALSE(runtime::snapshot_start<user_shell>(*n.store, id));
  caf::anon_send_exit(users, caf::exit_reason::user_shutdown);
}
