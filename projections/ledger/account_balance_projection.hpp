#pragma once

#include "events/event_store.hpp"
#include "events/result.hpp"
#include "projections/runtime/projection.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace pfms {

/// One account as the balance read model holds it.
struct balance_row {
  std::string account_id;
  std::string name;
  std::string kind;
  std::string currency;
  std::int64_t balance_minor = 0;
  std::int64_t credit_limit_minor = 0;
  std::uint64_t version = 0;  ///< stream version the row reflects
  std::uint64_t position = 0; ///< global position of that event
  std::string owner_id;       ///< the user the account belongs to
  bool closed = false;

  friend bool operator==(const balance_row&, const balance_row&) = default;
};

/// Applies one event to the row of its account (`row` as it stands, if any).
/// Events of other types leave it alone. `corrupt` when the payload does not
/// decode or a transaction comes before its account. Pure: the projection
/// and rebuild checks share it.
[[nodiscard]] status apply_balance_event(std::optional<balance_row>& row,
                                         const recorded_event& e);

/// `row` as answered: the name opened under the owner's key, or
/// `erased_text` once the owner is erased; `corrupt` when it does not open.
[[nodiscard]] result<balance_row> open_balance_row(const event_store& store, balance_row row);

/// Up to `limit` rows (names sealed) of the accounts `owner_id` owns, in
/// account id order, starting after account `after` ("" for the first):
/// through the owner index the projection keeps beside the rows
/// ("o:" ‖ owner ‖ 0x00 ‖ account id → "").
[[nodiscard]] result<std::vector<balance_row>>
balance_rows_owned_by(const event_store& store, const std::string& owner_id,
                      const std::string& after = {}, std::size_t limit = SIZE_MAX);

/// The row of `account_id` in the balances family, nullopt when no such
/// account was projected. Its name is sealed, as stored.
[[nodiscard]] result<std::optional<balance_row>> find_balance(const event_store& store,
                                                              const std::string& account_id);

/// The balances projection's fold: one row per account ("" ‖ account id), and
/// the owner index ("o:" ‖ owner ‖ 0x00 ‖ account id → "") written with each
/// row write (idempotent), so a rebuild restores it too.
[[nodiscard]] result<std::vector<read_model_put>>
fold_balances(const event_store& store, std::string_view family,
              std::span<const recorded_event> events);

/// Every account's balance row, from the account streams.
inline constexpr projection balances_projection{"account_balances", "rm_account_balances",
                                                &fold_balances};

} // namespace pfms
