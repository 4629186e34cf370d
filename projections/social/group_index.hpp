#pragma once

// The group index projection: which groups each user belongs to:
// "gm:" ‖ user id ‖ 0x00 ‖ group id → status ("invited", "active") ‖ 0x00 ‖
// group name. Written from the group streams' membership events; a member who
// left or was removed has no entry.

#include "events/event_store.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"
#include "projections/runtime/projection.hpp"

#include <map>
#include <string>
#include <vector>

namespace pfms {

/// One group of a user, as the index holds it.
struct group_index_row {
  std::string group_id;
  std::string name;
  std::string status; ///< invited or active
  friend bool operator==(const group_index_row&, const group_index_row&) = default;
};

/// The index writes one group event causes. `names` keeps each group's name
/// (from its GroupCreated) across the events of a batch; a name not there is
/// read from the family. `corrupt` when a membership event does not decode.
[[nodiscard]] result<std::vector<read_model_put>>
group_index_puts(const event_store& store, std::string_view family, const recorded_event& e,
                 std::map<std::string, std::string>& names);

/// The projection's fold: group_index_puts of each event.
[[nodiscard]] result<std::vector<read_model_put>>
fold_group_index(const event_store& store, std::string_view family,
                 std::span<const recorded_event> events);

inline constexpr projection group_index_projection{"group_index", "rm_group_index",
                                                   &fold_group_index};

/// Up to `limit` groups of `user_id`, in group id order.
[[nodiscard]] result<std::vector<group_index_row>>
groups_of(const event_store& store, std::string_view family, const std::string& user_id,
          std::size_t limit);

} // namespace pfms
