#pragma once

// What every gateway shares: it sends its kind's commands and queries to the
// kind's directory (or, in a cluster, its router), each answered with its
// reply, and returns at once. The route's translation unit sees only this
// template and the interface's types: the request leaves it with its types
// erased (erased_request.hpp), and `send`, which needs the CAF actor headers,
// is instantiated once per kind in its gateway's .cpp
// (internal/asks_of.hpp).

#include "actors/runtime/command_context.hpp"
#include "http/runtime/erased_request.hpp"
#include "http/runtime/reply_callback.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <tuple>
#include <utility>

namespace pfms {

/// The port of a gateway to the actors of interface `Interface`. Each call
/// sends one request and returns at once; `done` runs later on a CAF worker
/// with the reply, the domain error, or `runtime_errc::unavailable` after the
/// timeout. Thread-safe. The actor system must outlive it.
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
    send(erase_request<reply>(args, done));
  }

  /// A query, answered with `Reply`.
  template <class Reply, class Query>
  void query(Query query, reply_callback<Reply> done) const {
    static_assert(answers<Interface, Reply, Query>);
    auto args = std::tuple(std::move(query));
    send(erase_request<Reply>(args, done));
  }

protected:
  ~entity_port() = default;

  // Any request of the interface, to the target.
  void send(const erased_request& request) const;

  caf::actor_system& system_;
  Interface target_;
  std::chrono::milliseconds timeout_;
};

} // namespace pfms
