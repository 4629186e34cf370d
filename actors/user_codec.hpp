#pragma once

#include "actors/account_codec.hpp"
#include "actors/user_core.hpp"
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

[[nodiscard]] new_event encode_user_event(const user_event& event, event_metadata meta);
[[nodiscard]] result<user_event> decode_user_event(const recorded_event& e);

[[nodiscard]] new_event encode_email_claimed(std::string_view user_id, event_metadata meta);
/// The user id an `EmailClaimed` names; `corrupt` for anything else.
[[nodiscard]] result<std::string> decode_email_claimed(const recorded_event& e);

} // namespace pfms
