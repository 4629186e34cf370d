#pragma once

// The last steps of erasing a person, after `UserErased` is durable: release
// their email in the registry, then destroy their key. Each step is
// idempotent, so a user actor that recovers an erased user whose key still
// exists (a crash in between) runs them again.

#include "actors/entity_env.hpp"
#include "events/result.hpp"

#include <string>

namespace pfms {

/// Appends `EmailReleased` to `email_stream` if its last event still names
/// `user_id` (an email change and an erasure both release). Blocks on the append.
[[nodiscard]] status release_email(const entity_env& env, const std::string& user_id,
                                   const std::string& email_stream);

/// Appends `EmailReleased` to `email_stream` if its last event still names
/// `user_id`, then destroys the user's key. Blocks on the append and on the
/// store's flush and compaction: erasure is rare, and the user actor's
/// mailbox waits anyway.
[[nodiscard]] status finish_erasure(const entity_env& env, const std::string& user_id,
                                    const std::string& email_stream);

} // namespace pfms
