#pragma once

// The account directory as the sagas of a clustered node see it: each
// command goes to the account directory of the node that owns the account's
// user (placement by the user id the command names: the owner who opens it,
// the caller who must own it, or a transfer's destination owner), so a
// transfer that credits another person's account crosses to that person's
// node with the same hold / credit / settle messages. Resumes stay local.

#include "actors/ledger/account_messages.hpp"
#include "cluster/runtime/cluster_status.hpp"

namespace pfms {

/// `status` must outlive the actor; the node's own directory is read from it.
account_actor::behavior_type account_router_fn(account_actor::pointer self,
                                               const cluster_status* status);

} // namespace pfms
