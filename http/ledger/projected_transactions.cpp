#include "http/ledger/projected_transactions.hpp"

#include "actors/ledger/account_codec.hpp"

#include <optional>

namespace pfms {

status read_transactions(const event_store& store, const std::string& owner_id,
                         const transaction_scan_start& start,
                         const std::function<bool(const std::string&, transaction_entry)>& visit) {
  auto key = store.subject_key(owner_id);
  if (!key)
    return key.error();
  std::optional<failure> broken;
  auto scanned = scan_transactions(store, owner_id, start, [&](transaction_row row) {
    auto t = decode_transaction(row.transaction, account_sealer(row.account_id, key->value_or("")));
    if (!t) {
      broken = t.error();
      return false;
    }
    return visit(row.account_id, {std::move(*t), row.voided});
  });
  if (!scanned)
    return scanned.error();
  if (broken)
    return *broken;
  return done{};
}

} // namespace pfms
