#pragma once

// Shared by the entity actors: append decided events to the store,
// await durability, then apply and answer; answer idempotent retries from
// the first outcome.

#include "actors/ledger/account_codec.hpp"
#include "actors/ledger/account_messages.hpp"
#include "actors/runtime/entity_env.hpp"
#include "actors/runtime/append_outcome.hpp"
#include "events/caf_error.hpp"
#include "events/ids.hpp"

#include <caf/typed_response_promise.hpp>

#include <optional>
#include <string>
#include <vector>

namespace pfms::actors::internal {

/// The append of `events` (encoded by `encode(event, metadata)`) to `stream`
/// at `expected`, each event carrying the context's actor and correlation.
template <class Event, class Encode>
append_request append_of(const entity_env& env, std::string stream, std::uint64_t expected,
                         const std::vector<Event>& events, const command_context& ctx,
                         const char* causation, Encode encode) {
  append_request request{std::move(stream), expected_version::exactly(expected), {}, {}, {}};
  for (const auto& e : events)
    request.events.push_back(encode(e, event_metadata{env.ids->next(), ctx.actor,
                                                      ctx.correlation_id, causation}));
  return request;
}

/// Appends `request` and awaits it (runtime::await_append): until the
/// append is durable every other message of `self` waits. Then
/// `on_done(placed)` or `on_error(error)` runs; on an error the actor also
/// quits, so the next command starts from the log.
template <class Self, class OnDone, class OnError>
void append_then(Self self, const entity_env& env, append_request request, OnDone on_done,
                 OnError on_error) {
  runtime::await_append(
    self, *env.store, std::move(request),
    [on_done](append_result& placed) mutable { on_done(placed); },
    [self, on_error](caf::error& error) mutable {
      on_error(std::move(error));
      self->quit();
    });
}

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

/// Appends the command's events under its idempotency key (if any) and
/// answers the current request with `apply(events, placed)`, or, when the
/// journal found the key already used by this request (a concurrent retry),
/// with `replay(placed)` and nothing applied; or with the error.
template <class Reply, class Self, class Event, class Encode, class Apply, class Replay>
caf::result<Reply> persist(Self self, const entity_env& env, std::string stream,
                           std::uint64_t expected, std::vector<Event> events,
                           const command_context& ctx, const char* causation, Encode encode,
                           Apply apply, Replay replay) {
  auto promise = self->template make_response_promise<Reply>();
  auto request = append_of(env, std::move(stream), expected, events, ctx, causation, encode);
  request.idempotency_key = ctx.idempotency_key;
  request.request_fingerprint = ctx.request_fingerprint;
  append_then(
    self, env, std::move(request),
    [=](const append_result& placed) mutable {
      if (!placed.replayed) {
        promise.deliver(apply(events, placed));
        return;
      }
      result<Reply> reply = replay(placed);
      if (reply)
        promise.deliver(std::move(*reply));
      else
        promise.deliver(to_caf_error(reply.error()));
    },
    [=](caf::error error) mutable { promise.deliver(std::move(error)); });
  return promise;
}

} // namespace pfms::actors::internal
