#pragma once

// What the bridge (http/runtime/bridge.hpp) runs: each a request a gateway
// or the cluster front makes, with the handler of its reply, which it keeps
// in the bridge's book (bridge_book.hpp).

#include "http/runtime/internal/bridge_book.hpp"

#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <functional>

namespace pfms::http::internal {

using bridge_atom = caf::atom_constant<caf::atom("httpbridge")>;
using drain_atom = caf::atom_constant<caf::atom("drain")>;

/// A request to make from the bridge's context (it arms its reply handler
/// there), with the bridge's book of waiting callbacks.
using bridge_job = std::function<void(caf::event_based_actor*, bridge_book&)>;

} // namespace pfms::http::internal

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(pfms::http::internal::bridge_job)
