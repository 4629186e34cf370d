#include "projections/ledger/transfer_rows.hpp"

#include "events/proto/account.pb.h"
#include "events/store_error.hpp"
#include "projections/proto/balances.pb.h"
#include "projections/runtime/newest_first.hpp"

namespace pfms {

namespace {

constexpr std::string_view row_prefix = "t:";

// The owner index: "o:" ‖ owner ‖ 0x00 ‖ held_at newest first ‖ id descending → id.
constexpr std::string_view owner_tag = "o:";

std::string owner_key(std::string_view owner_id, time_us held_at, std::string_view id) {
  return newest_first_key(owner_tag, owner_id, held_at, id);
}

failure undecodable(const recorded_event& e) {
  return make_failure(store_errc::corrupt, "stream " + e.stream_id + " version "
                                             + std::to_string(e.version)
                                             + " holds a transfer event that does not decode");
}

} // namespace

std::string encode_transfer_row(const transfer_row& r) {
  pb::TransferRow m;
  m.set_transfer_id(r.transfer_id);
  m.set_owner_id(r.owner_id);
  m.set_from_account_id(r.from_account_id);
  m.set_to_account_id(r.to_account_id);
  m.set_amount_minor(r.amount_minor);
  m.set_currency(r.currency);
  m.set_to_amount_minor(r.to_amount_minor);
  m.set_to_currency(r.to_currency);
  m.set_status(r.status);
  m.set_credited(r.credited);
  m.set_reason(r.reason);
  m.set_position(r.position);
  m.set_held_at_us(r.held_at_us);
  return m.SerializeAsString();
}

result<transfer_row> decode_transfer_row(const std::string& bytes) {
  pb::TransferRow m;
  if (!m.ParseFromString(bytes))
    return make_failure(store_errc::corrupt, "a transfer row does not decode");
  return transfer_row{m.transfer_id(),  m.owner_id(),        m.from_account_id(),
                      m.to_account_id(), m.amount_minor(),   m.currency(),
                      m.to_amount_minor(), m.to_currency(),  m.status(),
                      m.credited(),      m.reason(),         m.position(),
                      m.held_at_us()};
}

namespace {


// The hold opens the row; it must be the first event of the transfer.
status open_row(std::optional<transfer_row>& row, const recorded_event& e,
                const account_facts* source) {
  pb::TransferHeld m;
  if (row || source == nullptr || !m.ParseFromString(e.payload))
    return undecodable(e);
  row = transfer_row{m.transfer_id(),  source->owner_id,  account_of(e),
                     m.to_account_id(), m.amount_minor(), source->currency,
                     m.to_amount_minor(), m.to_currency(), 1, false, {}, e.position,
                     e.recorded_at_us};
  return done{};
}

} // namespace

result<std::optional<std::string>> transfer_id_of(const recorded_event& e) {
  auto id = [&](auto message) -> result<std::optional<std::string>> {
    if (!message.ParseFromString(e.payload))
      return undecodable(e);
    return std::optional<std::string>{message.transfer_id()};
  };
  if (e.type == "TransferHeld")
    return id(pb::TransferHeld());
  if (e.type == "TransferCredited")
    return id(pb::TransferCredited());
  if (e.type == "TransferSettled")
    return id(pb::TransferSettled());
  if (e.type == "TransferReleased")
    return id(pb::TransferReleased());
  return std::optional<std::string>{};
}

status apply_transfer_event(std::optional<transfer_row>& row, const recorded_event& e,
                            const account_facts* source) {
  if (e.type == "TransferHeld")
    return open_row(row, e, source);
  // A transfer's row is kept where its source is: a credit from another
  // node's account has none here (the destination's balance still moves).
  if (!row && e.type == "TransferCredited")
    return done{};
  if (!row)
    return undecodable(e);
  if (e.type == "TransferCredited") {
    row->credited = true;
  } else if (e.type == "TransferSettled") {
    row->status = 2;
  } else if (e.type == "TransferReleased") {
    pb::TransferReleased m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    row->status = 3;
    row->reason = m.reason();
  }
  row->position = e.position;
  return done{};
}

result<std::int64_t> transfer_balance_delta(const recorded_event& e) {
  auto amount = [&](auto message, std::int64_t sign) -> result<std::int64_t> {
    if (!message.ParseFromString(e.payload))
      return undecodable(e);
    return sign * message.amount_minor();
  };
  if (e.type == "TransferHeld")
    return amount(pb::TransferHeld(), -1);
  if (e.type == "TransferCredited")
    return amount(pb::TransferCredited(), 1);
  if (e.type == "TransferReleased")
    return amount(pb::TransferReleased(), 1);
  return std::int64_t{0};
}

result<std::optional<transfer_row>> find_transfer(const event_store& store,
                                                  std::string_view family,
                                                  const std::string& transfer_id) {
  auto bytes = store.read_model_get(family, std::string(row_prefix) + transfer_id);
  if (!bytes)
    return bytes.error();
  if (!*bytes)
    return std::optional<transfer_row>{};
  auto row = decode_transfer_row(**bytes);
  if (!row)
    return row.error();
  return std::optional<transfer_row>{std::move(*row)};
}

namespace {

constexpr std::string_view account_prefix = "account-";

// Applies `e` to its transfer's row in `out`, read from the family on first touch.
status fold_step(const event_store& store, std::string_view family, transfer_changes& out,
                 account_facts_book& accounts, const recorded_event& e, bool partial) {
  auto id = transfer_id_of(e);
  if (!id || !*id)
    return id ? status(done{}) : status(id.error());
  auto it = out.rows.find(**id);
  if (it == out.rows.end()) {
    auto existing = find_transfer(store, family, **id);
    if (!existing)
      return existing.error();
    it = out.rows.emplace(**id, std::move(*existing)).first;
  }
  if (partial && !it->second && e.type != "TransferHeld")
    return done{}; // a transfer this family does not keep
  std::optional<account_facts> source;
  if (e.type == "TransferHeld") {
    auto facts = accounts.of(account_of(e));
    if (!facts)
      return facts.error();
    source = std::move(*facts);
  }
  return apply_transfer_event(it->second, e, source ? &*source : nullptr);
}

} // namespace

result<transfer_changes> fold_transfer_rows(const event_store& store, std::string_view family,
                                            std::span<const recorded_event> events,
                                            bool partial) {
  transfer_changes out;
  account_facts_book accounts(store, family);
  for (const auto& e : events) {
    if (!e.stream_id.starts_with(account_prefix))
      continue;
    auto taken = accounts.take_opened(e, out.facts);
    if (!taken)
      return taken.error();
    if (*taken)
      continue;
    if (auto folded = fold_step(store, family, out, accounts, e, partial); !folded)
      return folded.error();
  }
  return out;
}

result<std::vector<read_model_put>> fold_transfers(const event_store& store,
                                                   std::string_view family,
                                                   std::span<const recorded_event> events) {
  auto changes = fold_transfer_rows(store, family, events, false);
  if (!changes)
    return changes.error();
  auto puts = std::move(changes->facts);
  for (const auto& [id, row] : changes->rows)
    if (row) {
      puts.push_back({std::string(row_prefix) + id, encode_transfer_row(*row)});
      puts.push_back({owner_key(row->owner_id, row->held_at_us, id), id});
    }
  return puts;
}

status scan_owner_transfers(const event_store& store, const std::string& owner_id,
                            const std::optional<std::pair<time_us, std::string>>& after,
                            const std::function<bool(transfer_row)>& visit) {
  const auto family = transfers_projection.family;
  const auto prefix = owner_prefix(owner_tag, owner_id);
  const auto from = after ? owner_key(owner_id, after->first, after->second) + '\0' : prefix;
  std::optional<failure> broken;
  auto scanned = store.scan_read_model(family, from, [&](std::string_view key,
                                                         std::string_view id) {
    if (!key.starts_with(prefix))
      return false;
    auto row = find_transfer(store, family, std::string(id));
    if (!row || !*row) {
      broken = row ? make_failure(store_errc::corrupt, "transfer " + std::string(id)
                                                         + " is indexed but has no row")
                   : row.error();
      return false;
    }
    return visit(std::move(**row));
  });
  if (!scanned)
    return scanned.error();
  if (broken)
    return *broken;
  return done{};
}

} // namespace pfms
