#pragma once

// The account's pure core: state, decide, evolve. No I/O, no clock, no CAF:
// the replay CLI and the table tests run it alone.

#include "actors/ledger/core/transfer_events.hpp"
#include "events/clock.hpp"
#include "events/message_name.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace pfms {

enum class account_kind : std::uint8_t {
  checking = 1, savings = 2, credit_card = 3, cash = 4, investment = 5, loan = 6,
};
enum class transaction_kind : std::uint8_t { income = 1, expense = 2 };

[[nodiscard]] result<account_kind> parse_account_kind(std::string_view text);
[[nodiscard]] std::string_view to_string(account_kind kind);
[[nodiscard]] result<transaction_kind> parse_transaction_kind(std::string_view text);
[[nodiscard]] std::string_view to_string(transaction_kind kind);

/// Limits on user text.
inline constexpr std::size_t name_size_max = 100;
inline constexpr std::size_t category_size_max = 64;
inline constexpr std::size_t note_size_max = 500;
inline constexpr std::size_t payee_size_max = 200;
inline constexpr std::size_t tag_size_max = 32;
inline constexpr std::size_t tags_max = 20;
inline constexpr std::size_t splits_max = 50;

/// One line of a split transaction: part of the amount under its own category.
struct split_line {
  std::string category;
  std::int64_t amount_minor = 0;
  friend bool operator==(const split_line&, const split_line&) = default;
};

// Replies: what the account answers its commands with.
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

// Commands: what a caller asks for. Kinds and currency arrive as text and are
// validated by `decide`, the one place that knows the rules. Each names its
// reply.
struct open_account {
  using reply = account_view;
  std::string account_id;
  std::string name;
  std::string kind;
  std::string currency;
  std::int64_t opening_balance_minor = 0;
  std::int64_t credit_limit_minor = 0;
  std::string owner_id; ///< the user who opens it
};

struct record_transaction {
  using reply = transaction_receipt;
  std::string account_id;
  std::string transaction_id;
  std::string kind;
  std::int64_t amount_minor = 0;
  std::string currency;
  time_us occurred_at_us = 0;
  std::string category;
  std::string note;
  std::string caller_id; ///< who asks; only the owner may
  std::string payee = {};
  std::vector<std::string> tags = {};
  std::vector<split_line> splits = {}; ///< empty, or lines summing exactly to the amount
  bool override_lock = false; ///< allowed into a reconciled period, and recorded as such
};

/// What an amendment sets; unset fields keep their value.
enum amend_field : std::uint32_t {
  amend_kind = 1u << 0,
  amend_amount = 1u << 1,
  amend_occurred_at = 1u << 2,
  amend_category = 1u << 3,
  amend_note = 1u << 4,
  amend_payee = 1u << 5,
  amend_tags = 1u << 6,
  amend_splits = 1u << 7,
};

/// Changes a recorded transaction: the fields `set` names take the values
/// given; the rest stay. Writes a new event; the original stays in the log.
struct amend_transaction {
  using reply = transaction_receipt;
  std::string account_id;
  std::string transaction_id;
  std::string caller_id;
  std::uint32_t set = 0; ///< amend_field bits
  std::string kind = {};
  std::int64_t amount_minor = 0;
  time_us occurred_at_us = 0;
  std::string category = {};
  std::string note = {};
  std::string payee = {};
  std::vector<std::string> tags = {};
  std::vector<split_line> splits = {};
  bool override_lock = false; ///< allowed into a reconciled period, and recorded as such
};

/// Takes a recorded transaction back out of the balance; the history stays.
struct void_transaction {
  using reply = transaction_receipt;
  std::string account_id;
  std::string transaction_id;
  std::string caller_id;
  bool override_lock = false; ///< allowed into a reconciled period, and recorded as such
};

/// Asserts a bank statement: the balance of every transaction and transfer
/// that occurred up to `statement_date_us` was `statement_balance_minor`. A match locks that
/// period; a mismatch is recorded with the difference.
struct reconcile_account {
  using reply = reconciliation_receipt;
  std::string account_id;
  std::string caller_id;
  time_us statement_date_us = 0;
  std::int64_t statement_balance_minor = 0;
};

/// A new name for an open account.
struct rename_account {
  using reply = account_view;
  std::string account_id;
  std::string name;
  std::string caller_id;
};

/// Close an account at a zero balance; a closed account takes no more
/// transactions and keeps its history.
struct close_account {
  using reply = account_view;
  std::string account_id;
  std::string caller_id;
};

