#pragma once

// One email's registry stream ("email-<digest>") and its single writer: the
// claim actor, spawned by the user directory of the node that owns the email.
// Claims and releases of one email run one at a time, in the order they
// arrive, so a user's release and its later claim of the same address never
// overtake each other.
//
//   claim:   free (no stream, or released) ──► append EmailClaimed
//            held by the claimant ──► nothing to do
//            held by another ──► ask that user (wherever it lives) for its
//            view: if its email is this one, email_taken; if it is gone or
//            holds another address (a registration that never landed, an
//            erasure or change whose release was lost), the claim is stale and
//            is taken over
//   release: held by the user ──► append EmailReleased; else nothing
//   lookup:  the last claim's holder (who may have moved away or never
//            registered: the caller checks the user's view), else
//            user_not_found; in order with the claims and releases
//
// The holder answers after any command it has in flight (a user actor awaits
// its own claim and the append after it), so a claim in flight is never
// mistaken for a stale one.

#include "actors/identity/user_messages.hpp"
#include "actors/runtime/entity_env.hpp"
#include "actors/runtime/passivation.hpp"

#include <chrono>
#include <string>

namespace pfms {

/// How long a claim waits for the holder's view before it gives up with
/// `unavailable` (the holder's node is slow or gone): the answer is unknown.
inline constexpr std::chrono::seconds holder_ask_timeout{2};

/// The user id the last claim of registry stream `stream` names, else
/// `user_not_found` (never claimed, or released). The claim actor's lookup;
/// read directly while the email has no claim actor (nothing is in flight).
[[nodiscard]] result<std::string> email_holder(const event_store& store, const std::string& stream);

/// A claim actor: the registry interface, and passivation (it holds nothing
/// between messages, so it stops whenever it is idle).
using email_claim_entity = entity_handle<email_registry_actor>;

/// `stream` is `email_stream(normalized email)`; `users` answers `user_query`
/// for any user id (the node's user directory, or a cluster's router).
email_claim_entity::behavior_type email_claim_fn(email_claim_entity::pointer self,
                                                 entity_env env, std::string stream,
                                                 user_actor users);

} // namespace pfms
