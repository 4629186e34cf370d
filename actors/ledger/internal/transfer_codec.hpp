#pragma once

// The protobuf form of the transfer events and of the transfers an account
// snapshot carries (account_codec.cpp uses these). No personal fields.

#include "actors/ledger/core/account_core.hpp"
#include "events/proto/account.pb.h"
#include "events/recorded_event.hpp"

#include <optional>
#include <string>

namespace pfms::actors::internal {

[[nodiscard]] std::string transfer_payload(const transfer_held& e);
[[nodiscard]] std::string transfer_payload(const transfer_credited& e);
[[nodiscard]] std::string transfer_payload(const transfer_settled& e);
[[nodiscard]] std::string transfer_payload(const transfer_released& e);

/// The transfer event in `e`; nullopt when `e` is of another type, nullopt
/// inside when it is a transfer event that does not decode.
[[nodiscard]] std::optional<std::optional<account_event>>
decode_transfer_event(const recorded_event& e);

/// Adds the account's transfers to a snapshot.
void put_transfers(pb::AccountSnapshot& m, const account_state& s);
/// Reads them back; false when the snapshot's transfer fields disagree.
[[nodiscard]] bool take_transfers(const pb::AccountSnapshot& m, account_state& s);

} // namespace pfms::actors::internal
