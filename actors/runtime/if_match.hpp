#pragma once

// If-Match (RFC 9110 §13.1.1) for the kinds whose commands carry it in their
// context (groups, loans): one check, in one order.

#include "events/failure.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <string>

namespace pfms::runtime {

/// The decision `decided` on an entity at `version` (`exists`: created), held
/// against `expected` from the request (0: none). A caller who may not see the
/// entity hears what the decision said (`not_found`: as for one that does not
/// exist, so a stale version tells a stranger nothing); anyone else with a
/// stale `expected` hears `stale`, before the decision's other refusals and
/// before any effect; its detail ends with the entity's version.
template <class T>
result<T> if_match(result<T> decided, std::uint64_t expected, std::uint64_t version, bool exists,
                   const failure& not_found, failure stale) {
  const bool hidden = !decided && decided.error().domain == not_found.domain
                      && decided.error().code == not_found.code;
  if (expected == 0 || !exists || expected == version || hidden)
    return decided;
  stale.detail += std::to_string(version);
  return stale;
}

} // namespace pfms::runtime
