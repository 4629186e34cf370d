#pragma once

#include "events/event_store.hpp"
#include "events/result.hpp"
#include "events/subscription.hpp"

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

/// The balance projection: folds the account events from a subscription to
/// `$all` into one row per account, and keeps beside them the transfer rows
/// and open-transfer entries (transfer_rows.hpp), the owners' latest rates
/// (net_worth.hpp) and the group membership index (group_index.hpp). Each batch's
/// rows and the new checkpoint are written in one WriteBatch, so every event
/// takes effect exactly once, across crashes too. Not thread-safe: one
/// runner owns it. The store must outlive it.
class account_balance_projection {
public:
  static constexpr const char* name = "account_balances";
  static constexpr const char* family = "rm_account_balances";
  static constexpr std::size_t batch_events_max = 1000;

  /// Reads the checkpoint; fails with the store's error.
  [[nodiscard]] static result<account_balance_projection> open(event_store& store);

  /// Applies every committed event after the checkpoint. Returns the new
  /// checkpoint. Errors: the store's (`io`, `corrupt`).
  [[nodiscard]] result<std::uint64_t> catch_up();

  /// The row of `account_id`, nullopt when no such account was projected.
  /// Its name is sealed, as stored.
  [[nodiscard]] result<std::optional<balance_row>> find(const std::string& account_id) const;

  /// `open_balance_row` on this projection's store.
  [[nodiscard]] result<balance_row> opened(balance_row row) const {
    return open_balance_row(*store_, std::move(row));
  }

  [[nodiscard]] std::uint64_t checkpoint() const { return feed_.position(); }

private:
  account_balance_projection(event_store& store, std::uint64_t checkpoint)
    : store_(&store), feed_(store, checkpoint, batch_events_max) {}
  [[nodiscard]] result<std::size_t> apply_batch();
  /// The rows `events` change, as they stand after them.
  [[nodiscard]] result<std::vector<read_model_put>>
  fold(const std::vector<recorded_event>& events) const;

  event_store* store_;
  subscription feed_; ///< its position is the checkpoint once a batch is committed
};

} // namespace pfms
