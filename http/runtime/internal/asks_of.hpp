#pragma once

// The CAF side of erased_request.hpp: for an actor interface, one ask per
// signature that answers one value, found by the signature's key. Only
// gateway translation units include it.

#include "http/runtime/entity_port.hpp"
#include "http/runtime/erased_request.hpp"
#include "http/runtime/internal/ask.hpp"

#include <cassert>
#include <chrono>
#include <typeindex>
#include <unordered_map>

namespace pfms::http::internal {

template <class Handle>
class asks_of {
public:
  /// Sends `request` to `target` (ask.hpp), its reply to the request's callback.
  static void send(caf::actor_system& system, const Handle& target,
                   std::chrono::milliseconds timeout, const erased_request& request) {
    const auto& all = table();
    auto found = all.find(request.signature);
    assert(found != all.end()); // the header's `answers` check makes this so
    found->second(system, target, timeout, request);
  }

private:
  using sender = void (*)(caf::actor_system&, const Handle&, std::chrono::milliseconds,
                          const erased_request&);

  template <class Reply, class... Args>
  static void ask_one(caf::actor_system& system, const Handle& target,
                      std::chrono::milliseconds timeout, const erased_request& request) {
    auto& args = *static_cast<std::tuple<Args...>*>(request.args);
    auto& done = *static_cast<std::function<void(result<Reply>)>*>(request.done);
    std::apply(
      [&](Args&... a) { ask<Reply>(system, target, timeout, std::move(done), std::move(a)...); },
      args);
  }

  template <class Signature>
  struct entry; // the signatures that answer one value; others are left out
  template <class... Args, class Reply>
  struct entry<caf::typed_mpi<caf::detail::type_list<Args...>, caf::output_tuple<Reply>>> {
    static void add(std::unordered_map<std::type_index, sender>& out) {
      if constexpr (!std::is_void_v<Reply>)
        out.emplace(signature_key<Reply, Args...>(), &ask_one<Reply, Args...>);
    }
  };

  template <class... Signatures>
  static std::unordered_map<std::type_index, sender> build(caf::detail::type_list<Signatures...>) {
    std::unordered_map<std::type_index, sender> out;
    (entry<Signatures>::add(out), ...);
    return out;
  }

  static const std::unordered_map<std::type_index, sender>& table() {
    static const auto all = build(typename Handle::signatures{});
    return all;
  }
};

} // namespace pfms::http::internal

namespace pfms {

/// A gateway's .cpp instantiates this once for its kind:
/// `template void entity_port<loan_actor>::send(const erased_request&,
///                                             std::chrono::milliseconds) const;`
template <class Interface>
void entity_port<Interface>::send(const erased_request& request,
                                  std::chrono::milliseconds timeout) const {
  http::internal::asks_of<Interface>::send(system_, target_, timeout, request);
}

} // namespace pfms
