#include "projections/ledger/transaction_rows.hpp"

#include "events/proto/account.pb.h"
#include "events/store_error.hpp"
#include "projections/ledger/account_facts.hpp"
#include "projections/proto/balances.pb.h"

#include <algorithm>

namespace pfms {

namespace {

constexpr std::string_view account_prefix = "account-";

std::string owner_prefix(std::string_view owner_id) {
  std::string key = "x:";
  key.append(owner_id).append(1, '\0');
  return key;
}

// Newest first: the occurred time sign-biased and inverted, big-endian.
void append_time(std::string& key, time_us at) {
  const auto inverted = ~(static_cast<std::uint64_t>(at) ^ (std::uint64_t{1} << 63));
  for (int shift = 56; shift >= 0; shift -= 8)
    key.push_back(static_cast<char>((inverted >> shift) & 0xFF));
}

// The larger id first: each byte inverted, then 0xFF so that an id sorts
// before its own prefixes.
std::string row_key(std::string_view owner_id, time_us at, std::string_view id) {
  auto key = owner_prefix(owner_id);
  append_time(key, at);
  for (const char c : id)
    key.push_back(static_cast<char>(~static_cast<unsigned char>(c)));
  key.push_back(static_cast<char>(0xFF));
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
  auto erase = [&](const pb::TransactionRecorded& t) {
    return read_model_put{row_key(owner_id, t.occurred_at_us(), t.transaction_id()), {}, true};
  };
  if (e.type == "TransactionRecorded") {
    pb::TransactionRecorded m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    return std::vector{put(m, false)};
  }
  if (e.type == "TransactionAmended") {
    pb::TransactionAmended m;
    if (!m.ParseFromString(e.payload) || !m.has_before() || !m.has_now())
      return undecodable(e);
    return std::vector{erase(m.before()), put(m.now(), false)}; // in this order: same key, kept
  }
  pb::TransactionVoided m;
  if (!m.ParseFromString(e.payload) || !m.has_before())
    return undecodable(e);
  return std::vector{put(m.before(), true)};
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
  const auto prefix = owner_prefix(owner_id);
  if (start.occurred_before_us == INT64_MIN)
    return done{}; // nothing occurred before the first instant
  auto from = prefix;
  if (start.occurred_before_us != INT64_MAX)
    append_time(from, start.occurred_before_us - 1);
  if (start.after)
    from = std::max(from, row_key(owner_id, start.after->first, start.after->second)
                            + std::string(1, '\0'));
  std::optional<failure> broken;
  auto scanned = store.scan_read_model(
    transactions_projection.family, from, [&](std::string_view key, std::string_view value) {
      if (!key.starts_with(prefix))
        return false;
      pb::TransactionRow row;
      if (!row.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
        broken = make_failure(store_errc::corrupt, "a transaction row does not decode");
        return false;
      }
      std::optional<std::string> transfer;
      if (row.has_transfer())
        transfer = row.transfer().SerializeAsString();
      return visit({row.account_id(), row.voided(), row.transaction(), std::move(transfer)});
    });
  if (!scanned)
    return scanned.error();
  if (broken)
    return *broken;
  return done{};
}

} // namespace pfms
