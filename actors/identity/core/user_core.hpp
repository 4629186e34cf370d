#pragma once

// The user's pure core: registration and sessions (refresh-token families).
// No I/O, no clock reads, no CAF.

#include "actors/identity/core/email_address.hpp"
#include "events/clock.hpp"
#include "events/message_name.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pfms {

inline constexpr std::size_t display_name_size_max = 100;
inline constexpr std::size_t sessions_max = 20;         ///< live sessions per user
inline constexpr std::size_t rotated_hashes_max = 32;   ///< remembered per family, for reuse detection

// Replies: what the user actor answers its commands with.
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

// Commands. Each names its reply.
struct register_user {
  using reply = user_view;
  std::string user_id;
  std::string email;          ///< as given; normalized by decide
  std::string display_name;
  std::string password_hash;  ///< argon2id string (crypto_pwhash_str)
};

struct start_session {
  using reply = session_view;
  std::string user_id;
  std::string family_id;
  std::string token_hash;     ///< SHA-256 of the refresh token, never the token
  time_us expires_at_us = 0;
  time_us now_us = 0;
};

struct rotate_session {
  using reply = session_view;
  std::string user_id;
  std::string family_id;
  std::string presented_hash;
  std::string new_hash;
  time_us expires_at_us = 0;
  time_us now_us = 0;
};

struct end_session {
  using reply = session_view;
  std::string user_id;
  std::string family_id;
  std::string presented_hash;
  time_us now_us = 0;
};

/// A new password hash (already verified and hashed by the caller). Ends
/// every session but `keep_family_id`, the caller's own. With
/// `previous_hash`, a rehash of the same password under stronger parameters
/// after a login: it ends no session and applies only while the stored hash
/// is still `previous_hash` (else `precondition_failed`).
struct change_password {
  using reply = user_view;
  std::string user_id;
  std::string keep_family_id;
  std::string password_hash;
  std::string previous_hash = {};
};

/// Profile and preferences; empty fields stay as they are.
struct update_profile {
  using reply = user_view;
  std::string user_id;
  std::string display_name;
  std::string base_currency; ///< ISO 4217
  std::string time_zone;     ///< IANA name
  std::string locale;        ///< BCP 47 tag; normalized by decide
};

/// A new email address (the shell has claimed it in the registry first).
struct change_email {
  using reply = user_view;
  std::string user_id;
  std::string email; ///< as given; normalized by decide
};

/// Defines a category of the user, or re-maps one (a default too) to a tax
/// category ("" for none).
struct define_category {
  using reply = user_view;
  std::string user_id;
  std::string name;
  std::string tax_category;
};

/// Erase the person: every session ends, then the personal data becomes
/// unreadable (the shell destroys the user's key and releases the email).
struct erase_user {
  using reply = user_view;
  std::string user_id;
};

PFMS_MESSAGE(user_view);
PFMS_MESSAGE(session_view);
PFMS_MESSAGE(register_user);
PFMS_MESSAGE(change_password);
PFMS_MESSAGE(update_profile);
PFMS_MESSAGE(start_session);
PFMS_MESSAGE(rotate_session);
PFMS_MESSAGE(end_session);
PFMS_MESSAGE(erase_user);
PFMS_MESSAGE(change_email);
PFMS_MESSAGE(define_category);

/// The commands a user's actor answers, in its interface's order.
using user_commands = command_list<register_user, change_password, update_profile, start_session, rotate_session, end_session, erase_user, change_email, define_category>;

// Events.
struct user_registered {
  std::string user_id;
  std::string email;
  std::string display_name;
  std::string password_hash;
};
struct session_started {
  std::string family_id;
  std::string token_hash;
  time_us expires_at_us = 0;
  time_us started_at_us = 0;
};
struct session_rotated {
  std::string family_id;
  std::string token_hash;
  time_us expires_at_us = 0;
};
struct session_revoked {
  std::string family_id; ///< a rotated token came back: the whole family ends
};
struct session_ended {
  std::string family_id; ///< logout, or pushed out by a newer session
};
struct password_changed {
  std::string password_hash;
  bool rehash = false; ///< the same password under stronger hashing parameters
};
struct profile_changed {
  std::string display_name;
  std::string base_currency;
  std::string time_zone;
  std::string locale;
};

/// The email address changed; `released_stream` is the old address's
/// registry stream, released after this event.
struct email_changed {
  std::string email;
  std::string released_stream;
};

struct category_defined {
  std::string name;
  std::string tax_category;
};

/// The person was erased. Carries nothing personal: the email registry
/// stream (named by a digest) to release.
struct user_erased {
  std::string email_stream;
};

using user_event = std::variant<user_registered, session_started, session_rotated,
                                session_revoked, session_ended, password_changed,
                                profile_changed, user_erased, email_changed, category_defined>;

/// One refresh-token family.
struct session {
  std::string token_hash;                  ///< the one live token
  std::vector<std::string> rotated_hashes; ///< earlier ones, newest last
  time_us expires_at_us = 0;
  time_us started_at_us = 0;

  friend bool operator==(const session&, const session&) = default;
};

struct user_state {
  bool registered = false; ///< registered and not erased
  bool erased = false;
  std::string email_stream; ///< set once erased: the registry stream to release
  std::string user_id;
  std::string email;
  std::string display_name;
  std::string password_hash;
  std::string base_currency = "EUR";
  std::string time_zone = "UTC";
  std::string locale = "en";
  std::map<std::string, session> sessions; ///< live families by id
  std::uint64_t version = 0;
  std::map<std::string, std::string> categories = {}; ///< own definitions: name → tax category

  friend bool operator==(const user_state&, const user_state&) = default;
};

[[nodiscard]] result<std::vector<user_event>> decide(const user_state& s, const register_user& c);
[[nodiscard]] result<std::vector<user_event>> decide(const user_state& s, const start_session& c);
/// A reused (already rotated) token yields `session_revoked`: the shell
/// persists it and then answers `refresh_token_reused`.
[[nodiscard]] result<std::vector<user_event>> decide(const user_state& s, const rotate_session& c);
[[nodiscard]] result<std::vector<user_event>> decide(const user_state& s, const end_session& c);

[[nodiscard]] result<std::vector<user_event>> decide(const user_state& s, const change_password& c);
[[nodiscard]] result<std::vector<user_event>> decide(const user_state& s, const update_profile& c);
/// No event when the definition is the current one.
[[nodiscard]] result<std::vector<user_event>> decide(const user_state& s, const define_category& c);
/// No event when the normalized address is the current one. `released_stream`
/// is the registry stream of the current address (the shell hashes).
[[nodiscard]] result<std::vector<user_event>> decide(const user_state& s, const change_email& c,
                                                     const std::string& released_stream);
/// `email_stream` is the registry stream of the user's email (the shell
/// knows the digest; the core does no hashing).
[[nodiscard]] result<std::vector<user_event>> decide(const user_state& s, const erase_user& c,
                                                     const std::string& email_stream);

[[nodiscard]] user_state evolve(user_state state, const user_event& event);

} // namespace pfms
