#pragma once

// The one command path of every entity kind:
//
//   command ──► refresh ──► an earlier outcome of its idempotency key? answer it
//           ──► decide ──► If-Match ──► prepare (keys) ──► append, await durability
//           ──► evolve ──► hook (timer, snapshot, view) ──► reply
//
// A kind states what differs in a small shell type, beside its actor:
//
//   struct group_shell {
//     using state = group_actor_state;   // the actor's state: env, id, broken, ...
//     using event = group_event;
//     static auto& entity(auto& st) { return st.group; }  // the folded entity (has .version)
//     static bool exists(const group_state&);        // else a refusal stops the actor
//     static std::string stream(const std::string& id);
//     static failure not_found();                    // what a stranger hears
//     static failure stale();                        // If-Match failed; the version is appended
//     static result<group_state> recover_at(const state&, std::uint64_t last_version);
//     static new_event encode(const state&, const group_event&, event_metadata);
//     // optional:
//     static void refresh(state&);                   // recover when the store moved on
//     static status prepare(state&, const std::vector<group_event>&);  // keys to seal with
//     template <class Command> static void complete(const state&, Command&);  // e.g. today
//     template <class Self> static void applied(Self);  // after evolving durable events
//     static constexpr std::uint32_t snapshot_salt = 1;  // snapshots (actors/runtime/entity_snapshot.hpp)
//     static bool may_snapshot(const state&, std::uint64_t key_epoch);
//     static const std::string& owner_key(const state&);  // or: sealed under one person's key
//     static time_us wake_at(const group_state&);  // a durable timer (actors/runtime/entity_timer.hpp)
//   };
//
// `decide(entity, command)` and `evolve(entity, event)` come from the kind's
// core, found by argument-dependent lookup.

#include "actors/runtime/append_outcome.hpp"
#include "actors/runtime/command_context.hpp"
#include "actors/runtime/entity_env.hpp"
#include "actors/runtime/entity_snapshot.hpp"
#include "actors/runtime/entity_timer.hpp"
#include "actors/runtime/event_metadata.hpp"
#include "actors/runtime/if_match.hpp"
#include "events/caf_error.hpp"

#include <caf/typed_response_promise.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pfms::runtime {

/// For a command with an idempotency key that already has a durable first
/// outcome: the answer rebuilt from it by `replay(placed) -> result<Reply>`.
/// A key used for another request answers `idempotency_mismatch`. Nothing
/// when the command must run.
template <class Reply, class Replay>
std::optional<caf::result<Reply>> earlier_answer(const entity_env& env,
                                                 const command_context& ctx, Replay replay) {
  if (ctx.idempotency_key.empty())
    return std::nullopt;
  auto earlier = env.store->idempotent_outcome(ctx.idempotency_key, ctx.request_fingerprint);
  if (!earlier)
    return caf::result<Reply>(to_caf_error(earlier.error()));
  if (!*earlier)
    return std::nullopt;
  result<Reply> reply = replay(**earlier);
  if (!reply)
    return caf::result<Reply>(to_caf_error(reply.error()));
  return caf::result<Reply>(std::move(*reply));
}

/// Whether an append carries the command's idempotency key: only the append
/// that a command decided does; a saga's or timer's own appends do not.
enum class append_key : bool { none, context };

/// Applies durable `events` to the entity, then the kind's hook.
template <class Kind, class Self>
void evolve_all(Self self, const std::vector<typename Kind::event>& events) {
  auto& entity = Kind::entity(self->state);
  for (const auto& e : events)
    entity = evolve(std::move(entity), e);
  if constexpr (requires { Kind::snapshot_salt; })
    snapshot_if_due<Kind>(self->state);
  if constexpr (requires { Kind::applied(self); })
    Kind::applied(self);
}

/// The append of `events` (decided on the entity as it stands) at its
/// version, each carrying the context's actor and correlation; with
/// `append_key::context`, under the context's idempotency key.
template <class Kind>
append_request append_request_of(const typename Kind::state& st,
                                 const std::vector<typename Kind::event>& events,
                                 const command_context& ctx, const char* causation,
                                 append_key key) {
  const auto version = Kind::entity(st).version;
  append_request request{Kind::stream(st.id), expected_version::exactly(version), {}, {}, {}};
  for (const auto& e : events)
    request.events.push_back(Kind::encode(
      st, e, event_metadata{st.env.ids->next(), ctx.actor, ctx.correlation_id, causation}));
  if (key == append_key::context) {
    request.idempotency_key = ctx.idempotency_key;
    request.request_fingerprint = ctx.request_fingerprint;
  }
  if constexpr (timed_kind<Kind>)
    request.wake_at = wake_once_applied<Kind>(st, events);
  return request;
}

