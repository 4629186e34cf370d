#pragma once

#include "actors/account_codec.hpp"
#include "actors/loan_core.hpp"
#include "events/event_store.hpp"
#include "events/recorded_event.hpp"

#include <string>
#include <string_view>

namespace pfms {

/// The stream of a loan: "loan-<id>".
[[nodiscard]] std::string loan_stream(std::string_view loan_id);

/// `event` as a storable event (type name + `pb::` payload of loan.proto).
[[nodiscard]] new_event encode_loan_event(const loan_event& event, event_metadata meta);

/// The loan event stored in `e`; `corrupt` when the type is unknown, the
/// payload does not decode, or a name or day in it is not one pfms writes.
[[nodiscard]] result<loan_event> decode_loan_event(const recorded_event& e);

} // namespace pfms
