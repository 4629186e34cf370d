#include "cluster/ledger/account_router.hpp"

#include "actors/runtime/routing.hpp"
#include "cluster/runtime/owner_handle.hpp"

#include <caf/typed_event_based_actor.hpp>

#include <type_traits>

namespace pfms {

account_actor::behavior_type account_router_fn(account_actor::pointer self,
                                               const cluster_status* status) {
  auto pick = [status]<class Message>(const Message& m) -> result<account_actor> {
    // A resume is a source account's own retry: its directory is this node's.
    if constexpr (std::is_same_v<Message, resume_transfer>) {
      if (auto own = status->directories_of(status->config().self_id).accounts)
        return own;
      return make_failure(runtime_errc::node_unavailable, "this node's accounts are not up");
    } else if constexpr (requires { m.owner_id; }) // the user id that places it: its owner,
      return owner_handle(*status, m.owner_id, &node_directories::accounts);
    else // else its caller
      return owner_handle(*status, m.caller_id, &node_directories::accounts);
  };
  return runtime::routing_behavior<account_actor::behavior_type, account_actor>(
    picked_route{self, pick});
}

} // namespace pfms
