#pragma once

// Which of a person's transactions a list shows: filters, newest first, in
// pages. Pure.

#include "actors/ledger/core/account_core.hpp"
#include "events/clock.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pfms {

struct transaction_filter {
  std::optional<std::string> account_id = {};
  std::optional<time_us> occurred_from = {};  ///< inclusive
  std::optional<time_us> occurred_until = {}; ///< exclusive
  std::optional<std::string> category = {};   ///< the transaction's or any split line's
  std::optional<std::string> tag = {};
  std::optional<std::string> payee_text = {}; ///< a case-insensitive (ASCII) substring of the payee
  std::optional<std::int64_t> amount_min = {};
  std::optional<std::int64_t> amount_max = {};
  bool include_voided = false;
};

/// Where a page ends: the last transaction shown.
struct transaction_cursor {
  time_us occurred_at_us = 0;
  std::string transaction_id;
};

/// One account's side of a transfer, as a history lists it.
struct transfer_leg {
  std::string transfer_id;
  bool outgoing = false;
  std::string counterpart_account_id; ///< where it went, or came from
  std::int64_t amount_minor = 0;      ///< > 0, this account's currency
  std::string currency;
  std::int64_t counterpart_amount_minor = 0;
  std::string counterpart_currency;
  time_us occurred_at_us = 0; ///< the hold's instant, on both legs
  bool released = false;      ///< the destination refused: it never left
};

/// The legs of the transfers `account` sent and received.
[[nodiscard]] std::vector<transfer_leg> transfer_legs_of(const account_state& account);

/// A history line: a transaction, or a transfer's leg (then `entry` holds
/// the leg's amount, date and direction as a transaction would, under the id
/// `<transfer id>/out` or `/in`, and `voided` when it was released).
struct listed_transaction {
  std::string account_id;
  transaction_entry entry;
  std::optional<transfer_leg> transfer = {};
};

/// `leg` of `account_id` as a history line.
[[nodiscard]] listed_transaction listed_leg(std::string account_id, transfer_leg leg);

/// Whether `entry` passes `filter` (all but its account: the caller knows that).
/// A transfer's leg has no category, tags or payee: those filters leave it out.
[[nodiscard]] bool transaction_passes(const transaction_entry& entry,
                                      const transaction_filter& filter);

/// Up to `limit` transactions and transfer legs of `accounts` that pass
/// `filter`, newest first (by occurred time, then id), after `after` when given.
[[nodiscard]] std::vector<listed_transaction>
select_transactions(const std::vector<account_state>& accounts, const transaction_filter& filter,
                    const std::optional<transaction_cursor>& after, std::size_t limit);

} // namespace pfms
