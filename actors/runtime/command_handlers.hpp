#pragma once

// An entity kind's interface and its command handlers, made from the command
// list its core declares (events/message_name.hpp). A new command of an
// existing kind is then written in its core only: its struct names its reply,
// it joins the list, and its actor runs it like the others.
//
//   using loan_actor = runtime::entity_interface<loan_commands,
//                                                caf::replies_to<loan_query>::with<loan_snapshot>>;
//   ...
//   return runtime::entity_behavior<loan_entity::behavior_type>(
//     loan_commands{}, [self](auto& command, command_context& ctx, const char* name) {
//       return handle(self, command, ctx, name);
//     },
//     [self](disburse_loan& c, command_context& ctx) { ... }, // its own handler
//     [self](loan_query& q) { ... });

#include "actors/runtime/command_context.hpp"
#include "events/message_name.hpp"

#include <caf/detail/type_list.hpp>
#include <caf/detail/type_traits.hpp>
#include <caf/replies_to.hpp>
#include <caf/result.hpp>
#include <caf/typed_actor.hpp>

#include <tuple>
#include <type_traits>
#include <utility>

namespace pfms::runtime {

namespace detail {

template <class Commands, class... Others>
struct interface_of;

template <class... Commands, class... Others>
struct interface_of<command_list<Commands...>, Others...> {
  using type = caf::typed_actor<typename caf::replies_to<Commands, command_context>::template with<
                                  typename Commands::reply>...,
                                Others...>;
};

// The type a handler takes first, without reference or const.
template <class Handler>
using first_argument_t = std::decay_t<typename caf::detail::tl_head<
  typename caf::detail::get_callable_trait<Handler>::arg_types>::type>;

template <class Command, class... Handlers>
inline constexpr bool handled_by = (std::is_same_v<Command, first_argument_t<Handlers>> || ...);

// `run`'s handler of `Command`, or nothing when one of `Handlers` takes it.
template <class Command, class... Handlers, class Run>
auto handler_unless_given(const Run& run) {
  if constexpr (handled_by<Command, Handlers...>) {
    return std::tuple<>{};
  } else {
    return std::tuple{[run](Command& command,
                            command_context& ctx) mutable -> caf::result<typename Command::reply> {
      return run(command, ctx, message_declaration<Command>::name);
    }};
  }
}

} // namespace detail

/// The typed interface of an entity kind: each command of `Commands`, with
/// its context, answered by its `reply`; then `Others` (queries, and what the
/// kind's directory or the kind itself sends it).
template <class Commands, class... Others>
using entity_interface = typename detail::interface_of<Commands, Others...>::type;

/// The behaviour `Behavior` of an entity kind's actor: `handlers` as given,
/// and for each command of the list that none of them takes, a handler that
/// answers `run(command, context, name)`, `name` being the command's declared
/// name (the causation its events carry). CAF checks at compile time that
/// the whole matches the interface.
template <class Behavior, class... Commands, class Run, class... Handlers>
Behavior entity_behavior(command_list<Commands...>, Run run, Handlers... handlers) {
  auto made = std::tuple_cat(detail::handler_unless_given<Commands, Handlers...>(run)...);
  return std::apply(
    [&handlers...](auto&... generated) {
      return Behavior{std::move(handlers)..., std::move(generated)...};
    },
    made);
}

} // namespace pfms::runtime