/// Appends `events` and awaits them: until they are durable every other
/// message of `self` waits. Then evolves the entity by them and calls
/// `on_done(placed)`; when the store found the context's idempotency key
/// (`append_key::context`) already used by this request (a concurrent retry) nothing is
/// applied and `placed.replayed` says so. On a failed append calls
/// `on_error(error)` and the actor quits: the next message starts from the log.
template <class Kind, class Self, class OnDone, class OnError>
void append_events(Self self, std::vector<typename Kind::event> events,
                   const command_context& ctx, const char* causation, append_key key,
                   OnDone on_done, OnError on_error) {
  auto request = append_request_of<Kind>(self->state, events, ctx, causation, key);
  await_append(
    self, *self->state.env.store, std::move(request),
    [self, on_done, applied = std::move(events)](append_result& placed) mutable {
      if (!placed.replayed)
        evolve_all<Kind>(self, applied);
      on_done(placed);
    },
    [self, on_error](caf::error& error) mutable {
      on_error(std::move(error));
      self->quit();
    });
}

/// The answer to a retry whose first try landed as `placed`: `make_reply` on
/// the entity as it was right after.
template <class Kind, class Reply, class Self, class MakeReply>
auto replay_of(Self self, MakeReply make_reply) {
  return [self, make_reply](const append_result& placed) -> result<Reply> {
    auto then = Kind::recover_at(self->state, placed.last_version);
    if (!then)
      return then.error();
    return make_reply(*then, placed);
  };
}

/// Whether `ctx`'s deadline has passed: the command must not start.
inline bool past_deadline(const entity_env& env, const command_context& ctx) {
  return ctx.deadline_us != 0 && env.time != nullptr && env.time->now_us() > ctx.deadline_us;
}

/// What the entity decides on `cmd`, held against If-Match (`ctx.if_version`).
template <class Kind, class Command>
auto decide_if_match(typename Kind::state& st, Command& cmd, const command_context& ctx) {
  if constexpr (requires { Kind::complete(st, cmd); })
    Kind::complete(st, cmd);
  auto& entity = Kind::entity(st);
  return if_match(decide(entity, cmd), ctx.if_version, entity.version, Kind::exists(entity),
                  Kind::not_found(), Kind::stale());
}

/// Runs `cmd` and answers `make_reply(entity, placed) -> Reply`: a retry from
/// the state its first try left, a refusal, nothing to do (answered as the
/// entity stands, `placed` empty), or the durable append of what it decided.
template <class Kind, class Reply, class Self, class Command, class MakeReply>
caf::result<Reply> run_command(Self self, Command cmd, const command_context& ctx,
                               const char* causation, MakeReply make_reply) {
  auto& st = self->state;
  if constexpr (requires { Kind::refresh(st); })
    Kind::refresh(st);
  if (st.broken)
    return to_caf_error(*st.broken);
  auto replay = replay_of<Kind, Reply>(self, make_reply);
  if (auto earlier = earlier_answer<Reply>(st.env, ctx, replay))
    return std::move(*earlier);
  if (past_deadline(st.env, ctx))
    return to_caf_error(make_failure(runtime_errc::deadline_passed,
                                     "the request's time was up before it ran; nothing was written"));
  auto events = decide_if_match<Kind>(st, cmd, ctx);
  if (!events) {
    if (!Kind::exists(Kind::entity(st)))
      self->quit(); // nothing to keep: the next command starts afresh
    return to_caf_error(events.error());
  }
  if (events->empty()) { // nothing new: the reply says how the entity stands
    result<Reply> reply = make_reply(Kind::entity(st), append_result{});
    if (!reply)
      return to_caf_error(reply.error());
    return std::move(*reply);
  }
  if constexpr (requires { Kind::prepare(st, *events); })
    if (auto ready = Kind::prepare(st, *events); !ready)
      return to_caf_error(ready.error());
  auto promise = self->template make_response_promise<Reply>();
  append_events<Kind>(
    self, std::move(*events), ctx, causation, append_key::context,
    [self, promise, make_reply, replay](const append_result& placed) mutable {
      result<Reply> reply = placed.replayed
                              ? replay(placed)
                              : result<Reply>(make_reply(Kind::entity(self->state), placed));
      if (reply)
        promise.deliver(std::move(*reply));
      else
        promise.deliver(to_caf_error(reply.error()));
    },
    [promise](caf::error error) mutable { promise.deliver(std::move(error)); });
  return promise;
}

} // namespace pfms::runtime
