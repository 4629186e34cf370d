#pragma once

// The protobuf form of the transfer events (account_codec.cpp uses these).
// No personal fields.

#include "actors/ledger/core/account_core.hpp"
#include "events/proto/account.pb.h"

#include <optional>
#include <string>

namespace pfms::actors::internal {

[[nodiscard]] std::string transfer_payload(const transfer_held& e);
[[nodiscard]] std::string transfer_payload(const transfer_credited& e);
[[nodiscard]] std::string transfer_payload(const transfer_settled& e);
[[nodiscard]] std::string transfer_payload(const transfer_released& e);
[[nodiscard]] std::string transfer_payload(const transfer_claimed& e);

/// The transfer event a parsed message holds; nullopt when its content is
/// not one the core writes.
[[nodiscard]] std::optional<account_event> transfer_event(const pb::TransferHeld& m);
[[nodiscard]] std::optional<account_event> transfer_event(const pb::TransferCredited& m);
[[nodiscard]] std::optional<account_event> transfer_event(const pb::TransferSettled& m);
[[nodiscard]] std::optional<account_event> transfer_event(const pb::TransferReleased& m);
[[nodiscard]] std::optional<account_event> transfer_event(const pb::TransferClaimed& m);

} // namespace pfms::actors::internal
