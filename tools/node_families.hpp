#pragma once

// The read-model column families of a node's store: every projection's, and
// the login guard's failure windows. A store opened for writing must name
// them all (RocksDB refuses to open a database with a family left out).

#include "actors/identity/login_guard.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <string>
#include <vector>

namespace pfms {

[[nodiscard]] inline std::vector<std::string> node_families() {
  auto out = families_of(node_projections);
  out.emplace_back(login_attempts_family);
  return out;
}

} // namespace pfms
