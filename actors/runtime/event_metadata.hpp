#pragma once

#include <string>

namespace pfms {

/// Who and why, carried on every event an entity writes.
struct event_metadata {
  std::string event_id;
  std::string actor;
  std::string correlation_id;
  std::string causation_id;
};

} // namespace pfms
