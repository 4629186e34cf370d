#pragma once

// What every gateway shares: it sends its kind's commands and queries to the
// kind's directory (or, in a cluster, its router), each answered with its
// reply, and returns at once. The route's translation unit sees only this
// template and the interface's types: the request leaves it with its types
// erased (erased_request.hpp), and `send`, which needs the CAF actor headers,
// is instantiated once per kind in its gateway's .cpp
// (internal/asks_of.hpp).

#include "actors/runtime/command_context.hpp"
#include "events/failure.hpp"
#include "http/runtime/erased_request.hpp"
#include "http/runtime/reply_callback.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <tuple>
#include <utility>

namespace pfms {

/// How much longer than the request timeout a write waits for its outcome.
/// The entity does not start a command past the request's deadline, so what
/// started in time has this long to become durable and answer.
inline constexpr std::chrono::milliseconds write_outcome_grace{5'000};

/// What a write whose outcome did not come back answers (202), and where to look.
inline constexpr const char* outcome_unknown_detail =
  "the write was handed on but its outcome did not come back in time, so it may still "
  "land: repeat it with the same Idempotency-Key to learn its outcome, or read the "
  "resource before repeating a request sent without one";

/// The port of a gateway to the actors of interface `Interface`. Each call
/// sends one request and returns at once; `done` runs later on a CAF worker
/// with the reply or the domain error. A query that is not answered within
/// the timeout gets `runtime_errc::unavailable`. A command waits the timeout
/// and `write_outcome_grace`; past that, or when its entity stopped without
/// answering, it gets `runtime_errc::outcome_unknown` (it may still land),
/// never a failure. Thread-safe. The actor system must outlive it.
template <class Interface>
class entity_port {
public:
  entity_port(caf::actor_system& system, Interface target, std::chrono::milliseconds timeout)
    : system_(system), target_(std::move(target)), timeout_(timeout) {}

  /// A command under `context`, answered with the reply it names.
  template <class Command>
  void command(Command command, command_context context,
               reply_callback<typename Command::reply> done) const {
    using reply = typename Command::reply;
    static_assert(answers<Interface, reply, Command, command_context>);
    auto args = std::tuple(std::move(command), std::move(context));
    reply_callback<reply> told = [done = std::move(done)](result<reply> answer) {
      if (!answer && is(answer.error(), runtime_errc::unavailable))
        answer = make_failure(runtime_errc::outcome_unknown, outcome_unknown_detail);
      done(std::move(answer));
    };
    send(erase_request<reply>(args, told), timeout_ + write_outcome_grace);
  }

  /// A query, answered with `Reply`.
  template <class Reply, class Query>
  void query(Query query, reply_callback<Reply> done) const {
    static_assert(answers<Interface, Reply, Query>);
    auto args = std::tuple(std::move(query));
    send(erase_request<Reply>(args, done), timeout_);
  }

protected:
  ~entity_port() = default;

  // Any request of the interface, to the target, answered within `timeout`.
  void send(const erased_request& request, std::chrono::milliseconds timeout) const;


  caf::actor_system& system_;
  Interface target_;
  std::chrono::milliseconds timeout_;
};

} // namespace pfms
