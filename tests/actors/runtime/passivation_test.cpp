// Passivation (actors/runtime/entity_table.hpp) on a real store: idle
// entities stop and free their actors, answer again on their next message
// (also one sent while they stop), and a passivated loan's due-date timer
// still fires, woken by its directory; email claim actors stop like users.

#include "actors/identity/user_directory.hpp"
#include "actors/ledger/account_directory.hpp"
#include "actors/lending/loan_codec.hpp"
#include "actors/lending/loan_directory.hpp"
#include "tests/actors/lending/sample_loan.hpp"
#include "tests/actors/runtime/actor_node.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <thread>

using namespace pfms;
using namespace pfms::test;

namespace {

std::string account_id(std::size_t i) {
  char id[48];
  std::snprintf(id, sizeof id, "0192f3c4-0000-7000-8000-%012zu", i);
  return id;
}

// A node whose directories sweep only when told to, and stop whatever is
// idle at all (0 ms) when they do.
struct quick_node : actor_node {
  explicit quick_node(const std::string& path) : actor_node(path) {
    env.live = &live;
    env.passivate_after = std::chrono::milliseconds(0);
    env.sweep_every = std::chrono::milliseconds(0);
    env.release_memory = [this] { ++releases; };
  }
  live_entities live;
  std::atomic<int> releases{0};
};

constexpr std::int64_t day_us = 86'400'000'000;

void set_day(quick_node& node, const civil_date& day) {
  node.time.advance(days_from_civil(day) * day_us - node.time.now_us());
}

// A loan disbursed on 2026-01-01 and then passivated; its directory.
loan_directory_actor passivated_loan(quick_node& node, const std::string& loan_id) {
  set_day(node, {2026, 1, 1});
  const auto loans = node.system.spawn(loan_directory_fn, node.env);
  REQUIRE(node.ask<loan_snapshot>(loans, originate_loan{sample_offer(loan_id), {}},
                                  command_context{"u1", "c1"}));
  CHECK(*node.store->timer_of(loan_stream(loan_id)) == 0); // nothing can fall due yet
  REQUIRE(node.ask<loan_snapshot>(loans, disburse_loan{loan_id, "u1", {}, {}},
                                  command_context{"u1", "c2"}));
  caf::anon_send(loans, sweep_atom::value, false);
  REQUIRE(eventually([&] { return node.live.loans.load() == 0; }));
  return loans;
}

// Asks `ask(i)` for every i below `count`, from 16 threads at once.
template <class Ask>
void in_parallel(std::size_t count, Ask ask) {
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 16; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < count; i += 16)
        ask(i);
    });
  for (auto& thread : threads)
    thread.join();
}

} // namespace

TEST_CASE("10,000 idle accounts passivate, and each answers its balance again afterwards") {
  temp_dir dir;
  quick_node node(dir.path());
  const auto directory = node.system.spawn(account_directory_fn, node.env);
  constexpr std::size_t count = 10'000;
  std::atomic<std::size_t> opened{0};
  in_parallel(count, [&](std::size_t i) {
    auto view = node.ask<account_view>(
      directory, open_account{account_id(i), "Acct", "checking", "EUR",
                              static_cast<std::int64_t>(i), 0, "o1"},
      command_context{"o1", "c"});
    if (view && view->balance_minor == static_cast<std::int64_t>(i))
      ++opened;
  });
  REQUIRE(opened == count);
  CHECK(node.live.accounts.load() == count);

  caf::anon_send(directory, sweep_atom::value, false);
  // Asked right behind the sweep, while its account stops: it waits for the
  // next incarnation and answers from the log.
  auto early = node.ask<account_view>(directory, account_terms_query{account_id(7), "o1"});
  REQUIRE(early);
  CHECK(early->balance_minor == 7);
  CHECK(eventually([&] { return node.live.accounts.load() <= 1; }));
  // Once 10,000 have stopped, the next sweep gives their memory back.
  CHECK(node.releases == 0);
  caf::anon_send(directory, sweep_atom::value, false);
  CHECK(eventually([&] { return node.releases == 1; }));

  std::atomic<std::size_t> answered{0};
  in_parallel(count, [&](std::size_t i) {
    auto view = node.ask<account_view>(directory, account_terms_query{account_id(i), "o1"});
    if (view && view->balance_minor == static_cast<std::int64_t>(i) && view->version == 1)
      ++answered;
  });
  CHECK(answered == count);
  CHECK(node.live.accounts.load() == count);
  caf::anon_send_exit(directory, caf::exit_reason::user_shutdown);
}

