#pragma once

#include "actors/ledger/core/account_core.hpp"
#include "actors/runtime/event_metadata.hpp"
#include "events/event_store.hpp"
#include "events/personal_data.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"

namespace pfms {

/// The stream of an account: "account-<id>".
[[nodiscard]] std::string account_stream(std::string_view account_id);

/// The sealer of an account's personal fields (name, transaction notes)
/// under its owner's `key` (empty: the owner was erased).
[[nodiscard]] sealer account_sealer(std::string_view account_id, std::string key);

/// The owner an `AccountOpened` names (in the clear): whose key opens the account.
[[nodiscard]] result<std::string> owner_of_opened(const recorded_event& e);

/// The sealer of `account_id`: its owner's key, the owner named by the
/// stream's first event (no key yet for an account not opened).
[[nodiscard]] result<sealer> account_sealer_of(const event_store& store,
                                               const std::string& account_id);

/// `event` as a storable event (type name + protobuf payload), personal
/// fields sealed by `seal`.
[[nodiscard]] new_event encode_account_event(const account_event& event, event_metadata meta,
                                             const sealer& seal);

/// The account event stored in `e`, personal fields opened by `seal`;
/// `corrupt` when the type is unknown, the payload does not decode or a
/// sealed field does not open.
[[nodiscard]] result<account_event> decode_account_event(const recorded_event& e,
                                                         const sealer& seal);

/// A `pb::TransactionRecorded` as a read model keeps it (transactions
/// projection), personal fields opened by `seal`; `corrupt` when it does not
/// decode or open.
[[nodiscard]] result<transaction_recorded> decode_transaction(std::string_view bytes,
                                                              const sealer& seal);

/// `decode_account_event` with its protobuf messages kept between calls: the
/// fast path for recovery and replay. Not thread-safe.
class account_event_decoder {
public:
  account_event_decoder();
  ~account_event_decoder();
  account_event_decoder(const account_event_decoder&) = delete;
  account_event_decoder& operator=(const account_event_decoder&) = delete;

  [[nodiscard]] result<account_event> decode(const recorded_event& e, const sealer& seal);

private:
  struct messages;
  messages* messages_;
};

} // namespace pfms
