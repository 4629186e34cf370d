#pragma once

// The start-up check that every message a node's actors take or answer can
// cross the wire: a type missing from the actor system's registry would
// reach a peer as an empty message and fail at its first use; checked here,
// it stops the node before it serves. Each input and output type of a typed
// interface must be known to the type registry both ways: by C++ type (the
// sender) and by its registered name (the receiver).

#include "events/failure.hpp"
#include "events/result.hpp"

#include <caf/actor_system.hpp>
#include <caf/detail/pretty_type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/type_nr.hpp>
#include <caf/uniform_type_info_map.hpp>

#include <type_traits>
#include <typeinfo>

namespace pfms {

namespace detail {

template <class T>
status wire_known(caf::actor_system& system) {
  if constexpr (std::is_void_v<T> || caf::type_nr<T>::value != 0) {
    return done{}; // nothing, or one of CAF's built-in types
  } else {
    // The sender writes the registered name; the receiver makes a value from it.
    const auto& types = system.types();
    const auto& name = types.portable_name(0, &typeid(T));
    if (types.make_value(typeid(T)) == nullptr || types.make_value(name) == nullptr)
      return make_failure(runtime_errc::unavailable,
                          "message type " + caf::detail::pretty_type_name(typeid(T))
                            + " cannot cross to other nodes: it is not registered");
    return done{};
  }
}

template <class... Ts>
status wire_known_all(caf::actor_system& system, caf::detail::type_list<Ts...>) {
  status result = done{};
  ((result = result ? wire_known<Ts>(system) : result), ...);
  return result;
}

template <class... Os>
status wire_known_all(caf::actor_system& system, caf::output_tuple<Os...>) {
  return wire_known_all(system, caf::detail::type_list<Os...>{});
}

template <class Ins, class Outs>
status signature_known(caf::actor_system& system, caf::typed_mpi<Ins, Outs>) {
  if (auto in = wire_known_all(system, Ins{}); !in)
    return in;
  return wire_known_all(system, Outs{});
}

} // namespace detail

/// Whether every input and output type of `Handle`'s interface is registered
/// with `system`; else which one is not.
template <class Handle>
status check_wire(caf::actor_system& system) {
  return [&]<class... Sigs>(caf::detail::type_list<Sigs...>) {
    status result = done{};
    ((result = result ? detail::signature_known(system, Sigs{}) : result), ...);
    return result;
  }(typename Handle::signatures{});
}

} // namespace pfms
