#pragma once

#include "actors/account_codec.hpp"
#include "actors/group_core.hpp"
#include "events/event_store.hpp"
#include "events/recorded_event.hpp"

#include <string>
#include <string_view>

namespace pfms {

/// The stream of a group: "group-<id>".
[[nodiscard]] std::string group_stream(std::string_view group_id);

/// `event` as a storable event (type name + `pb::` payload of group.proto).
[[nodiscard]] new_event encode_group_event(const group_event& event, event_metadata meta);

/// The group event stored in `e`; `corrupt` when the type is unknown or the
/// payload does not decode.
[[nodiscard]] result<group_event> decode_group_event(const recorded_event& e);

} // namespace pfms
