// A gateway's request with its types erased (http/runtime/erased_request.hpp)
// reaches a real actor through the table built from its interface
// (http/runtime/internal/asks_of.hpp), and the reply comes back typed.

#include "actors/ledger/account_messages.hpp"
#include "actors/social/group_messages.hpp"
#include "http/runtime/erased_request.hpp"
#include "http/runtime/internal/asks_of.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <doctest/doctest.h>

#include <future>
#include <string>

using namespace pfms;

namespace {

using echo_actor = caf::typed_actor<caf::replies_to<std::string, int>::with<std::string>,
                                    caf::replies_to<int>::with<int>,
                                    caf::reacts_to<double>>;

echo_actor::behavior_type echo() {
  return {
    [](std::string& text, int times) {
      std::string out;
      for (int i = 0; i < times; ++i)
        out += text;
      return out;
    },
    [](int x) { return x * 2; },
    [](double) {},
  };
}

template <class Reply, class... Args>
result<Reply> asked(caf::actor_system& system, const echo_actor& target, Args... args) {
  std::promise<result<Reply>> answered;
  std::function<void(result<Reply>)> done = [&answered](result<Reply> r) {
    answered.set_value(std::move(r));
  };
  auto packed = std::tuple(std::move(args)...);
  http::internal::asks_of<echo_actor>::send(system, target, std::chrono::seconds(5),
                                            erase_request<Reply>(packed, done));
  return answered.get_future().get();
}

} // namespace

// What the gateways' headers check at compile time.
static_assert(answers<echo_actor, std::string, std::string, int>);
static_assert(answers<echo_actor, int, int>);
static_assert(!answers<echo_actor, int, std::string, int>); // another reply
static_assert(!answers<echo_actor, std::string, int>);      // another request
static_assert(answers<account_actor, reconciliation_receipt, reconcile_account, command_context>);
static_assert(answers<group_actor, group_view, create_group, command_context>);
static_assert(!answers<group_actor, expense_view, create_group, command_context>);

TEST_CASE("an erased request reaches the actor's handler for its signature, and its reply comes back") {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  auto target = system.spawn(echo);
  auto text = asked<std::string>(system, target, std::string("ab"), 3);
  REQUIRE(text);
  CHECK(*text == "ababab");
  auto twice = asked<int>(system, target, 21);
  REQUIRE(twice);
  CHECK(*twice == 42);
  caf::anon_send_exit(target, caf::exit_reason::user_shutdown);
}

TEST_CASE("an erased request to an actor that is gone answers a failure, not silence") {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  auto target = system.spawn(echo);
  caf::anon_send_exit(target, caf::exit_reason::user_shutdown);
  system.await_all_actors_done();
  auto answer = asked<int>(system, target, 1);
  CHECK_FALSE(answer);
}
