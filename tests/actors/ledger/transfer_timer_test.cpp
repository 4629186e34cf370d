// A held transfer is a durable timer on its source account's stream: a
// starting node's account directory wakes the account, which asks the
// destination again, with nothing else to find it by.

#include "actors/ledger/account_codec.hpp"
#include "actors/ledger/account_directory.hpp"
#include "actors/runtime/entity_timer.hpp"
#include "tests/actors/runtime/actor_node.hpp"

#include <caf/event_based_actor.hpp>

using namespace pfms;
using namespace pfms::test;

namespace {

const std::string source = "0192f3c4-0000-7000-8000-0000000000a1";
const std::string destination = "0192f3c4-0000-7000-8000-0000000000a2";

// Stands between the sagas and the directory: terms pass, every credit is
// refused as a transient failure, so the transfer stays held.
caf::behavior credit_refuser(caf::event_based_actor* self, account_actor directory) {
  return {
    [self, directory](account_terms_query& q) { return self->delegate(directory, std::move(q)); },
    [](credit_transfer&, command_context&) -> caf::result<account_view> {
      return to_caf_error(make_failure(store_errc::overloaded, "try again later"));
    },
  };
}

std::vector<std::string> types_of(const event_store& store, const std::string& account_id) {
  std::vector<std::string> types;
  REQUIRE(store.scan(account_stream(account_id), 1, [&](const recorded_event& e) {
    types.push_back(e.type);
    return true;
  }));
  return types;
}

} // namespace

TEST_CASE("a held transfer's timer wakes its source after a restart, which completes it") {
  temp_dir dir;
  {
    actor_node node(dir.path());
    node.env.sweep_every = std::chrono::milliseconds(0);
    // The destination's directory, and the source's, whose sagas cannot
    // reach the destination.
    auto real = node.system.spawn(account_directory_fn, node.env);
    node.env.accounts = caf::actor_cast<account_actor>(node.system.spawn(credit_refuser, real));
    auto directory = node.system.spawn(account_directory_fn, node.env);
    for (const auto& [id, to] : {std::pair{source, directory}, std::pair{destination, real}})
      REQUIRE(node.ask<account_view>(to, open_account{id, "Acct", "checking", "EUR", 500, 0, "o1"},
                                     command_context{"o1", "c-" + id}));
    auto held = node.ask<transfer_view>(
      directory, hold_transfer{source, "tr-1", destination, 200, "EUR", {}, 0, "o1", {}},
      command_context{"o1", "c-hold"});
    REQUIRE(held);
    CHECK(held->status == "pending");
    CHECK(*node.store->timer_of(account_stream(source)) == runtime::at_once);
    CHECK(*node.store->timer_of(account_stream(destination)) == 0);
    caf::anon_send_exit(directory, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(real, caf::exit_reason::user_shutdown);
  }
  // A new node on the same store, asked nothing: its directory finds the
  // source's timer due at start and wakes it; the credit now goes through.
  actor_node node(dir.path());
  node.env.sweep_every = std::chrono::milliseconds(0);
  auto directory = node.system.spawn(account_directory_fn, node.env);
  CHECK(eventually([&] { return types_of(*node.store, source).back() == "TransferSettled"; }));
  CHECK(types_of(*node.store, destination).back() == "TransferCredited");
  // Settled, the last held transfer clears the timer in its own batch.
  CHECK(*node.store->timer_of(account_stream(source)) == 0);
  auto view = node.ask<account_view>(directory, account_terms_query{source, "o1"});
  REQUIRE(view);
  CHECK(view->balance_minor == 300);
  caf::anon_send_exit(directory, caf::exit_reason::user_shutdown);
}
