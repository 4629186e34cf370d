#pragma once

// How an entity's append reaches the store and its outcome comes back, with
// no actor in between: the entity hands the append to the store's journal
// and awaits the outcome, which the journal thread enqueues into the
// entity's mailbox as the response to a request id of the entity's own.

#include "events/caf_error.hpp"
#include "events/event_store.hpp"
#include "events/message_declaration.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_control_block.hpp>
#include <caf/behavior.hpp>
#include <caf/message.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include <utility>

namespace pfms {

PFMS_MESSAGE(append_result);

/// What the journal thread sends an entity: its append's outcome (or a
/// `caf::error`). Registration walks it like the entities' interfaces.
using append_outcome = caf::typed_actor<caf::reacts_to<append_result>>;

namespace runtime {

/// Hands `request` to `store` and awaits the outcome: until the append is
/// durable or refused every other message of `self` waits. Then
/// `on_done(append_result&)` or `on_error(caf::error&)` runs. No timeout is
/// armed: the store answers every append exactly once (durable, a conflict,
/// `overloaded` when its queue is full, `io` when it cannot write), so an
/// entity never answers a failure for an append that may still land.
template <class Self, class OnDone, class OnError>
void await_append(Self self, event_store& store, append_request request, OnDone on_done,
                  OnError on_error) {
  const auto response_id = self->new_request_id(caf::message_priority::normal).response_id();
  // Registered first: a full queue answers on this thread, before append_async returns.
  self->add_awaited_response_handler(response_id,
                                     caf::behavior{[on_done](append_result& placed) mutable {
                                                     on_done(placed);
                                                   },
                                                   [on_error](caf::error& error) mutable {
                                                     on_error(error);
                                                   }});
  store.append_async(std::move(request), [me = caf::actor_cast<caf::strong_actor_ptr>(self),
                                          response_id](result<append_result> outcome) {
    auto content = outcome ? caf::make_message(std::move(*outcome))
                           : caf::make_message(to_caf_error(outcome.error()));
    me->enqueue(nullptr, response_id, std::move(content), nullptr);
  });
}

} // namespace runtime

} // namespace pfms
