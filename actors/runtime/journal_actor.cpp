#include "actors/runtime/journal_actor.hpp"

#include "events/caf_error.hpp"
#include "events/store_error.hpp"

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

namespace pfms {

journal_actor::behavior_type
journal_actor_fn(journal_actor::stateful_pointer<journal_actor_state> self, event_store* store) {
  return {
    [=](append_request& request) -> caf::result<append_result> {
      auto& st = self->state;
      if (st.waiting.size() >= journal_actor_state::waiting_max)
        return to_caf_error(make_failure(store_errc::overloaded, "too many appends in flight"));
      const auto token = st.next_token++;
      st.waiting.emplace(token, self->make_response_promise<append_result>());
      // The callback runs on the journal thread: it only sends a message.
      store->append_async(std::move(request),
                          [me = caf::actor_cast<journal_actor>(self), token](
                            result<append_result> outcome) {
                            if (outcome)
                              caf::anon_send(me, journal_done_atom::value, token, *outcome);
                            else
                              caf::anon_send(me, journal_done_atom::value, token,
                                             to_caf_error(outcome.error()));
                          });
      return st.waiting.at(token);
    },
    [=](journal_done_atom, std::uint64_t token, append_result& placed) {
      auto it = self->state.waiting.find(token);
      if (it == self->state.waiting.end())
        return;
      it->second.deliver(std::move(placed));
      self->state.waiting.erase(it);
    },
    [=](journal_done_atom, std::uint64_t token, caf::error& error) {
      auto it = self->state.waiting.find(token);
      if (it == self->state.waiting.end())
        return;
      it->second.deliver(std::move(error));
      self->state.waiting.erase(it);
    },
  };
}

} // namespace pfms
