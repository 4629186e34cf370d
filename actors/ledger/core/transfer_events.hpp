#pragma once

// The transfer saga's commands and events on the two accounts it touches.
// Pure values: no I/O, no CAF. Mirrors the Transfer* messages of
// events/proto/account.proto; the saga itself is actors/ledger/transfer_saga.hpp.
//
//   source:       TransferHeld ──────────────┬──► TransferSettled
//                    (balance −amount)       │      (destination credited)
//   destination:       TransferCredited ─────┘
//                        (balance +to_amount)
//   source, when the destination refused for good:
//                  TransferHeld ──► TransferReleased (balance +amount)

#include "events/clock.hpp"
#include "events/message_name.hpp"

#include <cstdint>
#include <string>

namespace pfms {

/// Where a transfer stands on its source account.
enum class transfer_status : std::uint8_t { held = 1, settled = 2, released = 3 };

/// The amount left the source and is in transit to `to_account_id`.
struct transfer_held {
  std::string transfer_id;
  std::string to_account_id;
  std::int64_t amount_minor = 0;    ///< > 0, the source's currency
  std::string to_currency;          ///< the destination's currency
  std::int64_t to_amount_minor = 0; ///< > 0; equals amount_minor for one currency
  /// The destination's owner when it is not the source's (a loan's
  /// disbursement between its parties); "" for the owner's own accounts.
  std::string to_owner_id = {};
  /// When it left: the date of both legs, in statements and histories.
  time_us occurred_at_us = 0;
  friend bool operator==(const transfer_held&, const transfer_held&) = default;
};

/// The transfer arrived on the destination.
struct transfer_credited {
  std::string transfer_id;
  std::string from_account_id;
  std::int64_t amount_minor = 0;      ///< > 0, this account's currency
  std::string from_currency;
  std::int64_t from_amount_minor = 0; ///< what left the source
  time_us occurred_at_us = 0;         ///< the hold's
  friend bool operator==(const transfer_credited&, const transfer_credited&) = default;
};

/// The destination credited: the hold is done.
struct transfer_settled {
  std::string transfer_id;
};

/// The destination refused for good: the amount is back on the source.
struct transfer_released {
  std::string transfer_id;
  std::string reason; ///< the refusal's stable code
  transfer_held held; ///< the hold it ends: its amount comes back
};

/// A completed transfer now backs `claim` (a group's settlement), or, with
/// `claim` empty, no longer backs the one it did.
struct transfer_claimed {
  std::string transfer_id;
  std::string claim;
};

/// A transfer as its source account holds it.
struct outgoing_transfer {
  transfer_held hold;
  transfer_status status = transfer_status::held;
  std::string reason; ///< why released
  std::string claim = {}; ///< what it backs ("<group id>/<settlement id>"); "" nothing
  friend bool operator==(const outgoing_transfer&, const outgoing_transfer&) = default;
};

struct account_view;

/// A transfer as its source account answers it.
struct transfer_view {
  std::string transfer_id;
  std::string from_account_id;
  std::string to_account_id;
  std::int64_t amount_minor = 0;
  std::string currency;
  std::int64_t to_amount_minor = 0;
  std::string to_currency;
  std::string status; ///< "pending" (held, not yet credited), "completed" or "released"
  std::string reason; ///< why released
  std::uint64_t version = 0; ///< the source account's version
};

/// Starts (or, with the same id and content, asks after) a transfer from
/// `account_id` to `to_account_id`, both the caller's, or the destination
/// `to_owner_id`'s when set. Only actors set `to_owner_id` (the loan's
/// disbursement, after both parties agreed on the accounts); no route does. `to_currency` is the
/// destination's currency (the saga learns it before it holds); for another
/// currency than the source's, `to_amount_minor` must be given.
struct hold_transfer {
  using reply = transfer_view;
  std::string account_id;
  std::string transfer_id;
  std::string to_account_id;
  std::int64_t amount_minor = 0;
  std::string currency;             ///< the source's, as the caller states it
  std::string to_currency = {};     ///< filled in by the saga
  std::int64_t to_amount_minor = 0; ///< 0: the same amount (one currency only)
  std::string caller_id = {};
  std::string to_owner_id = {};     ///< "": the caller
  time_us occurred_at_us = 0;       ///< filled in by the saga: the hold's instant
};

/// The destination's leg: credit the transfer once.
struct credit_transfer {
  using reply = account_view;
  std::string account_id; ///< the destination
  std::string transfer_id;
  std::string from_account_id;
  std::int64_t amount_minor = 0; ///< in the destination's currency
  std::string currency;
  std::int64_t from_amount_minor = 0;
  std::string from_currency;
  std::string caller_id; ///< the destination's owner (the source's, or the hold's to_owner_id)
  time_us occurred_at_us = 0; ///< the hold's
};

/// Makes completed transfer `transfer_id` of `account_id` back `claim`, once:
/// a transfer records at most one settlement. The same claim again writes
/// nothing; another is `transfer_claimed`. With `release`, the claim ends
/// (when it is this one's): the settlement it was for was refused.
struct claim_transfer {
  using reply = transfer_view;
  std::string account_id; ///< the source
  std::string transfer_id;
  std::string claim;
  std::string caller_id; ///< the source's owner
  bool release = false;
};

PFMS_MESSAGE(transfer_view);
PFMS_MESSAGE(hold_transfer);
PFMS_MESSAGE(credit_transfer);
PFMS_MESSAGE(claim_transfer);

/// The source's last step once the destination answered.
struct settle_transfer {
  std::string transfer_id;
};
struct release_transfer {
  std::string transfer_id;
  std::string reason;
};

} // namespace pfms
