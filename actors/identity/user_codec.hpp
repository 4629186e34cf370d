#pragma once

#include "actors/identity/core/user_core.hpp"
#include "actors/ledger/account_codec.hpp"
#include "events/personal_data.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"

#include <string>
#include <string_view>

namespace pfms {

/// "user-<id>".
[[nodiscard]] std::string user_stream(std::string_view user_id);

/// "email-<hex SHA-256 of the normalized email>": the registry stream whose
/// first append (expected version `no_stream`) makes the email unique.
[[nodiscard]] std::string email_stream(std::string_view normalized_email);

/// The sealer of `user_id`'s personal fields under `key` (empty: erased).
[[nodiscard]] sealer user_sealer(std::string_view user_id, std::string key);

/// `event` as a storable event; personal fields (email, display name) sealed
/// by `seal`, which must hold a key when the event has any.
[[nodiscard]] new_event encode_user_event(const user_event& event, event_metadata meta,
                                          const sealer& seal);
/// The user event stored in `e`, personal fields opened by `seal` (as
/// `erased_text` without a key); `corrupt` when it does not decode or open.
[[nodiscard]] result<user_event> decode_user_event(const recorded_event& e, const sealer& seal);

[[nodiscard]] new_event encode_email_claimed(std::string_view user_id, event_metadata meta);
[[nodiscard]] new_event encode_email_released(std::string_view user_id, event_metadata meta);
/// Who a registry event leaves holding the email: the user id of an
/// `EmailClaimed`, empty after an `EmailReleased`; `corrupt` for anything else.
[[nodiscard]] result<std::string> decode_email_claimed(const recorded_event& e);

} // namespace pfms
