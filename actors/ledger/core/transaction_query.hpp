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

struct listed_transaction {
  std::string account_id;
  transaction_entry entry;
};

/// Whether `entry` passes `filter` (all but its account: the caller knows that).
[[nodiscard]] bool transaction_passes(const transaction_entry& entry,
                                      const transaction_filter& filter);

/// Up to `limit` transactions of `accounts` that pass `filter`, newest first
/// (by occurred time, then id), after `after` when given.
[[nodiscard]] std::vector<listed_transaction>
select_transactions(const std::vector<account_state>& accounts, const transaction_filter& filter,
                    const std::optional<transaction_cursor>& after, std::size_t limit);

} // namespace pfms
