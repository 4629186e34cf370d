#pragma once

#include "actors/runtime/entity_env.hpp"

#include <string>

namespace pfms::runtime {

/// What every entity's state starts with: its node's env and its id. The
/// handlers refer to these instead of each capturing copies: one copy per
/// actor, not one per handler (copies were most of an idle entity's memory).
struct entity_base {
  entity_env env;
  std::string id;

  /// Keeps `env` and `id`; the references stay valid while the actor lives.
  void adopt(entity_env given_env, std::string given_id) {
    env = std::move(given_env);
    id = std::move(given_id);
  }
};

} // namespace pfms::runtime
