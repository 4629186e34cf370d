#pragma once

// The CAF message types of the write side: commands, their context, replies,
// and the typed interfaces of the account actor and the directory. Every type
// has an `inspect` overload so it can cross the wire to another node.

#include "actors/ledger/core/account_core.hpp"
#include "actors/runtime/command_context.hpp"
#include "events/message_declaration.hpp"

#include <caf/replies_to.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace pfms {

/// An account as a write replies it.
struct account_view {
  std::string account_id;
  std::string name;
  std::string kind;
  std::string currency;
  std::int64_t balance_minor = 0;
  std::int64_t credit_limit_minor = 0;
  std::uint64_t version = 0;  ///< stream version, the ETag
  std::uint64_t position = 0; ///< global position of the last event written
  bool closed = false;
};

/// A recorded transaction as the write replies it.
struct transaction_receipt {
  std::string transaction_id;
  std::string account_id;
  std::string kind;
  std::int64_t amount_minor = 0;
  std::string currency;
  time_us occurred_at_us = 0;
  time_us recorded_at_us = 0;
  std::int64_t balance_minor = 0; ///< the account's balance after it
  std::uint64_t version = 0;
  std::uint64_t position = 0;
  std::string payee;
  std::vector<std::string> tags;
  std::vector<split_line> splits;
  bool voided = false;
  std::string category;
  std::string note;
};

/// A statement check as the write replies it.
struct reconciliation_receipt {
  std::string account_id;
  time_us statement_date_us = 0;
  std::int64_t statement_balance_minor = 0;
  std::int64_t computed_balance_minor = 0;
  bool matched = false;
  time_us locked_until_us = 0; ///< 0: nothing locked
  std::uint64_t version = 0;
};

/// A transfer as its source account answers it.
struct transfer_view {
  std::string transfer_id;
  std::string from_account_id;
  std::string to_account_id;
  std::int64_t amount_minor = 0;
  std::string currency;
  std::int64_t to_amount_minor = 0;
  std::string to_currency;
  std::string status; ///< "pending" (held, not yet credited), "completed" or "released"
  std::string reason; ///< why released
  std::uint64_t version = 0; ///< the source account's version
};

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
using account_actor = caf::typed_actor<
  caf::replies_to<open_account, command_context>::with<account_view>,
  caf::replies_to<record_transaction, command_context>::with<transaction_receipt>,
  caf::replies_to<rename_account, command_context>::with<account_view>,
  caf::replies_to<amend_transaction, command_context>::with<transaction_receipt>,
  caf::replies_to<void_transaction, command_context>::with<transaction_receipt>,
  caf::replies_to<reconcile_account, command_context>::with<reconciliation_receipt>,
  caf::replies_to<close_account, command_context>::with<account_view>,
  caf::replies_to<hold_transfer, command_context>::with<transfer_view>,
  caf::replies_to<credit_transfer, command_context>::with<account_view>,
  caf::replies_to<account_terms_query>::with<account_view>,
  caf::reacts_to<resume_transfer>>;

PFMS_MESSAGE(split_line);
PFMS_MESSAGE(open_account);
PFMS_MESSAGE(record_transaction);
PFMS_MESSAGE(rename_account);
PFMS_MESSAGE(amend_transaction);
PFMS_MESSAGE(void_transaction);
PFMS_MESSAGE(reconcile_account);
PFMS_MESSAGE(reconciliation_receipt);
PFMS_MESSAGE(close_account);
PFMS_MESSAGE(hold_transfer);
PFMS_MESSAGE(credit_transfer);
PFMS_MESSAGE(transfer_view);
PFMS_MESSAGE(account_terms_query);
PFMS_MESSAGE(resume_transfer);
PFMS_MESSAGE(account_view);
PFMS_MESSAGE(transaction_receipt);

// The account's state, for its snapshots (actors/runtime/snapshot_codec.hpp).
PFMS_MESSAGE(transaction_recorded);
PFMS_MESSAGE(transaction_entry);
PFMS_MESSAGE(transfer_held);
PFMS_MESSAGE(transfer_credited);
PFMS_MESSAGE(outgoing_transfer);
PFMS_MESSAGE(account_state);

} // namespace pfms
