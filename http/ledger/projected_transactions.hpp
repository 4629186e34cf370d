#pragma once

// The caller's transactions as the transactions projection holds them
// (projections/ledger/transaction_rows.hpp), opened under the owner's key.
// Run on the log reader's threads, after the projection is current.

#include "actors/ledger/core/transaction_query.hpp"
#include "events/event_store.hpp"
#include "events/result.hpp"
#include "projections/ledger/transaction_rows.hpp"

#include <functional>
#include <optional>
#include <string>

namespace pfms {

/// Calls `visit(line)` for `owner_id`'s transactions and transfer legs from
/// `start`, newest first, until it returns false or they end. `corrupt` for
/// a row that does not decode or open.
[[nodiscard]] status read_transactions(const event_store& store, const std::string& owner_id,
                                       const transaction_scan_start& start,
                                       const std::function<bool(listed_transaction)>& visit);

/// `owner_id`'s transaction `transaction_id`, opened; nullopt when the
/// owner has none by that id.
[[nodiscard]] result<std::optional<listed_transaction>> read_transaction(
  const event_store& store, const std::string& owner_id, const std::string& transaction_id);

} // namespace pfms
