#include "actors/identity/user_actor.hpp"

#include "actors/identity/core/user_error.hpp"
#include "actors/identity/email_claim.hpp"
#include "actors/identity/published_users.hpp"
#include "actors/identity/user_codec.hpp"
#include "actors/runtime/internal/fold_stream.hpp"
#include "actors/identity/internal/user_shell.hpp"
#include "events/caf_error.hpp"
#include "events/store_error.hpp"

#include <type_traits>

namespace pfms {

namespace {

using self_ptr = actors::internal::user_self;
using actors::internal::user_shell;

user_view view_of(const user_state& u) {
  user_view view{u.user_id,       u.email,   u.display_name, u.base_currency,
                 u.password_hash, u.version, u.time_zone,    u.locale, u.categories};
  for (const auto& [family, s] : u.sessions)
    view.sessions.emplace(family, s.expires_at_us);
  return view;
}

user_view user_reply(const user_state& u, const append_result&) {
  return view_of(u);
}

// Makes the node's published view of the user match its state.
void publish(const entity_env& env, const user_state& u) {
  if (env.users == nullptr)
    return;
  if (u.registered)
    env.users->publish(view_of(u));
  else if (!u.user_id.empty())
    env.users->withdraw(u.user_id);
}

/// How long a user waits for the registry's answer to a claim: the holder's
/// view and one append. A claim that lands after the wait is stale (the user
/// never acted on it), and the next claimant of the email takes it over.
constexpr auto claim_timeout = holder_ask_timeout + std::chrono::seconds{3};

// Claims the normalized `email` for this user in the registry of the email's
// node, then calls `next(error)` (none on success). The user's mailbox waits
// for the answer, so the user is never asked after its own claim midway.
template <class Next>
void claim_email(self_ptr self, const std::string& email, const std::string& user_id,
                 const command_context& ctx, const char* causation, Next next) {
  self->request(self->state.registry, claim_timeout, email_claim{email, user_id, causation}, ctx)
    .await([=](std::uint64_t) mutable { next(caf::error{}); },
           [=](caf::error& error) mutable { next(std::move(error)); });
}

// Releases the normalized `email` if this user still holds it, then calls
// `next()`. Best effort: the answer is awaited (so the address is free when
// the user's command answers) but a failure is not, since a release that is
// lost (its node is down) leaves a stale claim, which the email's next
// claimant takes over after asking this user.
template <class Next>
void release_email(self_ptr self, const std::string& email, const std::string& user_id,
                   Next next) {
  self->request(self->state.registry, claim_timeout, email_release{email, user_id})
    .await([=](std::uint64_t) mutable { next(); }, [=](caf::error&) mutable { next(); });
}

caf::result<user_view> register_flow(self_ptr self, const std::string& user_id,
                                     std::vector<user_event> events,
                                     const command_context& ctx) {
  auto promise = self->make_response_promise<user_view>();
  const auto email = std::get<user_registered>(events.front()).email;
  claim_email(self, email, user_id, ctx, "register_user", [=](caf::error error) mutable {
    if (error) {
      promise.deliver(std::move(error));
      return;
    }
    runtime::append_events<user_shell>(
      self, std::move(events), ctx, "register_user", runtime::append_key::context,
      // A concurrent retry already registered (the actor's own state has it).
      [=](const append_result&) mutable { promise.deliver(view_of(self->state.user)); },
      [=](caf::error failed) mutable { promise.deliver(std::move(failed)); });
  });
  return promise;
}

// Runs a session command: decide, persist, answer the session (or, for a
// reused token, persist the revocation and answer refresh_token_reused).
template <class Command>
caf::result<session_view> session_command(self_ptr self, const std::string& user_id,
                                          const Command& cmd,
                                          const command_context& ctx, const char* causation) {
  auto& st = self->state;
  if (st.broken)
    return to_caf_error(*st.broken);
  auto events = decide(st.user, cmd);
  if (!events)
    return to_caf_error(events.error());
  const bool reuse = std::holds_alternative<session_revoked>(events->back());
  auto promise = self->make_response_promise<session_view>();
  runtime::append_events<user_shell>(
    self, std::move(*events), ctx, causation, runtime::append_key::none,
    [=](const append_result&) mutable {
      if (reuse) {
        promise.deliver(to_caf_error(make_failure(
          user_errc::refresh_token_reused,
          "the refresh token was already used; the session is revoked")));
        return;
      }
      const auto& sessions = self->state.user.sessions;
      auto it = sessions.find(cmd.family_id);
      promise.deliver(session_view{user_id, cmd.family_id,
                                   it == sessions.end() ? 0 : it->second.expires_at_us});
    },
    [=](caf::error failed) mutable { promise.deliver(std::move(failed)); });
  return promise;
}

// Runs a profile command: decide, persist, answer the user.
template <class Command>
caf::result<user_view> profile_command(self_ptr self, const Command& cmd,
                                       const command_context& ctx, const char* causation) {
  return runtime::run_command<user_shell, user_view>(
    self, cmd, ctx, causation, user_reply);
}

// Changes the address: claims the new one in the registry, appends
// EmailChanged, then releases the old one. The same address again is a no-op.
caf::result<user_view> change_email_flow(self_ptr self, const std::string& user_id,
                                         const change_email& cmd,
                                         const command_context& ctx) {
  auto& st = self->state;
  if (st.broken)
    return to_caf_error(*st.broken);
  auto events = decide(st.user, cmd, email_stream(st.user.email));
  if (!events)
    return to_caf_error(events.error());
  if (events->empty())
    return view_of(st.user);
  auto promise = self->make_response_promise<user_view>();
  const auto change = std::get<email_changed>(events->front());
  const auto old_email = st.user.email;
  claim_email(self, change.email, user_id, ctx, "change_email",
              [=, applied = std::move(*events)](caf::error error) mutable {
    if (error) {
      promise.deliver(std::move(error));
      return;
    }
    runtime::append_events<user_shell>(
      self, std::move(applied), ctx, "change_email", runtime::append_key::none,
      [=](const append_result&) mutable {
        release_email(self, old_email, user_id,
                      [=]() mutable { promise.deliver(view_of(self->state.user)); });
      },
      [=](caf::error failed) mutable { promise.deliver(std::move(failed)); });
  });
  return promise;
}

// Erases the user: UserErased (after ending every session), then the key's
// destruction (which blocks on the store's flush and compaction: erasure is
// rare), then the email's release. If destroying the key fails the actor
// stops, and the next start destroys it.
caf::result<user_view> erase_flow(self_ptr self, const std::string& user_id,
                                  const erase_user& cmd,
                                  const command_context& ctx) {
  auto& st = self->state;
  if (st.broken)
    return to_caf_error(*st.broken);
  auto events = decide(st.user, cmd, email_stream(st.user.email));
  if (!events)
    return to_caf_error(events.error());
  auto promise = self->make_response_promise<user_view>();
  const auto email = st.user.email;
  runtime::append_events<user_shell>(
    self, std::move(*events), ctx, "erase_user", runtime::append_key::none,
    [=](const append_result&) mutable {
      auto finished =
        self->state.env.store->erase_subject_key(user_id, erasure_reach::every_node);
      self->state.seal = user_sealer(user_id, "");
      if (!finished) {
        promise.deliver(to_caf_error(finished.error()));
        self->quit();
        return;
      }
      release_email(self, email, user_id,
                    [=]() mutable { promise.deliver(view_of(self->state.user)); });
    },
    [=](caf::error failed) mutable { promise.deliver(std::move(failed)); });
  return promise;
}

} // namespace

void actors::internal::user_shell::applied(user_self self) {
  publish(self->state.env, self->state.user);
}

result<user_state> recover_user(const event_store& store, const std::string& user_id,
                                const sealer& seal, std::uint64_t last_version,
                                user_state start) {
  return actors::internal::fold_stream(
    store, user_stream(user_id), std::move(start),
    [&seal](const recorded_event& e) { return decode_user_event(e, seal); }, last_version);
}

namespace {

// Recovers the user and, for one erased while its key survived (a crash in
// between), finishes the erasure; a failure makes the actor answer it.
void start_user(self_ptr self, const entity_env& env, const std::string& user_id) {
  auto& st = self->state;
  auto key = env.store->subject_key(user_id);
  if (!key) {
    st.broken = key.error();
    return;
  }
  st.seal = user_sealer(user_id, key->value_or(""));
  auto start = runtime::snapshot_start<user_shell>(*env.store, user_id);
  auto recovered =
    recover_user(*env.store, user_id, st.seal, UINT64_MAX, std::move(start).value_or(user_state{}));
  if (!recovered) {
    st.broken = recovered.error();
    return;
  }
  st.user = std::move(*recovered);
  publish(env, st.user);
  if (st.user.erased && !st.seal.erased()) {
    if (auto finished = env.store->erase_subject_key(user_id, erasure_reach::every_node); !finished)
      st.broken = finished.error();
    st.seal = user_sealer(user_id, "");
  }
}

} // namespace

user_entity::behavior_type user_actor_fn(self_ptr self, entity_env given_env,
                                         std::string given_id, email_registry_actor registry) {
  self->state.adopt(std::move(given_env), std::move(given_id));
  const entity_env& env = self->state.env;
  const std::string& user_id = self->state.id;
  self->state.registry = std::move(registry);
  start_user(self, env, user_id);
  auto unknown = [] { return to_caf_error(user_shell::not_found()); };
  return runtime::entity_behavior<user_entity::behavior_type>(
    user_commands{},
    [self, &user_id](auto& cmd, const command_context& ctx, const char* name) {
      if constexpr (std::is_same_v<typename std::decay_t<decltype(cmd)>::reply, session_view>)
        return session_command(self, user_id, cmd, ctx, name);
      else
        return profile_command(self, cmd, ctx, name);
    },
    [self, &user_id](register_user& cmd, command_context& ctx) -> caf::result<user_view> {
      auto& st = self->state;
      if (st.broken)
        return to_caf_error(*st.broken);
      // A retried registration that landed answers the user as registered then.
      auto replay = runtime::replay_of<user_shell, user_view>(self, user_reply);
      if (auto earlier = runtime::earlier_answer<user_view>(st.env, ctx, replay))
        return std::move(*earlier);
      auto events = decide(st.user, cmd);
      if (!events)
        return to_caf_error(events.error());
      // The key exists (synced) before anything sealed under it is written.
      auto key = st.env.store->create_subject_key(user_id);
      if (!key)
        return to_caf_error(key.error());
      st.seal = user_sealer(user_id, std::move(*key));
      return register_flow(self, user_id, std::move(*events), ctx);
    },
    [self, &user_id](erase_user& cmd, command_context& ctx) -> caf::result<user_view> {
      return erase_flow(self, user_id, cmd, ctx);
    },
    [self, &user_id](change_email& cmd, command_context& ctx) -> caf::result<user_view> {
      return change_email_flow(self, user_id, cmd, ctx);
    },
    [self, unknown](user_query&) -> caf::result<user_view> {
      if (self->state.broken)
        return to_caf_error(*self->state.broken);
      if (!self->state.user.registered) {
        self->quit();
        return unknown();
      }
      return view_of(self->state.user);
    },
    passivation(self, [] { return false; }));
}

} // namespace pfms
