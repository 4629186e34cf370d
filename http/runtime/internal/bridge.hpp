#pragma once

// What the bridge (http/runtime/bridge.hpp) runs: each a request a gateway makes,
// with the handler of its reply.

#include <caf/actor_system.hpp>
#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/atom.hpp>
#include <caf/event_based_actor.hpp>

#include <functional>

namespace pfms::http::internal {

using bridge_atom = caf::atom_constant<caf::atom("httpbridge")>;

/// A request to make from the bridge's context (it arms its reply handler there).
using bridge_job = std::function<void(caf::event_based_actor*)>;

} // namespace pfms::http::internal

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(pfms::http::internal::bridge_job)