TEST_CASE("a passivated loan's due-date timer fires: its directory wakes it on its fee day") {
  const std::string loan_id = "0192bbbb-bbbb-7bbb-8bbb-bbbbbbbbbbbb";
  temp_dir dir;
  quick_node node(dir.path());
  const auto loans = passivated_loan(node, loan_id);

  // Past the first installment's grace: nothing is live to notice but the directory.
  set_day(node, {2026, 2, 5});
  CHECK(late_fees(*node.store, loan_id) == 0);
  caf::anon_send(loans, sweep_atom::value, false);
  CHECK(eventually([&] { return late_fees(*node.store, loan_id) == 1; }));
  CHECK(node.live.loans.load() == 1);
  caf::anon_send_exit(loans, caf::exit_reason::user_shutdown);
}

TEST_CASE("a loan settles a durable timer the store lost when it next starts") {
  const std::string loan_id = "0192bbbb-bbbb-7bbb-8bbb-bbbbbbbbbbbc";
  temp_dir dir;
  quick_node node(dir.path());
  const auto loans = passivated_loan(node, loan_id);
  const auto first_fee_day = days_from_civil({2026, 2, 5}) * day_us;
  CHECK(*node.store->timer_of(loan_stream(loan_id)) == first_fee_day);

  append_request lost{loan_stream(loan_id), expected_version::exactly(2), {}, {}, {}};
  lost.wake_at = 0;
  REQUIRE(append_now(*node.store, lost));
  CHECK(*node.store->timer_of(loan_stream(loan_id)) == 0);
  REQUIRE(node.ask<loan_snapshot>(loans, loan_query{loan_id, "u1"}));
  CHECK(eventually([&] { return *node.store->timer_of(loan_stream(loan_id)) == first_fee_day; }));
  caf::anon_send_exit(loans, caf::exit_reason::user_shutdown);
}

TEST_CASE("idle email claim actors passivate with the users, and a claim still holds afterwards") {
  temp_dir dir;
  quick_node node(dir.path());
  const auto users = node.system.spawn(user_directory_fn, node.env, user_directory_actor{});
  const std::string holder = account_id(1), other = account_id(2);
  REQUIRE(node.ask<std::uint64_t>(users, email_claim{"a@example.org", holder, "register_user"},
                                  command_context{holder, "c1"}));
  REQUIRE(node.ask<std::uint64_t>(users, email_claim{"b@example.org", other, "register_user"},
                                  command_context{other, "c2"}));
  CHECK(node.live.email_claims.load() == 2);

  caf::anon_send(users, sweep_atom::value, false);
  REQUIRE(eventually([&] { return node.live.email_claims.load() == 0; }));
  // Read from the registry with no claim actor, and spawning none.
  auto found = node.ask<std::string>(users, email_query{"a@example.org"});
  REQUIRE(found);
  CHECK(*found == holder);
  CHECK(node.live.email_claims.load() == 0);
  // A new claim actor starts from the registry stream: the holder's retried
  // claim finds the address already theirs and appends nothing.
  auto again = node.ask<std::uint64_t>(users, email_claim{"a@example.org", holder, "register_user"},
                                       command_context{holder, "c3"});
  REQUIRE(again);
  CHECK(*again == 1);
  CHECK(node.live.email_claims.load() == 1);
  caf::anon_send_exit(users, caf::exit_reason::user_shutdown);
}
