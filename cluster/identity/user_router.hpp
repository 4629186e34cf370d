#pragma once

// The user directory as a clustered node sees it: each user command goes to
// the user directory of the node that owns the user (placement by user id);
// an email lookup, claim or release goes to the node that owns the email
// (placement by the normalized email), the one node that holds its registry
// stream and its claim actor. Registration places a new user on the node of
// its email (`co_placed_user_id`), so a new user's claim stays on its node;
// a later change of address may claim on another node.

#include "actors/identity/user_messages.hpp"
#include "cluster/runtime/cluster_status.hpp"

#include <functional>
#include <string>

namespace pfms {

/// `status` must outlive the actor.
user_directory_actor::behavior_type user_router_fn(user_directory_actor::pointer self,
                                                   const cluster_status* status);

/// The first of `candidate(0)`, `candidate(1)`, … that the cluster places on
/// the node of `email` (normalized; as given when it is no email): a user id
/// for a new registration. Deterministic, so a retry with the same key names
/// the same user. At most `co_placement_tries` candidates (the last is taken
/// whatever its node: a chance below 1e-7 with 64 nodes).
std::string co_placed_user_id(const cluster_status& status, const std::string& email,
                              const std::function<std::string(int)>& candidate);
inline constexpr int co_placement_tries = 1024;

} // namespace pfms
