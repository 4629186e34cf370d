#include "projections/ledger/account_balance_projection.hpp"

#include "events/personal_data.hpp"
#include "events/proto/account.pb.h"
#include "events/store_error.hpp"
#include "projections/ledger/transfer_rows.hpp"
#include "projections/proto/balances.pb.h"

#include <cassert>
#include <map>

namespace pfms {

namespace {

constexpr std::string_view account_prefix = "account-";

std::string encode_row(const balance_row& r) {
  pb::AccountBalanceRow m;
  m.set_account_id(r.account_id);
  m.set_name(r.name);
  m.set_kind(r.kind);
  m.set_currency(r.currency);
  m.set_balance_minor(r.balance_minor);
  m.set_credit_limit_minor(r.credit_limit_minor);
  m.set_version(r.version);
  m.set_position(r.position);
  m.set_owner_id(r.owner_id);
  m.set_closed(r.closed);
  return m.SerializeAsString();
}

result<balance_row> decode_row(const std::string& bytes) {
  pb::AccountBalanceRow m;
  if (!m.ParseFromString(bytes))
    return make_failure(store_errc::corrupt, "a balance row does not decode");
  return balance_row{m.account_id(),    m.name(),    m.kind(),     m.currency(),
                     m.balance_minor(), m.credit_limit_minor(), m.version(), m.position(),
                     m.owner_id(),      m.closed()};
}

failure undecodable(const recorded_event& e) {
  return make_failure(store_errc::corrupt, "stream " + e.stream_id + " version "
                                             + std::to_string(e.version) + " does not decode");
}

std::int64_t signed_amount(const pb::TransactionRecorded& t) {
  return t.kind() == pb::TRANSACTION_KIND_INCOME ? t.amount_minor() : -t.amount_minor();
}

// How an amendment or a void moves the balance, in the two steps the account
// checked: out with what it was, in with what it is now (nothing for a void).
result<std::pair<std::int64_t, std::int64_t>> correction(const recorded_event& e) {
  if (e.type == "TransactionVoided") {
    pb::TransactionVoided m;
    if (!m.ParseFromString(e.payload) || !m.has_before())
      return undecodable(e);
    return std::pair{-signed_amount(m.before()), std::int64_t{0}};
  }
  pb::TransactionAmended m;
  if (!m.ParseFromString(e.payload) || !m.has_before() || !m.has_now())
    return undecodable(e);
  return std::pair{-signed_amount(m.before()), signed_amount(m.now())};
}

} // namespace

status apply_balance_event(std::optional<balance_row>& row, const recorded_event& e) {
  if (e.type == "AccountOpened") {
    pb::AccountOpened m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    row = balance_row{m.account_id(), m.name(), m.kind(), m.currency(),
                      m.opening_balance_minor(), m.credit_limit_minor(), 0, 0, m.owner_id(),
                      false};
  } else if (e.type == "TransactionAmended" || e.type == "TransactionVoided") {
    if (!row)
      return undecodable(e);
    auto steps = correction(e);
    if (!steps)
      return steps.error();
    // The account refused every change whose steps overflow.
    const bool overflow =
      __builtin_add_overflow(row->balance_minor, steps->first, &row->balance_minor)
      || __builtin_add_overflow(row->balance_minor, steps->second, &row->balance_minor);
    assert(!overflow);
    (void) overflow;
  } else if (e.type == "AccountRenamed") {
    pb::AccountRenamed m;
    if (!m.ParseFromString(e.payload) || !row)
      return undecodable(e);
    row->name = m.name(); // sealed, as in the event
  } else if (e.type == "AccountClosed") {
    if (!row)
      return undecodable(e);
    row->closed = true;
  } else if (e.type.starts_with("Transfer")) {
    auto delta = transfer_balance_delta(e);
    if (!delta)
      return delta.error();
    if (!row)
      return undecodable(e);
    // The account refused every transfer step that overflows.
    const bool overflow = __builtin_add_overflow(row->balance_minor, *delta, &row->balance_minor);
    assert(!overflow);
    (void) overflow;
  } else if (e.type == "TransactionRecorded") {
    pb::TransactionRecorded m;
    if (!m.ParseFromString(e.payload) || !row)
      return undecodable(e);
    const auto delta = m.kind() == pb::TRANSACTION_KIND_INCOME ? m.amount_minor()
                                                               : -m.amount_minor();
    // The account core rejected every overflowing transaction before it was
    // written, so the sum of the log fits.
    const bool overflow = __builtin_add_overflow(row->balance_minor, delta, &row->balance_minor);
    assert(!overflow);
    (void) overflow;
  }
  if (row) {
    row->version = e.version;
    row->position = e.position;
  }
  return done{};
}

result<std::optional<balance_row>> find_balance(const event_store& store,
                                                const std::string& account_id) {
  auto bytes = store.read_model_get(balances_projection.family, account_id);
  if (!bytes)
    return bytes.error();
  if (!*bytes)
    return std::optional<balance_row>{};
  auto row = decode_row(**bytes);
  if (!row)
    return row.error();
  return std::optional<balance_row>{std::move(*row)};
}

result<balance_row> open_balance_row(const event_store& store, balance_row row) {
  auto key = store.subject_key(row.owner_id);
  if (!key)
    return key.error();
  const sealer seal{key->value_or(""), std::string(account_prefix) + row.account_id};
  auto name = seal.open_field("name", row.name);
  if (!name)
    return make_failure(store_errc::corrupt, "the name of account " + row.account_id
                                               + " does not open under its owner's key");
  row.name = std::move(*name);
  return row;
}

std::string owner_index_key(std::string_view owner_id, std::string_view account_id) {
  std::string key = "o:";
  key.append(owner_id).append(1, '\0').append(account_id);
  return key;
}

result<std::vector<balance_row>> balance_rows_owned_by(const event_store& store,
                                                      const std::string& owner_id,
                                                      const std::string& after,
                                                      std::size_t limit) {
  // The owner's index entries, from just after `after`, in account id order.
  const auto prefix = owner_index_key(owner_id, "");
  std::vector<std::string> ids;
  auto scanned = store.scan_read_model(
    balances_projection.family, owner_index_key(owner_id, after) + std::string(1, '\0'),
    [&](std::string_view key, std::string_view) {
      if (!key.starts_with(prefix) || ids.size() >= limit)
        return false;
      ids.emplace_back(key.substr(prefix.size()));
      return true;
    });
  if (!scanned)
    return scanned.error();
  std::vector<balance_row> out;
  for (const auto& id : ids) {
    auto bytes = store.read_model_get(balances_projection.family, id);
    if (!bytes)
      return bytes.error();
    if (!*bytes)
      return make_failure(store_errc::corrupt, "an owner index names a missing account row");
    auto row = decode_row(**bytes);
    if (!row)
      return row.error();
    out.push_back(std::move(*row));
  }
  return out;
}

result<std::vector<read_model_put>> fold_balances(const event_store& store, std::string_view,
                                                  std::span<const recorded_event> events) {
  std::map<std::string, std::optional<balance_row>> touched;
  for (const auto& e : events) {
    if (!e.stream_id.starts_with(account_prefix))
      continue;
    const auto id = e.stream_id.substr(account_prefix.size());
    auto it = touched.find(id);
    if (it == touched.end()) {
      auto existing = find_balance(store, id);
      if (!existing)
        return existing.error();
      it = touched.emplace(id, std::move(*existing)).first;
    }
    if (auto applied = apply_balance_event(it->second, e); !applied)
      return applied.error();
  }
  std::vector<read_model_put> puts;
  for (const auto& [id, row] : touched)
    if (row) {
      puts.push_back({id, encode_row(*row)});
      puts.push_back({owner_index_key(row->owner_id, id), ""});
    }
  return puts;
}

} // namespace pfms
