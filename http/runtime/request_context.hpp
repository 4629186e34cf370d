#pragma once

// The command context a request gives the entity runtime.

#include "actors/runtime/command_context.hpp"
#include "http/runtime/http_message.hpp"

#include <cstdint>

namespace pfms {

/// The command context of a request: caller, request id, idempotency key and
/// fingerprint; `if_version` the version its If-Match names (0: none).
[[nodiscard]] command_context context_of(const http_request& request,
                                         std::uint64_t if_version = 0);

/// The context with If-Match as the expected version, for a route the router
/// admits only with a well-formed If-Match (`versioned`).
[[nodiscard]] command_context versioned_context_of(const http_request& request);

} // namespace pfms
