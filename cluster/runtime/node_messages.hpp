#pragma once

// The messages between nodes, and the typed interface of the node actor each
// node publishes on its cluster port. Every type here crosses the wire: all
// are registered by `register_cluster_types`, on every node, at start.

#include "actors/identity/login_guard.hpp"
#include "actors/identity/user_messages.hpp"
#include "actors/ledger/account_messages.hpp"
#include "actors/lending/loan_messages.hpp"
#include "actors/social/group_messages.hpp"
#include "events/clock.hpp"
#include "events/message_declaration.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/actor.hpp>
#include <caf/atom.hpp>
#include <caf/typed_actor.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pfms {

/// An HTTP request served on another node: the one that owns its shard key
/// (cluster/runtime/relay.hpp). Only what the router reads crosses the wire,
/// and the claims of the access token that the relaying front verified: the
/// serving node trusts them (its peers are authenticated by the cluster) and
/// does not verify the token again.
struct relayed_request {
  std::string method;
  std::string path;
  std::string query;
  std::string content_type;
  std::string body;
  std::string request_id;
  std::string authorization;
  std::string if_match;
  std::string idempotency_header;
  std::string client_address;
  std::string caller_id;  ///< the verified token's subject; empty: not verified
  std::string session_id; ///< the verified token's session
  bool session_checked = false; ///< the relaying front found the session live
  bool node_part = false; ///< this node's part of a view that spans owners
  std::string entity_id;  ///< the id the front picked for the entity this creates
  time_us deadline_us = 0; ///< the request's deadline, as the front's server set it
};

/// The answer of the node that served a relayed request.
struct relayed_response {
  int status = 0;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// A relayed request's answer, handed by the router to its front actor
/// (from the thread that answered) for delivery: request number, response.
using relay_done_atom = caf::atom_constant<caf::atom("relaydone")>;

/// A node's HTTP front as the other nodes reach it.
using front_actor =
  caf::typed_actor<caf::replies_to<relayed_request>::with<relayed_response>,
                   caf::reacts_to<relay_done_atom, std::uint64_t, relayed_response>>;

/// A node's erasure courier (cluster/identity/erasure_courier.hpp): `forget` asks it
/// to destroy this node's key of a subject erased on another node; the tick
/// is its own timer.
using forget_subject_atom = caf::atom_constant<caf::atom("forget")>;
using courier_tick_atom = caf::atom_constant<caf::atom("ectick")>;
using erasure_courier_actor =
  caf::typed_actor<caf::replies_to<forget_subject_atom, std::string>::with<bool>,
                   caf::reacts_to<courier_tick_atom>>;

/// The entity directories a node serves to the others, its front, and its
/// read models (the projection runner; opaque to this layer, typed by the
/// HTTP front that gathers views from it).
struct node_directories {
  loan_actor loans;
  group_actor groups;
  account_actor accounts;
  user_directory_actor users;
  front_actor front;
  caf::actor read_models;
  login_guard_actor login_guard;
  erasure_courier_actor erasures;
};

/// A heartbeat, and the first question after a connect: who are you, and
/// where are your directories?
struct node_ping {
  std::string from_id;
};
struct node_pong {
  std::string node_id;
  node_directories directories;
};

using node_actor = caf::typed_actor<caf::replies_to<node_ping>::with<node_pong>>;

PFMS_MESSAGE(node_directories);
PFMS_MESSAGE(relayed_request);
PFMS_MESSAGE(relayed_response);
PFMS_MESSAGE(node_ping);
PFMS_MESSAGE(node_pong);

void register_cluster_types(caf::actor_system_config& cfg);

} // namespace pfms
