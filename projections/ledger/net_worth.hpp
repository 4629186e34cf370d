#pragma once

// Net worth: every account's balance in the owner's base currency, through
// the rates the owner's own cross-currency transfers recorded. Pure.

#include "events/result.hpp"
#include "projections/ledger/account_balance_projection.hpp"
#include "projections/ledger/transfer_rows.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pfms {

/// One currency's part of a net worth.
struct net_worth_line {
  std::string currency;
  std::int64_t balance_minor = 0;   ///< Σ balances of the accounts in it
  bool converted = false;           ///< a recorded rate to the base currency exists
  std::int64_t base_minor = 0;      ///< in the base currency, when converted
  /// The rate used: `rate_from_minor` of this currency bought `rate_to_minor`
  /// of the base (or the reverse transfer, inverted), in transfer `rate_transfer_id`.
  std::int64_t rate_from_minor = 0;
  std::int64_t rate_to_minor = 0;
  std::string rate_transfer_id;
  time_us rate_at_us = 0;
};

struct net_worth {
  std::string base_currency;
  std::int64_t total_minor = 0; ///< Σ base_minor of the converted lines
  std::vector<net_worth_line> lines; ///< by currency code
  bool complete = true;         ///< false when a currency has no recorded rate
};

/// The net worth of `accounts` in `base`, each foreign currency converted at
/// the latest (by log position) completed transfer between it and `base` in
/// either direction: amount × to ÷ from, rounded half away from zero.
/// A currency with no such transfer stays unconverted (and the answer is not
/// complete). `money_errc::overflow` when a sum leaves int64.
[[nodiscard]] result<net_worth> compute_net_worth(const std::vector<balance_row>& accounts,
                                                  const std::vector<transfer_row>& rates,
                                                  const std::string& base);

} // namespace pfms
