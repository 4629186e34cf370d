#pragma once

// One read model: its name, its own column family and checkpoint, and the
// fold of a batch of events into writes to that family. Rebuild is the same
// fold from position 0 on an emptied family (projection_feed.hpp).

#include "events/event_store.hpp"
#include "events/result.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

/// The writes that `events` (in log order, each after the projection's
/// checkpoint) cause in `family`, reading its rows as last committed from
/// `store`. Pure apart from those reads: a batch that fails writes nothing
/// and is folded again. `corrupt` when an event it reads does not decode.
using projection_fold = result<std::vector<read_model_put>> (*)(
  const event_store& store, std::string_view family, std::span<const recorded_event> events);

struct projection {
  std::string_view name;   ///< the checkpoint's name, and what rebuild and the metrics call it
  std::string_view family; ///< its own column family (store_options::read_model_families)
  projection_fold fold;
};

/// The column families of `all`, for store_options::read_model_families.
[[nodiscard]] inline std::vector<std::string> families_of(std::span<const projection> all) {
  std::vector<std::string> out;
  for (const auto& p : all)
    out.emplace_back(p.family);
  return out;
}

} // namespace pfms
