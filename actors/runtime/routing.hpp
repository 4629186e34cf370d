#pragma once

// One handler per message of an interface, generated: a directory or a
// router states how it picks a target once, not once per message.

#include <caf/replies_to.hpp>
#include <caf/result.hpp>

#include <utility>

namespace pfms::runtime {

template <class Signature>
struct routed;

/// A request: `route.ask<Outs...>(inputs...)` answers it.
template <class... Ins, class... Outs>
struct routed<caf::typed_mpi<caf::detail::type_list<Ins...>, caf::output_tuple<Outs...>>> {
  template <class Route>
  static auto handler(Route route) {
    return [route](Ins&... xs) -> caf::result<Outs...> {
      return route.template ask<Outs...>(xs...);
    };
  }
};

/// A one-way message: `route.tell(inputs...)` passes it on.
template <class... Ins>
struct routed<caf::typed_mpi<caf::detail::type_list<Ins...>, caf::output_tuple<void>>> {
  template <class Route>
  static auto handler(Route route) {
    return [route](Ins&... xs) { route.tell(xs...); };
  }
};

template <class Signatures>
struct routes_of;

template <class... Signatures>
struct routes_of<caf::detail::type_list<Signatures...>> {
  template <class Behavior, class Route, class... Extra>
  static Behavior behavior(Route route, Extra... extra) {
    return Behavior{routed<Signatures>::handler(route)..., std::move(extra)...};
  }
};

/// A `Behavior` that hands each message of the interface `Routed` to `route`
/// (`ask` for requests, `tell` for one-way messages), plus the `extra`
/// handlers for what else the behavior's interface takes.
template <class Behavior, class Routed, class Route, class... Extra>
Behavior routing_behavior(Route route, Extra... extra) {
  return routes_of<typename Routed::signatures>::template behavior<Behavior>(
    std::move(route), std::move(extra)...);
}

} // namespace pfms::runtime
