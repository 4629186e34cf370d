#pragma once

// The HTTP front of a clustered node: the one place where a request crosses
// to another node. It verifies a signed request's access token once (and its
// session, when this node publishes the user), then
// relays the request by its shard key to the node that owns it, where it is
// served by that node's router alone:
//   - a route on an entity (`entity_node`: a loan's or a group's `{id}`
//     routes) goes to the entity's node;
//   - a route that creates one placed by its own id (`new_entity`: a new
//     loan or group) gets its id here, and goes to that id's node;
//   - any other signed route goes to its caller's node, where the user's
//     ledger, log and read models are;
//   - a view that spans owners (`every_node`: the caller's loans, groups,
//     balances across groups) goes to every node, each answering its own
//     part, and the route's merge makes one answer of them (nodes that are
//     down or late are named in it).
// The relay is watched: while the owner is down, or if it is lost while
// answering, the request answers 503 `node_unavailable` with Retry-After at
// once. Unsigned routes and a token that does not verify go to the local
// router, which answers them.

#include "cluster/runtime/cluster_status.hpp"
#include "cluster/runtime/relay.hpp"
#include "events/ids.hpp"
#include "http/identity/token_issuer.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/route_table.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace pfms {

/// The longest a view that spans owners waits for another node's part.
inline constexpr std::chrono::milliseconds part_deadline{1000};

class cluster_front {
public:
  /// Whether a user's session is live, when this node publishes the user
  /// (identity_gateway::published_session); nullopt when it does not.
  using session_lookup =
    std::function<std::optional<bool>(const std::string& user_id, const std::string& session_id)>;

  /// Borrows everything; all must outlive it. `timeout` bounds a relayed request.
  cluster_front(request_handler local, const token_issuer& tokens, session_lookup sessions,
                const id_generator& ids, const cluster_status& status, caf::actor_system& system,
                std::chrono::milliseconds timeout)
    : local_(std::move(local)), tokens_(tokens), sessions_(std::move(sessions)), ids_(ids),
      status_(status), system_(system), timeout_(timeout) {}

  void operator()(http_request request, responder respond) const;

  /// What the front actor serves: `request` from another node, through the
  /// local router.
  void serve_relayed(relayed_request request, relay_slot::reply done) const;

private:
  // `request` served by node `node_id` (this one: the local router), its
  // answer or why not to `done`, within `timeout`. A `write` sent to another
  // node whose answer does not come back is `outcome_unknown` (it may land);
  // one that could not be sent (the node is down) is `node_unavailable`.
  void serve_on(const std::string& node_id, http_request request,
                std::chrono::milliseconds timeout,
                std::function<void(result<http_response>)> done, bool write = false) const;
  // A view that spans owners: every node's part, merged.
  void gather(http_request request, part_merge merge, responder respond) const;

  request_handler local_;
  const token_issuer& tokens_;
  session_lookup sessions_;
  const id_generator& ids_; ///< the ids of entities created through this front
  const cluster_status& status_;
  caf::actor_system& system_;
  std::chrono::milliseconds timeout_;
};

} // namespace pfms
