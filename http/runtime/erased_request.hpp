#pragma once

// How a gateway's header takes any request of its actor's typed interface
// without one explicit instantiation per message. The header template checks
// at compile time that the interface answers the request, then hands its .cpp
// the arguments and the callback with their types erased, under the key of
// the signature (internal/asks_of.hpp finds the matching ask there, built from
// the interface's own signature list). So a new command of an existing kind
// needs nothing in its gateway.

#include "events/result.hpp"

#include <caf/detail/type_list.hpp>
#include <caf/replies_to.hpp>

#include <functional>
#include <tuple>
#include <typeindex>
#include <utility>

namespace pfms {

/// Whether actor interface `Handle` answers `Args...` with `Reply`.
template <class Handle, class Reply, class... Args>
concept answers = caf::detail::tl_contains<
  typename Handle::signatures, typename caf::replies_to<Args...>::template with<Reply>>::value;

/// A request, its types erased: `args` points at a std::tuple<Args...>,
/// `done` at a std::function<void(result<Reply>)>; both are moved from by the
/// call they are handed to, before it returns.
struct erased_request {
  std::type_index signature;
  void* args;
  void* done;
};

/// The key of the signature "`Args...` answered with `Reply`".
template <class Reply, class... Args>
[[nodiscard]] std::type_index signature_key() {
  return typeid(std::tuple<Reply, Args...>);
}

template <class Reply, class... Args>
[[nodiscard]] erased_request erase_request(std::tuple<Args...>& args,
                                           std::function<void(result<Reply>)>& done) {
  return {signature_key<Reply, Args...>(), &args, &done};
}

} // namespace pfms
