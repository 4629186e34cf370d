#pragma once

// The transfers projection: one row per transfer ("t:" ‖ id), each owner's
// transfers newest first ("o:" ‖ owner ‖ 0x00 ‖ held_at ‖ id → id, both
// descending), and the facts
// of each account (account_facts.hpp) that a hold's row takes from its source.
// (What a starting node must carry on, the held transfers, is each source
// account's durable timer: actors/runtime/entity_timer.hpp.)

#include "events/event_store.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"
#include "projections/ledger/account_facts.hpp"
#include "projections/runtime/projection.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pfms {


/// One transfer as the read model holds it.
struct transfer_row {
  std::string transfer_id;
  std::string owner_id;
  std::string from_account_id;
  std::string to_account_id;
  std::int64_t amount_minor = 0;
  std::string currency;
  std::int64_t to_amount_minor = 0;
  std::string to_currency;
  std::uint32_t status = 1; ///< 1 held, 2 settled, 3 released
  bool credited = false;    ///< the destination took it
  std::string reason;       ///< why released
  std::uint64_t position = 0; ///< of the last event that changed it
  time_us held_at_us = 0;

  friend bool operator==(const transfer_row&, const transfer_row&) = default;
};

/// The transfer a transfer event of an account stream names; nullopt for
/// other events; `corrupt` when a transfer event does not decode.
[[nodiscard]] result<std::optional<std::string>> transfer_id_of(const recorded_event& e);

/// Applies transfer event `e` to `row` (as it stands, if any). `source`
/// gives a `TransferHeld` its owner and currency. `corrupt` when a later step
/// comes before its hold, but a credit with no row is one from another
/// node's account: nothing to do.
[[nodiscard]] status apply_transfer_event(std::optional<transfer_row>& row,
                                          const recorded_event& e, const account_facts* source);

/// The transfer rows that `events` touch in `family`, as they stand after
/// them (each read from the family on first touch), and the account facts
/// rows their AccountOpened events add. `partial`: the family keeps only some
/// transfers, so a later step with no row is skipped.
struct transfer_changes {
  std::map<std::string, std::optional<transfer_row>> rows;
  std::vector<read_model_put> facts;
};
[[nodiscard]] result<transfer_changes> fold_transfer_rows(const event_store& store,
                                                          std::string_view family,
                                                          std::span<const recorded_event> events,
                                                          bool partial);

/// The transfers projection's fold: every transfer's row.
[[nodiscard]] result<std::vector<read_model_put>>
fold_transfers(const event_store& store, std::string_view family,
               std::span<const recorded_event> events);

inline constexpr projection transfers_projection{"transfers", "rm_transfers", &fold_transfers};

/// How a transfer event moves its account's balance (0 for other events).
[[nodiscard]] result<std::int64_t> transfer_balance_delta(const recorded_event& e);

/// A transfer row's encoding.
[[nodiscard]] std::string encode_transfer_row(const transfer_row& row);

/// A stored transfer row; `corrupt` when it does not decode.
[[nodiscard]] result<transfer_row> decode_transfer_row(const std::string& bytes);

/// The row of `transfer_id` in `family` (the transfers', or another that
/// keeps transfer rows the same way), nullopt when there is none.
[[nodiscard]] result<std::optional<transfer_row>>
find_transfer(const event_store& store, std::string_view family, const std::string& transfer_id);

/// Calls `visit(row)` for the transfers from `owner_id`'s accounts, newest
/// held first (then by id, descending), starting after (held_at, id) when
/// `after` is given, until it returns false or they end. `corrupt` for an
/// index entry without its row.
[[nodiscard]] status scan_owner_transfers(
  const event_store& store, const std::string& owner_id,
  const std::optional<std::pair<time_us, std::string>>& after,
  const std::function<bool(transfer_row)>& visit);

} // namespace pfms
