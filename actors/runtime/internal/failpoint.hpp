#pragma once

// Test only: a saga step where a node told to (PFMS_FAILPOINT) dies like a
// kill -9 would, so the crash tests can cut a saga between its steps.

#include "actors/runtime/entity_env.hpp"

#include <csignal>
#include <unistd.h>

namespace pfms::actors::internal {

inline void failpoint(const entity_env& env, const char* step) {
  if (env.failpoint == step)
    ::kill(::getpid(), SIGKILL);
}

} // namespace pfms::actors::internal
