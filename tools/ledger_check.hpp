#pragma once

#include "events/event_store.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace pfms {

/// One broken ledger invariant, naming the account (and transfer) concerned.
struct ledger_finding {
  std::string account_id;
  std::string transfer_id; ///< empty when not about a transfer
  std::string problem;     ///< a sentence
};

/// 128-bit sums: a total over many accounts may pass int64 where no balance does.
__extension__ typedef __int128 wide_sum;

/// Money per currency as the ledger check added it up, in minor units.
struct currency_totals {
  wide_sum balances = 0;      ///< Σ account balances
  wide_sum opening = 0;       ///< Σ opening balances
  wide_sum transactions = 0;  ///< Σ income − Σ expense (as amended, voids left out)
  wide_sum transfers_out = 0; ///< Σ amounts held by transfers not released
  wide_sum transfers_in = 0;  ///< Σ amounts credited
};

/// `value` in decimal.
[[nodiscard]] std::string to_decimal(wide_sum value);

/// What `check_ledger` looked at and found.
struct ledger_report {
  static constexpr std::size_t findings_max = 100;
  std::uint64_t accounts_checked = 0;
  std::uint64_t transfers_checked = 0;
  std::uint64_t in_transit = 0;  ///< transfers held and not yet credited (a saga under way)
  /// Legs of transfers whose other account is in no store given: another
  /// node's, checked only when that node's store is given too.
  std::uint64_t crossing = 0;
  std::map<std::string, currency_totals> totals;
  std::vector<ledger_finding> findings; ///< at most findings_max

  [[nodiscard]] bool clean() const { return findings.empty(); }
};

/// Checks the ledger's invariants over every account of the store:
/// - each balance equals its opening balance plus its transactions minus
///   the transfers it sent (unless released) plus those it received, and
///   stays within its credit limit;
/// - each transfer held by a source is, on its destination: credited with
///   the same amounts when settled, not credited when released (never both,
///   never neither); each credit names a hold that was not released;
/// - so money is conserved: per currency, Σ balances = Σ opening + Σ
///   transactions − Σ out + Σ in, and each transfer moved what it held;
/// - each projected balance row agrees with its account's log.
/// `peers` are the other nodes' stores of a cluster: their accounts are the
/// counterparts of transfers that crossed nodes. Without them, a leg whose
/// other account is not in `store` is counted as crossing, not checked; with
/// them, such a leg must match like any other.
/// Fails only on I/O or undecodable events.
[[nodiscard]] result<ledger_report> check_ledger(const event_store& store,
                                                 std::span<const event_store* const> peers = {});

} // namespace pfms
