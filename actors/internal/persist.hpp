#pragma once

// Shared by the entity actors: append decided events through the journal,
// await durability, then apply and answer.

#include "actors/account_codec.hpp"
#include "actors/entity_env.hpp"
#include "actors/journal_actor.hpp"
#include "actors/messages.hpp"
#include "events/ids.hpp"

#include <caf/typed_response_promise.hpp>

#include <string>
#include <vector>

namespace pfms::actors::internal {

/// Appends `events` (encoded by `encode(event, metadata)`) to `stream` at
/// `expected`, through the journal, and awaits it: until the append is
/// durable every other message of `self` waits. Then `on_done(placed)` or
/// `on_error(error)` runs; on an error the actor also quits, so the next
/// command starts from the log.
template <class Self, class Event, class Encode, class OnDone, class OnError>
void append_then(Self self, const entity_env& env, std::string stream, std::uint64_t expected,
                 const std::vector<Event>& events, const command_context& ctx,
                 const char* causation, Encode encode, OnDone on_done, OnError on_error) {
  append_request request{std::move(stream), expected_version::exactly(expected), {}, {}};
  for (const auto& e : events)
    request.events.push_back(encode(e, event_metadata{env.ids->next(), ctx.actor,
                                                      ctx.correlation_id, causation}));
  self->request(env.journal, env.append_timeout, std::move(request))
    .await([=](append_result& placed) mutable { on_done(placed); },
           [=](caf::error& error) mutable {
             on_error(std::move(error));
             self->quit();
           });
}

/// `append_then`, answering the current request with `apply(events, placed)`
/// or with the error.
template <class Reply, class Self, class Event, class Encode, class Apply>
caf::result<Reply> persist(Self self, const entity_env& env, std::string stream,
                           std::uint64_t expected, std::vector<Event> events,
                           const command_context& ctx, const char* causation, Encode encode,
                           Apply apply) {
  auto promise = self->template make_response_promise<Reply>();
  append_then(
    self, env, std::move(stream), expected, events, ctx, causation, encode,
    [=](const append_result& placed) mutable { promise.deliver(apply(events, placed)); },
    [=](caf::error error) mutable { promise.deliver(std::move(error)); });
  return promise;
}

} // namespace pfms::actors::internal
