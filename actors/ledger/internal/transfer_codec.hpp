#pragma once

// The protobuf form of the transfer events and of the transfers an account
// snapshot carries (account_codec.cpp uses these). No personal fields.

#include "actors/ledger/core/account_core.hpp"
#include "events/proto/account.pb.h"

#include <optional>
#include <string>

namespace pfms::actors::internal {

[[nodiscard]] std::string transfer_payload(const transfer_held& e);
[[nodiscard]] std::string transfer_payload(const transfer_credited& e);
[[nodiscard]] std::string transfer_payload(const transfer_settled& e);
[[nodiscard]] std::string transfer_payload(const transfer_released& e);

/// The transfer event a parsed message holds; nullopt when its content is
/// not one the core writes.
[[nodiscard]] std::optional<account_event> transfer_event(const pb::TransferHeld& m);
[[nodiscard]] std::optional<account_event> transfer_event(const pb::TransferCredited& m);
[[nodiscard]] std::optional<account_event> transfer_event(const pb::TransferSettled& m);
[[nodiscard]] std::optional<account_event> transfer_event(const pb::TransferReleased& m);

/// Adds the account's transfers to a snapshot.
void put_transfers(pb::AccountSnapshot& m, const account_state& s);
/// Reads them back; false when the snapshot's transfer fields disagree.
[[nodiscard]] bool take_transfers(const pb::AccountSnapshot& m, account_state& s);

} // namespace pfms::actors::internal
