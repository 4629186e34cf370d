#pragma once

// The HTTP front of a clustered node: a request signed by a user is served
// by the node that owns the user (placement by user id), where the user's
// ledger, log and projections are. On any other node the request crosses
// BASP once, to the owner's front actor, and the answer is relayed as is.
// Within it, loans and groups go on to their own owners' directories. A
// group's activity feed, which reads the group's log, is served by the
// group's node instead.
// While the owner is down the request answers 503 `node_unavailable` with
// Retry-After at once. Everything else (unsigned routes, a bad token, this
// node's own users) goes to the local router.

#include "cluster/runtime/cluster_status.hpp"
#include "cluster/runtime/relay.hpp"
#include "http/identity/token_issuer.hpp"
#include "http/runtime/http_message.hpp"

#include <caf/fwd.hpp>

#include <chrono>

namespace pfms {

class cluster_front {
public:
  /// Borrows everything; all must outlive it. `timeout` bounds a relayed request.
  cluster_front(request_handler local, const token_issuer& tokens, const cluster_status& status,
                caf::actor_system& system, std::chrono::milliseconds timeout)
    : local_(std::move(local)), tokens_(tokens), status_(status), system_(system),
      timeout_(timeout) {}

  void operator()(http_request request, responder respond) const;

  /// What the front actor serves: `request` from another node, through the
  /// local router.
  void serve_relayed(relayed_request request, relay_slot::reply done) const;

private:
  request_handler local_;
  const token_issuer& tokens_;
  const cluster_status& status_;
  caf::actor_system& system_;
  std::chrono::milliseconds timeout_;
};

} // namespace pfms
