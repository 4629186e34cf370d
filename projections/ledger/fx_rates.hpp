#pragma once

// The FX rates projection: each owner's latest rate per currency pair and
// direction, from their completed cross-currency transfers:
//   "r:" ‖ owner ‖ 0x00 ‖ from ‖ ":" ‖ to → the transfer's row (latest by log position)
// beside the rows it needs on the way: the open cross-currency transfers
// ("t:" ‖ id) and the accounts' owners and currencies ("a:" ‖ id), kept as
// the transfers projection keeps them (transfer_rows.hpp).

#include "events/event_store.hpp"
#include "events/result.hpp"
#include "projections/ledger/transfer_rows.hpp"
#include "projections/runtime/projection.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace pfms {

/// The projection's fold.
[[nodiscard]] result<std::vector<read_model_put>>
fold_fx_rates(const event_store& store, std::string_view family,
              std::span<const recorded_event> events);

inline constexpr projection fx_rates_projection{"fx_rates", "rm_fx_rates", &fold_fx_rates};

/// The key of `owner_id`'s latest rate from `from_currency` to `to_currency`.
[[nodiscard]] std::string rate_key(std::string_view owner_id, std::string_view from_currency,
                                   std::string_view to_currency);

/// `owner_id`'s latest rate rows, one per currency pair and direction.
[[nodiscard]] result<std::vector<transfer_row>> rates_of(const event_store& store,
                                                         const std::string& owner_id);

} // namespace pfms
