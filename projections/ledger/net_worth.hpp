#pragma once

// Net worth: every account's balance, and what loans owe the owner or the
// owner owes, in the owner's base currency, through the rates the owner's own
// cross-currency transfers recorded. Pure.

#include "events/result.hpp"
#include "projections/ledger/account_balance_projection.hpp"
#include "projections/ledger/transfer_rows.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace pfms {

/// A rate to the base currency: `from_minor` of `currency` bought `to_minor`
/// of the base (a transfer the other way is stated inverted), in transfer
/// `transfer_id`, held at `at_us`.
struct fx_rate {
  std::string currency;
  std::int64_t from_minor = 0;
  std::int64_t to_minor = 0;
  std::string transfer_id;
  time_us at_us = 0;
};

/// One currency's part of a net worth.
struct net_worth_line {
  std::string currency;
  std::int64_t balance_minor = 0;   ///< accounts_minor + loans_minor + groups_minor
  std::int64_t accounts_minor = 0;  ///< Σ balances of the accounts in it
  std::int64_t loans_minor = 0;     ///< Σ owed to the owner (> 0) and by the owner (< 0) in loans
  std::int64_t groups_minor = 0;    ///< the same in groups, when asked for
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
  std::vector<fx_rate> rates = {}; ///< every currency's rate to the base, by currency code
};

/// The latest (by log position) completed transfer between each currency and
/// `base`, in either direction, as a rate to `base`; by currency code.
[[nodiscard]] std::map<std::string, fx_rate> rates_to_base(const std::vector<transfer_row>& rates,
                                                           const std::string& base);

/// What the owner holds in one currency.
struct holdings {
  std::int64_t accounts_minor = 0;
  std::int64_t loans_minor = 0;
  std::int64_t groups_minor = 0;
};

/// The net worth of `held` (by currency) in `base`, each foreign currency
/// converted at its rate in `rates`: amount × to ÷ from, rounded half away
/// from zero. A currency without one stays unconverted (and the answer is not
/// complete). `money_errc::overflow` when a sum leaves int64.
[[nodiscard]] result<net_worth> value_holdings(const std::map<std::string, holdings>& held,
                                               const std::map<std::string, fx_rate>& rates,
                                               const std::string& base);

/// The net worth of `accounts` in `base` at the rates `rates` give
/// (rates_to_base, value_holdings).
[[nodiscard]] result<net_worth> compute_net_worth(const std::vector<balance_row>& accounts,
                                                  const std::vector<transfer_row>& rates,
                                                  const std::string& base);

} // namespace pfms
