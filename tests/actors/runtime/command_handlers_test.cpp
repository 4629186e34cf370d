// The interface and handlers a kind gets from its command list
// (actors/runtime/command_handlers.hpp): every listed command is in the
// interface, answered by the reply it names; a command the actor gives no
// handler of its own is run by the kind's runner under its declared name; one
// it does give a handler is run by that handler alone.

#include "actors/runtime/command_handlers.hpp"
#include "events/caf_error.hpp"

#include <doctest/doctest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace pfms {

struct tally_view {
  int total = 0;
};
struct tally_add {
  using reply = tally_view;
  int amount = 0;
};
struct tally_double {
  using reply = tally_view;
};
struct tally_reset {
  using reply = std::string;
};
struct tally_query {};

PFMS_MESSAGE(tally_view);
PFMS_MESSAGE(tally_add);
PFMS_MESSAGE(tally_double);
PFMS_MESSAGE(tally_reset);
PFMS_MESSAGE(tally_query);

using tally_commands = command_list<tally_add, tally_double, tally_reset>;
using tally_actor =
  runtime::entity_interface<tally_commands, caf::replies_to<tally_query>::with<int>>;

static_assert(
  std::is_same_v<tally_actor,
                 caf::typed_actor<caf::replies_to<tally_add, command_context>::with<tally_view>,
                                  caf::replies_to<tally_double, command_context>::with<tally_view>,
                                  caf::replies_to<tally_reset, command_context>::with<std::string>,
                                  caf::replies_to<tally_query>::with<int>>>,
  "the interface lists each command with its reply, in order, then the others");

} // namespace pfms

using namespace pfms;

namespace {

struct tally_state {
  int total = 0;
  std::vector<std::string> ran; ///< what ran each command, and under which name
};

// The runner's steps, by command: it knows no command by name.
void apply(tally_state& st, const tally_add& c) {
  st.total += c.amount;
}
void apply(tally_state& st, const tally_double&) {
  st.total *= 2;
}

tally_actor::behavior_type tally_fn(tally_actor::pointer, std::shared_ptr<tally_state> st) {
  return runtime::entity_behavior<tally_actor::behavior_type>(
    tally_commands{},
    [st](const auto& command, const command_context& ctx,
         const char* name) -> caf::result<tally_view> {
      st->ran.push_back(std::string("runner:") + name + ":" + ctx.actor);
      apply(*st, command);
      return tally_view{st->total};
    },
    [st](tally_reset&, command_context& ctx) -> caf::result<std::string> {
      st->ran.push_back("own:" + ctx.actor);
      st->total = 0;
      return "reset";
    },
    [st](tally_query&) { return st->total; });
}

template <class Reply, class... Args>
std::optional<Reply> ask(caf::actor_system& system, const tally_actor& target, Args... args) {
  caf::scoped_actor self{system};
  std::optional<Reply> out;
  self->request(target, std::chrono::seconds(10), std::move(args)...)
    .receive([&](Reply& r) { out = std::move(r); }, [&](caf::error&) {});
  return out;
}

} // namespace

TEST_CASE("commands without a handler of their own run through the kind's runner") {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  auto st = std::make_shared<tally_state>();
  const auto tally = system.spawn(tally_fn, st);

  auto added = ask<tally_view>(system, tally, tally_add{5}, command_context{"u1", "c1"});
  REQUIRE(added);
  CHECK(added->total == 5);
  auto doubled = ask<tally_view>(system, tally, tally_double{}, command_context{"u2", "c2"});
  REQUIRE(doubled);
  CHECK(doubled->total == 10);
  CHECK(st->ran == std::vector<std::string>{"runner:tally_add:u1", "runner:tally_double:u2"});

  SUBCASE("a command with its own handler runs that handler, not the runner") {
    auto reset = ask<std::string>(system, tally, tally_reset{}, command_context{"u3", "c3"});
    REQUIRE(reset);
    CHECK(*reset == "reset");
    CHECK(st->ran.back() == "own:u3");
    CHECK(ask<int>(system, tally, tally_query{}) == 0);
  }
  caf::anon_send_exit(tally, caf::exit_reason::user_shutdown);
}
