#pragma once

#include "actors/ledger/account_codec.hpp"
#include "actors/lending/core/loan_core.hpp"
#include "events/event_store.hpp"
#include "events/recorded_event.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pfms {

/// The stream of a loan: "loan-<id>".
[[nodiscard]] std::string loan_stream(std::string_view loan_id);

class writer_keys;

/// `event` as a storable event (type name + `pb::` payload of loan.proto), a
/// named party's name sealed by `keys`, which `prepare_text_keys` readied.
[[nodiscard]] new_event encode_loan_event(const loan_event& event, event_metadata meta,
                                          const writer_keys& keys);

/// Readies in `keys` the key of the user whose offer names an outside party
/// (created on first use; `subject_erased` when they were erased here).
[[nodiscard]] status prepare_text_keys(const std::vector<loan_event>& events, writer_keys& keys,
                                       event_store& store);

/// The loan event stored in `e`, a named party's name opened by `keys`;
/// `corrupt` when the type is unknown, the payload (or a sealed name) does
/// not decode, or a name or day in it is not one pfms writes.
[[nodiscard]] result<loan_event> decode_loan_event(const recorded_event& e, writer_keys& keys);

} // namespace pfms
