#pragma once

// CAF message types of the user side, with `inspect` so they cross the wire:
// the user actor's interface, made from the commands its core lists
// (user_core.hpp), the queries, and the email registry's messages.

#include "actors/identity/core/user_core.hpp"
#include "actors/ledger/account_messages.hpp"
#include "actors/runtime/command_handlers.hpp"
#include "events/message_declaration.hpp"

#include <string>

namespace pfms {

/// Reads of the user side.
struct user_query {
  std::string user_id;
};
struct email_query {
  std::string email; ///< as given; normalized by the directory
};

/// The email registry's commands, served on the node that owns the email
/// (by its normalized address) and run by that email's claim actor.
/// Claim: the address for `user_id`, unless a user holds it (the answer is
/// the registry stream's version). Release: the address, if `user_id` still
/// holds it.
struct email_claim {
  std::string email; ///< normalized
  std::string user_id;
  std::string causation; ///< the command that claims: "register_user", "change_email"
};
struct email_release {
  std::string email; ///< normalized
  std::string user_id;
};

using user_actor =
  runtime::entity_interface<user_commands, caf::replies_to<user_query>::with<user_view>>;

/// The email registry of a node: lookups, claims and releases of the emails
/// it owns.
using email_registry_actor =
  caf::typed_actor<caf::replies_to<email_query>::with<std::string>,
                   caf::replies_to<email_claim, command_context>::with<std::uint64_t>,
                   caf::replies_to<email_release>::with<std::uint64_t>>;

/// The user directory: the user interface, routed by user id, plus email
/// lookups and the email registry.
using user_directory_actor =
  user_actor::extend<caf::replies_to<email_query>::with<std::string>,
                     caf::replies_to<email_claim, command_context>::with<std::uint64_t>,
                     caf::replies_to<email_release>::with<std::uint64_t>>;

PFMS_MESSAGE(session);
PFMS_MESSAGE(user_state);
PFMS_MESSAGE(user_query);
PFMS_MESSAGE(email_query);
PFMS_MESSAGE(email_claim);
PFMS_MESSAGE(email_release);

} // namespace pfms
