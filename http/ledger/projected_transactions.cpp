#include "http/ledger/projected_transactions.hpp"

#include "actors/ledger/account_codec.hpp"
#include "events/store_error.hpp"
#include "projections/proto/balances.pb.h"

#include <optional>

namespace pfms {

namespace {

std::optional<transfer_leg> leg_of(const std::string& bytes) {
  pb::TransferLeg m;
  if (!m.ParseFromString(bytes) || m.transfer_id().empty())
    return std::nullopt;
  return transfer_leg{m.transfer_id(),       m.outgoing(),
                      m.counterpart_account_id(), m.amount_minor(),
                      m.currency(),          m.counterpart_amount_minor(),
                      m.counterpart_currency(), m.occurred_at_us(),
                      false};
}

// A row as its owner reads it, personal fields opened under `key`.
result<listed_transaction> open_row(transaction_row row, const std::string& key) {
  if (row.transfer) {
    auto leg = leg_of(*row.transfer);
    if (!leg)
      return make_failure(store_errc::corrupt, "a transfer row does not decode");
    leg->released = row.voided;
    return listed_leg(std::move(row.account_id), std::move(*leg));
  }
  auto t = decode_transaction(row.transaction, account_sealer(row.account_id, key));
  if (!t)
    return t.error();
  return listed_transaction{std::move(row.account_id), {std::move(*t), row.voided}};
}

} // namespace

status read_transactions(const event_store& store, const std::string& owner_id,
                         const transaction_scan_start& start,
                         const std::function<bool(listed_transaction)>& visit) {
  auto key = store.subject_key(owner_id);
  if (!key)
    return key.error();
  std::optional<failure> broken;
  auto scanned = scan_transactions(store, owner_id, start, [&](transaction_row row) {
    auto line = open_row(std::move(row), key->value_or(""));
    if (!line) {
      broken = line.error();
      return false;
    }
    return visit(std::move(*line));
  });
  if (!scanned)
    return scanned.error();
  if (broken)
    return *broken;
  return done{};
}

result<std::optional<listed_transaction>> read_transaction(const event_store& store,
                                                           const std::string& owner_id,
                                                           const std::string& transaction_id) {
  auto row = find_transaction(store, owner_id, transaction_id);
  if (!row || !*row)
    return row ? result<std::optional<listed_transaction>>(std::nullopt) : row.error();
  auto key = store.subject_key(owner_id);
  if (!key)
    return key.error();
  auto line = open_row(std::move(**row), key->value_or(""));
  if (!line)
    return line.error();
  return std::optional{std::move(*line)};
}

} // namespace pfms
