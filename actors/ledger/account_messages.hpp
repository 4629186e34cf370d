#pragma once

// The CAF message types of accounts: the typed interfaces of the account actor
// and the directory, made from the commands the core lists (account_core.hpp,
// with their replies), and the queries and messages only the runtime sends.
// Every type has an `inspect` overload so it can cross the wire to another node.

#include "actors/ledger/core/account_core.hpp"
#include "actors/runtime/command_handlers.hpp"
#include "events/message_declaration.hpp"

#include <caf/replies_to.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace pfms {

/// What a transfer needs to know of its destination before it holds
/// anything: answered as the account (its currency, whether closed) when it
/// is `caller_id`'s; else `account_not_found`.
struct account_terms_query {
  std::string account_id;
  std::string caller_id;
};

/// Makes a source account try its held transfer again (sent by the account
/// itself after a transient failure); with no `transfer_id`, every held
/// transfer (sent by its directory when its durable timer is due).
struct resume_transfer {
  std::string account_id;
  std::string transfer_id;
  std::uint32_t attempt = 0;
};

/// The account actor; the directory has the same interface and routes by
/// `account_id`.
using account_actor =
  runtime::entity_interface<account_commands,
                            caf::replies_to<account_terms_query>::with<account_view>,
                            caf::reacts_to<resume_transfer>>;

PFMS_MESSAGE(split_line);
PFMS_MESSAGE(account_terms_query);
PFMS_MESSAGE(resume_transfer);

// The account's state, for its snapshots (actors/runtime/snapshot_codec.hpp).
PFMS_MESSAGE(transaction_recorded);
PFMS_MESSAGE(transaction_entry);
PFMS_MESSAGE(transfer_held);
PFMS_MESSAGE(transfer_credited);
PFMS_MESSAGE(outgoing_transfer);
PFMS_MESSAGE(account_state);

} // namespace pfms
