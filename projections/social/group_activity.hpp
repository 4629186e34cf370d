#pragma once

// The group activity projection: each group's events in version order, for
// its activity feed:
//   "a:" ‖ group id ‖ 0x00 ‖ version (u64 BE) → pb::Envelope
// The envelope keeps what the feed shows (type, version, writer, time, and
// the payload as stored: its text sealed under each writer's key, so erasing
// a writer's key erases their text here too) and leaves out the hashes and
// request ids. The feed decodes the payloads with the group's codec.

#include "events/event_store.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"
#include "projections/runtime/projection.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pfms {

/// The projection's fold.
[[nodiscard]] result<std::vector<read_model_put>>
fold_group_activity(const event_store& store, std::string_view family,
                    std::span<const recorded_event> events);

inline constexpr projection group_activity_projection{"group_activity", "rm_group_activity",
                                                      &fold_group_activity};

/// At most `limit` events of `group_id` from version `from_version` on,
/// oldest first, as the projection holds them; `corrupt` for a row that does
/// not decode.
[[nodiscard]] result<std::vector<recorded_event>>
group_activity_of(const event_store& store, const std::string& group_id,
                  std::uint64_t from_version, std::size_t limit);

} // namespace pfms
