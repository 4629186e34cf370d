#pragma once

// The CAF message types of the write side: commands, their context, replies,
// and the typed interfaces of the account actor and the directory. Every type
// has an `inspect` overload so it can cross the wire to another node.

#include "actors/account_core.hpp"

#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace pfms {

/// Who sent a command, which request it belongs to, and, for a retry-safe
/// command, its idempotency key (scoped by the caller, e.g. "u:<user>:<key>")
/// with what a retry must repeat (a digest of the request).
struct command_context {
  std::string actor;
  std::string correlation_id;
  std::string idempotency_key = {};
  std::string request_fingerprint = {};
  /// When not 0, the entity must be at this version (If-Match). Groups read it
  /// here; account commands carry their own `if_version`.
  std::uint64_t if_version = 0;
};

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

/// Makes a source account try its held transfer again (sent by the
/// account itself after a transient failure, and by the node at start).
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

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, split_line& x) {
  return f(caf::meta::type_name("split_line"), x.category, x.amount_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, command_context& x) {
  return f(caf::meta::type_name("command_context"), x.actor, x.correlation_id,
           x.idempotency_key, x.request_fingerprint, x.if_version);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, open_account& x) {
  return f(caf::meta::type_name("open_account"), x.account_id, x.name, x.kind, x.currency,
           x.opening_balance_minor, x.credit_limit_minor, x.owner_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, record_transaction& x) {
  return f(caf::meta::type_name("record_transaction"), x.account_id, x.transaction_id, x.kind,
           x.amount_minor, x.currency, x.occurred_at_us, x.category, x.note, x.caller_id,
           x.if_version, x.payee, x.tags, x.splits, x.override_lock);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, rename_account& x) {
  return f(caf::meta::type_name("rename_account"), x.account_id, x.name, x.caller_id,
           x.if_version);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, amend_transaction& x) {
  return f(caf::meta::type_name("amend_transaction"), x.account_id, x.transaction_id,
           x.caller_id, x.if_version, x.set, x.kind, x.amount_minor, x.occurred_at_us,
           x.category, x.note, x.payee, x.tags, x.splits, x.override_lock);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, void_transaction& x) {
  return f(caf::meta::type_name("void_transaction"), x.account_id, x.transaction_id,
           x.caller_id, x.if_version, x.override_lock);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, reconcile_account& x) {
  return f(caf::meta::type_name("reconcile_account"), x.account_id, x.caller_id, x.if_version,
           x.statement_date_us, x.statement_balance_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, reconciliation_receipt& x) {
  return f(caf::meta::type_name("reconciliation_receipt"), x.account_id, x.statement_date_us,
           x.statement_balance_minor, x.computed_balance_minor, x.matched, x.locked_until_us,
           x.version);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, close_account& x) {
  return f(caf::meta::type_name("close_account"), x.account_id, x.caller_id, x.if_version);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, hold_transfer& x) {
  return f(caf::meta::type_name("hold_transfer"), x.account_id, x.transfer_id, x.to_account_id,
           x.amount_minor, x.currency, x.to_currency, x.to_amount_minor, x.caller_id,
           x.to_owner_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, credit_transfer& x) {
  return f(caf::meta::type_name("credit_transfer"), x.account_id, x.transfer_id,
           x.from_account_id, x.amount_minor, x.currency, x.from_amount_minor, x.from_currency,
           x.caller_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, transfer_view& x) {
  return f(caf::meta::type_name("transfer_view"), x.transfer_id, x.from_account_id,
           x.to_account_id, x.amount_minor, x.currency, x.to_amount_minor, x.to_currency,
           x.status, x.reason, x.version);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, account_terms_query& x) {
  return f(caf::meta::type_name("account_terms_query"), x.account_id, x.caller_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, resume_transfer& x) {
  return f(caf::meta::type_name("resume_transfer"), x.account_id, x.transfer_id, x.attempt);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, account_view& x) {
  return f(caf::meta::type_name("account_view"), x.account_id, x.name, x.kind, x.currency,
           x.balance_minor, x.credit_limit_minor, x.version, x.position, x.closed);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, transaction_receipt& x) {
  return f(caf::meta::type_name("transaction_receipt"), x.transaction_id, x.account_id,
           x.kind, x.amount_minor, x.currency, x.occurred_at_us, x.recorded_at_us,
           x.balance_minor, x.version, x.position, x.payee, x.tags, x.splits, x.voided,
           x.category, x.note);
}

} // namespace pfms
