#pragma once

// The transactions projection: every transaction of each owner's accounts,
// newest first (by occurred time, then id, both descending):
//   "x:" ‖ owner ‖ 0x00 ‖ ~occurred_at (u64 BE, sign-biased) ‖ ~id ‖ 0xFF → TransactionRow
// beside the accounts' facts (account_facts.hpp). A row holds the
// transaction as its event does, personal fields sealed under the owner's
// key; an amendment moves it, a void marks it. Each side of a transfer is a
// row too, under the id "<transfer id>/out" or "/in" (no personal data); a
// release marks the sending side. Each transaction (not a leg) is found by id:
//   "i:" ‖ owner ‖ 0x00 ‖ id → its row's key

#include "events/clock.hpp"
#include "events/event_store.hpp"
#include "events/result.hpp"
#include "projections/runtime/projection.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

struct transaction_row {
  std::string account_id;
  bool voided = false;     ///< for a transfer's leg: released
  std::string transaction; ///< pb::TransactionRecorded bytes, as in its event
  /// pb::TransferLeg bytes when the row is one side of a transfer (then
  /// `transaction` is empty).
  std::optional<std::string> transfer = std::nullopt;
};

/// The projection's fold.
[[nodiscard]] result<std::vector<read_model_put>>
fold_transactions(const event_store& store, std::string_view family,
                  std::span<const recorded_event> events);

inline constexpr projection transactions_projection{"transactions", "rm_transactions",
                                                    &fold_transactions};

/// The owner of `account_id` as this projection knows it (from its
/// AccountOpened), nullopt for an account it never saw opened.
[[nodiscard]] result<std::optional<std::string>> transaction_account_owner(
  const event_store& store, const std::string& account_id);

/// Where a scan of an owner's transactions starts (newest first).
struct transaction_scan_start {
  time_us occurred_before_us = INT64_MAX; ///< only transactions that occurred before this
  /// Only those after this one (occurred time, id) in the order, when given:
  /// a page's cursor.
  std::optional<std::pair<time_us, std::string>> after = std::nullopt;
};

/// Calls `visit(row)` for `owner_id`'s transactions from `start`, newest
/// first, until it returns false or they end. `corrupt` for a row that does
/// not decode.
[[nodiscard]] status scan_transactions(const event_store& store, const std::string& owner_id,
                                       const transaction_scan_start& start,
                                       const std::function<bool(transaction_row)>& visit);

/// `owner_id`'s transaction `transaction_id` (a transfer's leg is not one),
/// nullopt when the owner has none by that id. `corrupt` for an index entry
/// without its row, or a row that does not decode.
[[nodiscard]] result<std::optional<transaction_row>> find_transaction(
  const event_store& store, const std::string& owner_id, const std::string& transaction_id);

} // namespace pfms