PFMS_MESSAGE(account_view);
PFMS_MESSAGE(transaction_receipt);
PFMS_MESSAGE(reconciliation_receipt);
PFMS_MESSAGE(open_account);
PFMS_MESSAGE(record_transaction);
PFMS_MESSAGE(rename_account);
PFMS_MESSAGE(amend_transaction);
PFMS_MESSAGE(void_transaction);
PFMS_MESSAGE(reconcile_account);
PFMS_MESSAGE(close_account);

/// The commands an account's actor answers, in its interface's order (the
/// transfer's two legs are in transfer_events.hpp).
using account_commands = command_list<open_account, record_transaction, rename_account, amend_transaction, void_transaction, reconcile_account, close_account, hold_transfer, credit_transfer, claim_transfer>;

// Events: what happened. Mirrors events/proto/account.proto.
struct account_opened {
  std::string account_id;
  std::string name;
  account_kind kind = account_kind::checking;
  std::string currency;
  std::int64_t opening_balance_minor = 0;
  std::int64_t credit_limit_minor = 0;
  std::string owner_id;
};

struct transaction_recorded {
  std::string transaction_id;
  transaction_kind kind = transaction_kind::income;
  std::int64_t amount_minor = 0;
  std::string currency;
  time_us occurred_at_us = 0;
  std::string category;
  std::string note;
  std::string payee = {};
  std::vector<std::string> tags = {};
  std::vector<split_line> splits = {};
  friend bool operator==(const transaction_recorded&, const transaction_recorded&) = default;
};

/// A transaction's whole content before and after an amendment (read models
/// need both: balances and totals per category move by the difference).
struct transaction_amended {
  transaction_recorded before;
  transaction_recorded now;
  bool override_lock = false; ///< it changed a reconciled period, on purpose
};

/// A transaction taken back out, with what it was.
struct transaction_voided {
  transaction_recorded before;
  bool override_lock = false;
};

/// A statement checked against the log: `computed_balance_minor` is what the
/// transactions that occurred up to the date sum to. A match locks the period.
struct account_reconciled {
  time_us statement_date_us = 0;
  std::int64_t statement_balance_minor = 0;
  std::int64_t computed_balance_minor = 0;
  bool matched = false;
};

struct account_renamed {
  std::string name;
};

struct account_closed {};

using account_event = std::variant<account_opened, transaction_recorded, account_renamed,
                                   account_closed, transaction_amended, transaction_voided,
                                   account_reconciled, transfer_held, transfer_credited,
                                   transfer_settled, transfer_released, transfer_claimed>;

/// A transaction as the account holds it: its current content.
struct transaction_entry {
  transaction_recorded content;
  bool voided = false;
  /// The account's version at its last change: the event that left it so
  /// (its record time and position answer a change that changes nothing).
  std::uint64_t version = 0;
  friend bool operator==(const transaction_entry&, const transaction_entry&) = default;
};

/// An account as its events leave it.
struct account_state {
  bool opened = false;
  std::string account_id;
  std::string name;
  account_kind kind = account_kind::checking;
  std::string currency;
  std::int64_t balance_minor = 0;
  std::int64_t credit_limit_minor = 0;
  std::uint64_t version = 0; ///< events applied
  std::string owner_id;
  bool closed = false; ///< no more changes; the history stays
  /// Every transaction by id, as amended. Kept whole so that an amendment can
  /// change any field and a void knows what to take back.
  std::map<std::string, transaction_entry> transactions = {};
  std::int64_t opening_balance_minor = 0;
  /// Transactions that occurred up to here belong to a matched statement:
  /// changing them needs `override_lock`. 0: nothing locked.
  time_us locked_until_us = 0;
  /// Every transfer this account sent, by transfer id (idempotency and the
  /// saga's resumption need them all).
  std::map<std::string, outgoing_transfer> transfers_out = {};
  /// Every transfer this account received, by transfer id: credited once.
  std::map<std::string, transfer_credited> transfers_in = {};

  friend bool operator==(const account_state&, const account_state&) = default;
};

/// The events `command` produces on `state`, or the rejection.
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const open_account& command);
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const record_transaction& command);
/// No event when the name is the current one.
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const rename_account& command);
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const close_account& command);
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const amend_transaction& command);
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const void_transaction& command);
[[nodiscard]] result<std::vector<account_event>> decide(const account_state& state,
                                                        const reconcile_account& command);

/// What the transactions and transfers that occurred up to `date` sum to, with
/// the opening balance (voided transactions and released transfers left out);
/// `amount_overflow` past int64.
[[nodiscard]] result<std::int64_t> balance_at(const account_state& state, time_us date);

/// `state` after `event`. Events are facts: evolve never fails, and asserts
/// the invariants decide guarantees.
[[nodiscard]] account_state evolve(account_state state, const account_event& event);

} // namespace pfms
