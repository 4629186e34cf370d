#pragma once

#include "actors/ledger/account_codec.hpp"
#include "actors/social/core/group_core.hpp"
#include "events/event_store.hpp"
#include "events/recorded_event.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pfms {

/// The stream of a group: "group-<id>".
[[nodiscard]] std::string group_stream(std::string_view group_id);

class writer_keys;

/// `event` as a storable event (type name + `pb::` payload of group.proto),
/// its text sealed by `keys`, which `prepare_text_keys` readied for it.
[[nodiscard]] new_event encode_group_event(const group_event& event, event_metadata meta,
                                           const writer_keys& keys);

/// Readies in `keys` the key of every writer whose text `events` carry:
/// created for new text (`subject_erased` when its writer was erased here),
/// read for the earlier text an edit carries.
[[nodiscard]] status prepare_text_keys(const std::vector<group_event>& events,
                                       writer_keys& keys, event_store& store);

/// The group event stored in `e`, its text opened by `keys`; `corrupt` when
/// the type is unknown or the payload (or a sealed field) does not decode.
[[nodiscard]] result<group_event> decode_group_event(const recorded_event& e,
                                                     writer_keys& keys);

} // namespace pfms
