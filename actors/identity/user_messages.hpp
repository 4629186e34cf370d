#pragma once

// CAF message types of the user side, with `inspect` so they cross the wire.

#include "actors/identity/core/user_core.hpp"
#include "actors/ledger/account_messages.hpp"
#include "events/message_declaration.hpp"

#include <map>
#include <string>

namespace pfms {

/// A user as the write side answers it. `password_hash` never leaves the node's
/// HTTP front: routes drop it before answering.
struct user_view {
  std::string user_id;
  std::string email;
  std::string display_name;
  std::string base_currency;
  std::string password_hash;
  std::uint64_t version = 0;
  std::string time_zone;
  std::string locale;
  std::map<std::string, std::string> categories = {}; ///< own definitions: name → tax category
  std::map<std::string, time_us> sessions = {}; ///< live session families: id → expires at
};

/// Whether `family` is a live session of `user` at `now`: started, not ended,
/// not revoked and not expired. Access tokens name their session (`sid`), and
/// one whose session is not live is refused.
[[nodiscard]] inline bool session_live(const user_view& user, const std::string& family,
                                       time_us now) {
  const auto it = user.sessions.find(family);
  return it != user.sessions.end() && now < it->second;
}

/// A session as a session command answers it.
struct session_view {
  std::string user_id;
  std::string family_id;
  time_us expires_at_us = 0;
};

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

using user_actor = caf::typed_actor<
  caf::replies_to<register_user, command_context>::with<user_view>,
  caf::replies_to<change_password, command_context>::with<user_view>,
  caf::replies_to<update_profile, command_context>::with<user_view>,
  caf::replies_to<start_session, command_context>::with<session_view>,
  caf::replies_to<rotate_session, command_context>::with<session_view>,
  caf::replies_to<end_session, command_context>::with<session_view>,
  caf::replies_to<erase_user, command_context>::with<user_view>,
  caf::replies_to<change_email, command_context>::with<user_view>,
  caf::replies_to<define_category, command_context>::with<user_view>,
  caf::replies_to<user_query>::with<user_view>>;

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
PFMS_MESSAGE(user_view);
PFMS_MESSAGE(session_view);
PFMS_MESSAGE(user_query);
PFMS_MESSAGE(email_query);
PFMS_MESSAGE(email_claim);
PFMS_MESSAGE(email_release);
PFMS_MESSAGE(register_user);
PFMS_MESSAGE(change_password);
PFMS_MESSAGE(define_category);
PFMS_MESSAGE(change_email);
PFMS_MESSAGE(erase_user);
PFMS_MESSAGE(update_profile);
PFMS_MESSAGE(start_session);
PFMS_MESSAGE(rotate_session);
PFMS_MESSAGE(end_session);

} // namespace pfms
