#pragma once

// CAF message types of the user side, with `inspect` so they cross the wire.

#include "actors/messages.hpp"
#include "actors/user_core.hpp"

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

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, user_view& x) {
  return f(caf::meta::type_name("user_view"), x.user_id, x.email, x.display_name,
           x.base_currency, x.password_hash, x.version, x.time_zone, x.locale, x.categories, x.sessions);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, session_view& x) {
  return f(caf::meta::type_name("session_view"), x.user_id, x.family_id, x.expires_at_us);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, user_query& x) {
  return f(caf::meta::type_name("user_query"), x.user_id);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, email_query& x) {
  return f(caf::meta::type_name("email_query"), x.email);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, email_claim& x) {
  return f(caf::meta::type_name("email_claim"), x.email, x.user_id, x.causation);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, email_release& x) {
  return f(caf::meta::type_name("email_release"), x.email, x.user_id);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, register_user& x) {
  return f(caf::meta::type_name("register_user"), x.user_id, x.email, x.display_name,
           x.password_hash);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, change_password& x) {
  return f(caf::meta::type_name("change_password"), x.user_id, x.keep_family_id,
           x.password_hash, x.previous_hash);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, define_category& x) {
  return f(caf::meta::type_name("define_category"), x.user_id, x.name, x.tax_category);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, change_email& x) {
  return f(caf::meta::type_name("change_email"), x.user_id, x.email);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, erase_user& x) {
  return f(caf::meta::type_name("erase_user"), x.user_id);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, update_profile& x) {
  return f(caf::meta::type_name("update_profile"), x.user_id, x.display_name, x.base_currency,
           x.time_zone, x.locale, x.if_version);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, start_session& x) {
  return f(caf::meta::type_name("start_session"), x.user_id, x.family_id, x.token_hash,
           x.expires_at_us, x.now_us);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, rotate_session& x) {
  return f(caf::meta::type_name("rotate_session"), x.user_id, x.family_id, x.presented_hash,
           x.new_hash, x.expires_at_us, x.now_us);
}
template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, end_session& x) {
  return f(caf::meta::type_name("end_session"), x.user_id, x.family_id, x.presented_hash,
           x.now_us);
}

} // namespace pfms
