#include "cluster/runtime/relay.hpp"

#include "events/caf_error.hpp"

#include <caf/send.hpp>

namespace pfms {

namespace {

caf::error front_unavailable(const char* why) {
  return to_caf_error(make_failure(runtime_errc::node_unavailable, why));
}

} // namespace

front_actor::behavior_type front_actor_fn(front_actor::stateful_pointer<front_state> self,
                                          const relay_slot* slot) {
  return {
    [=](relayed_request& request) -> caf::result<relayed_response> {
      auto serve = slot->get();
      if (!serve)
        return front_unavailable("the node that holds this is not serving yet; retry shortly");
      auto& st = self->state;
      if (st.waiting.size() >= relayed_max)
        return front_unavailable("the node that holds this is too busy; retry shortly");
      const auto id = st.next++;
      auto promise = self->make_response_promise<relayed_response>();
      st.waiting.emplace(id, promise);
      // The router answers on any thread: the answer comes back as a message,
      // so the promise is delivered from this actor's own context.
      auto me = front_actor{self};
      serve(std::move(request), [me, id](relayed_response response) {
        caf::anon_send(me, relay_done_atom::value, id, std::move(response));
      });
      return promise;
    },
    [=](relay_done_atom, std::uint64_t id, relayed_response& response) {
      auto found = self->state.waiting.find(id);
      if (found == self->state.waiting.end())
        return;
      found->second.deliver(std::move(response));
      self->state.waiting.erase(found);
    },
  };
}

} // namespace pfms
