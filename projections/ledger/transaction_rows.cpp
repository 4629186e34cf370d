#include "projections/ledger/transaction_rows.hpp"

#include "events/proto/account.pb.h"
#include "events/store_error.hpp"
#include "projections/ledger/account_facts.hpp"
#include "projections/proto/balances.pb.h"
#include "projections/runtime/newest_first.hpp"

#include <algorithm>

namespace pfms {

namespace {

constexpr std::string_view account_prefix = "account-";

constexpr std::string_view row_tag = "x:";

std::string row_key(std::string_view owner_id, time_us at, std::string_view id) {
  return newest_first_key(row_tag, owner_id, at, id);
}

// The id index: "i:" ‖ owner ‖ 0x00 ‖ id → the transaction's row key.
std::string id_key(std::string_view owner_id, std::string_view id) {
  std::string key = "i:";
  key.append(owner_id).append(1, '\0').append(id);
  return key;
}

std::string encode(const std::string& account_id, bool voided, const pb::TransactionRecorded& t) {
  pb::TransactionRow row;
  row.set_account_id(account_id);
  row.set_voided(voided);
  row.set_transaction(t.SerializeAsString());
  return row.SerializeAsString();
}

failure undecodable(const recorded_event& e) {
  return make_failure(store_errc::corrupt, "stream " + e.stream_id + " version "
                                             + std::to_string(e.version) + " does not decode");
}

// The row writes of one transaction event of an account of `owner_id`.
result<std::vector<read_model_put>> transaction_puts(const recorded_event& e,
                                                     const std::string& owner_id) {
  const auto account = account_of(e);
  auto put = [&](const pb::TransactionRecorded& t, bool voided) {
    return read_model_put{row_key(owner_id, t.occurred_at_us(), t.transaction_id()),
                          encode(account, voided, t)};
  };
  auto index = [&](const pb::TransactionRecorded& t) {
    return read_model_put{id_key(owner_id, t.transaction_id()),
                          row_key(owner_id, t.occurred_at_us(), t.transaction_id())};
  };
  auto erase = [&](const pb::TransactionRecorded& t) {
    return read_model_put{row_key(owner_id, t.occurred_at_us(), t.transaction_id()), {}, true};
  };
  if (e.type == "TransactionRecorded") {
    pb::TransactionRecorded m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    return std::vector{put(m, false), index(m)};
  }
  if (e.type == "TransactionAmended") {
    pb::TransactionAmended m;
    if (!m.ParseFromString(e.payload) || !m.has_before() || !m.has_now())
      return undecodable(e);
    // In this order: the same key erased and put again is kept.
    return std::vector{erase(m.before()), put(m.now(), false), index(m.now())};
  }
  pb::TransactionVoided m;
  if (!m.ParseFromString(e.payload) || !m.has_before())
    return undecodable(e);
  return std::vector{put(m.before(), true)};
}

result<transaction_row> decode_row(std::string_view bytes) {
  pb::TransactionRow row;
  if (!row.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return make_failure(store_errc::corrupt, "a transaction row does not decode");
  std::optional<std::string> transfer;
  if (row.has_transfer())
    transfer = row.transfer().SerializeAsString();
  return transaction_row{row.account_id(), row.voided(), row.transaction(), std::move(transfer)};
}

bool writes_row(const recorded_event& e) {
  return e.type == "TransactionRecorded" || e.type == "TransactionAmended"
         || e.type == "TransactionVoided" || e.type == "TransferHeld"
         || e.type == "TransferCredited" || e.type == "TransferReleased";
}

// The sending side of hold `m` on an account in `currency`.
pb::TransferLeg sent_leg(const pb::TransferHeld& m, const std::string& currency) {
  pb::TransferLeg leg;
  leg.set_transfer_id(m.transfer_id());
  leg.set_outgoing(true);
  leg.set_counterpart_account_id(m.to_account_id());
  leg.set_amount_minor(m.amount_minor());
  leg.set_currency(currency);
  leg.set_counterpart_amount_minor(m.to_amount_minor());
  leg.set_counterpart_currency(m.to_currency());
  leg.set_occurred_at_us(m.occurred_at_us());
  return leg;
}

pb::TransferLeg received_leg(const pb::TransferCredited& m, const std::string& currency) {
  pb::TransferLeg leg;
  leg.set_transfer_id(m.transfer_id());
  leg.set_counterpart_account_id(m.from_account_id());
  leg.set_amount_minor(m.amount_minor());
  leg.set_currency(currency);
  leg.set_counterpart_amount_minor(m.from_amount_minor());
  leg.set_counterpart_currency(m.from_currency());
  leg.set_occurred_at_us(m.occurred_at_us());
  return leg;
}

// The row of a transfer event's leg on an account of `facts`.
result<std::vector<read_model_put>> leg_puts(const recorded_event& e, const account_facts& facts) {
  pb::TransferLeg leg;
  bool released = false;
  if (e.type == "TransferHeld") {
    pb::TransferHeld m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    leg = sent_leg(m, facts.currency);
  } else if (e.type == "TransferCredited") {
    pb::TransferCredited m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    leg = received_leg(m, facts.currency);
  } else {
    pb::TransferReleased m;
    if (!m.ParseFromString(e.payload) || !m.has_held())
      return undecodable(e);
    leg = sent_leg(m.held(), facts.currency);
    released = true;
  }
  pb::TransactionRow row;
  row.set_account_id(account_of(e));
  row.set_voided(released);
  *row.mutable_transfer() = leg;
  const auto id = leg.transfer_id() + (leg.outgoing() ? "/out" : "/in");
  return std::vector{read_model_put{row_key(facts.owner_id, leg.occurred_at_us(), id),
                                    row.SerializeAsString()}};
}

bool is_transfer_event(const recorded_event& e) {
  return e.type.starts_with("Transfer");
}

} // namespace

result<std::vector<read_model_put>> fold_transactions(const event_store& store,
                                                      std::string_view family,
                                                      std::span<const recorded_event> events) {
  account_facts_book accounts(store, family);
  std::vector<read_model_put> puts; // in event order: a later write of a key wins
  for (const auto& e : events) {
    if (!e.stream_id.starts_with(account_prefix))
      continue;
    auto taken = accounts.take_opened(e, puts);
    if (!taken)
      return taken.error();
    if (*taken || !writes_row(e))
      continue;
    auto facts = accounts.of(account_of(e));
    if (!facts)
      return facts.error();
    if (!*facts)
      return make_failure(store_errc::corrupt, "a transaction of " + e.stream_id
                                                 + " comes before its account");
    auto rows = is_transfer_event(e) ? leg_puts(e, **facts) : transaction_puts(e, (*facts)->owner_id);
    if (!rows)
      return rows.error();
    std::move(rows->begin(), rows->end(), std::back_inserter(puts));
  }
  return puts;
}

result<std::optional<std::string>> transaction_account_owner(const event_store& store,
                                                            const std::string& account_id) {
  account_facts_book accounts(store, transactions_projection.family);
  auto facts = accounts.of(account_id);
  if (!facts)
    return facts.error();
  if (!*facts)
    return std::optional<std::string>{};
  return std::optional{std::move((*facts)->owner_id)};
}

status scan_transactions(const event_store& store, const std::string& owner_id,
                         const transaction_scan_start& start,
                         const std::function<bool(transaction_row)>& visit) {
  const auto prefix = owner_prefix(row_tag, owner_id);
  if (start.occurred_before_us == INT64_MIN)
    return done{}; // nothing occurred before the first instant
  auto from = prefix;
  if (start.occurred_before_us != INT64_MAX)
    append_newest_first(from, start.occurred_before_us - 1);
  if (start.after)
    from = std::max(from, row_key(owner_id, start.after->first, start.after->second)
                            + std::string(1, '\0'));
  std::optional<failure> broken;
  auto scanned = store.scan_read_model(
    transactions_projection.family, from, [&](std::string_view key, std::string_view value) {
      if (!key.starts_with(prefix))
        return false;
      auto row = decode_row(value);
      if (!row) {
        broken = row.error();
        return false;
      }
      return visit(std::move(*row));
    });
  if (!scanned)
    return scanned.error();
  if (broken)
    return *broken;
  return done{};
}

result<std::optional<transaction_row>> find_transaction(const event_store& store,
                                                        const std::string& owner_id,
                                                        const std::string& transaction_id) {
  const auto family = transactions_projection.family;
  auto at = store.read_model_get(family, id_key(owner_id, transaction_id));
  if (!at || !*at)
    return at ? result<std::optional<transaction_row>>(std::nullopt) : at.error();
  auto bytes = store.read_model_get(family, **at);
  if (!bytes)
    return bytes.error();
  if (!*bytes)
    return make_failure(store_errc::corrupt, "transaction " + transaction_id
                                               + " is indexed but has no row");
  auto row = decode_row(**bytes);
  if (!row)
    return row.error();
  return std::optional{std::move(*row)};
}

} // namespace pfms
