#include "actors/ledger/account_codec.hpp"

#include "actors/ledger/internal/transfer_codec.hpp"
#include "actors/runtime/codec_support.hpp"
#include "events/proto/account.pb.h"
#include "events/store_error.hpp"

#include <cassert>

namespace pfms {

namespace {

using actors::internal::undecodable;

std::string payload_of(const account_opened& e, const sealer& seal) {
  pb::AccountOpened m;
  m.set_account_id(e.account_id);
  m.set_name(seal.seal_field("name", e.name));
  m.set_kind(std::string(to_string(e.kind)));
  m.set_currency(e.currency);
  m.set_opening_balance_minor(e.opening_balance_minor);
  m.set_credit_limit_minor(e.credit_limit_minor);
  m.set_owner_id(e.owner_id);
  return m.SerializeAsString();
}

void fill(pb::TransactionRecorded& m, const transaction_recorded& e, const sealer& seal) {
  m.set_transaction_id(e.transaction_id);
  m.set_kind(e.kind == transaction_kind::income ? pb::TRANSACTION_KIND_INCOME
                                                : pb::TRANSACTION_KIND_EXPENSE);
  m.set_amount_minor(e.amount_minor);
  m.set_currency(e.currency);
  m.set_occurred_at_us(e.occurred_at_us);
  m.set_sealed_category(seal.seal_field("category", e.category));
  m.set_note(seal.seal_field("note", e.note));
  m.set_payee(seal.seal_field("payee", e.payee));
  for (const auto& tag : e.tags)
    m.add_sealed_tags(seal.seal_field("tag", tag));
  for (const auto& line : e.splits) {
    auto* out = m.add_splits();
    out->set_sealed_category(seal.seal_field("category", line.category));
    out->set_amount_minor(line.amount_minor);
  }
}

// A field sealed since some version: its sealed bytes when set, else the
// plain text that events written before then carry.
std::optional<std::string> opened_or_plain(const sealer& seal, std::string_view field,
                                           const std::string& sealed, const std::string& plain) {
  return sealed.empty() ? std::optional<std::string>(plain) : seal.open_field(field, sealed);
}

// The tags of `m`: sealed ones opened, plain ones (older events) as they are.
std::optional<std::vector<std::string>> tags_of(const pb::TransactionRecorded& m,
                                                const sealer& seal) {
  std::vector<std::string> tags{m.tags().begin(), m.tags().end()};
  for (const auto& sealed : m.sealed_tags()) {
    auto tag = seal.open_field("tag", sealed);
    if (!tag)
      return std::nullopt;
    tags.push_back(std::move(*tag));
  }
  return tags;
}

std::string payload_of(const transaction_recorded& e, const sealer& seal) {
  pb::TransactionRecorded m;
  fill(m, e, seal);
  return m.SerializeAsString();
}

std::string payload_of(const transaction_amended& e, const sealer& seal) {
  pb::TransactionAmended m;
  fill(*m.mutable_now(), e.now, seal);
  fill(*m.mutable_before(), e.before, seal);
  m.set_override_lock(e.override_lock);
  return m.SerializeAsString();
}

std::string payload_of(const transaction_voided& e, const sealer& seal) {
  pb::TransactionVoided m;
  fill(*m.mutable_before(), e.before, seal);
  m.set_override_lock(e.override_lock);
  return m.SerializeAsString();
}

std::string payload_of(const account_reconciled& e, const sealer&) {
  pb::AccountReconciled m;
  m.set_statement_date_us(e.statement_date_us);
  m.set_statement_balance_minor(e.statement_balance_minor);
  m.set_computed_balance_minor(e.computed_balance_minor);
  m.set_matched(e.matched);
  return m.SerializeAsString();
}

std::string payload_of(const account_renamed& e, const sealer& seal) {
  pb::AccountRenamed m;
  m.set_name(seal.seal_field("name", e.name));
  return m.SerializeAsString();
}

std::string payload_of(const account_closed&, const sealer&) {
  return pb::AccountClosed().SerializeAsString();
}

template <class Transfer>
  requires requires(const Transfer& e) { actors::internal::transfer_payload(e); }
std::string payload_of(const Transfer& e, const sealer&) {
  return actors::internal::transfer_payload(e);
}

const char* type_of(const transfer_held&) { return "TransferHeld"; }
const char* type_of(const transfer_credited&) { return "TransferCredited"; }
const char* type_of(const transfer_settled&) { return "TransferSettled"; }
const char* type_of(const transfer_released&) { return "TransferReleased"; }
const char* type_of(const account_opened&) { return "AccountOpened"; }
const char* type_of(const transaction_recorded&) { return "TransactionRecorded"; }
const char* type_of(const account_renamed&) { return "AccountRenamed"; }
const char* type_of(const account_closed&) { return "AccountClosed"; }
const char* type_of(const transaction_amended&) { return "TransactionAmended"; }
const char* type_of(const transaction_voided&) { return "TransactionVoided"; }
const char* type_of(const account_reconciled&) { return "AccountReconciled"; }

result<account_event> decode_opened(const recorded_event& e, pb::AccountOpened& m,
                                    const sealer& seal) {
  auto kind = parse_account_kind(m.ParseFromString(e.payload) ? m.kind() : "");
  auto name = kind ? seal.open_field("name", m.name()) : std::nullopt;
  if (!kind || !name)
    return undecodable(e);
  return account_event{account_opened{m.account_id(), std::move(*name), *kind, m.currency(),
                                      m.opening_balance_minor(), m.credit_limit_minor(),
                                      m.owner_id()}};
}

std::optional<transaction_recorded> read(const pb::TransactionRecorded& m, const sealer& seal) {
  auto note = seal.open_field("note", m.note());
  auto payee = seal.open_field("payee", m.payee());
  auto category = opened_or_plain(seal, "category", m.sealed_category(), m.category());
  auto tags = tags_of(m, seal);
  if (!note || !payee || !category || !tags || m.kind() == pb::TRANSACTION_KIND_UNSPECIFIED)
    return std::nullopt;
  auto kind = m.kind() == pb::TRANSACTION_KIND_INCOME ? transaction_kind::income
                                                      : transaction_kind::expense;
  std::vector<split_line> splits;
  for (const auto& line : m.splits()) {
    auto split_category =
      opened_or_plain(seal, "category", line.sealed_category(), line.category());
    if (!split_category)
      return std::nullopt;
    splits.push_back({std::move(*split_category), line.amount_minor()});
  }
  return transaction_recorded{
    m.transaction_id(), kind, m.amount_minor(), m.currency(), m.occurred_at_us(),
    std::move(*category), std::move(*note), std::move(*payee), std::move(*tags),
    std::move(splits)};
}

result<account_event> decode_recorded(const recorded_event& e, pb::TransactionRecorded& m,
                                      const sealer& seal) {
  auto t = m.ParseFromString(e.payload) ? read(m, seal) : std::nullopt;
  if (!t)
    return undecodable(e);
  return account_event{std::move(*t)};
}

result<account_event> decode_amended(const recorded_event& e, const sealer& seal) {
  pb::TransactionAmended m;
  const bool parsed = m.ParseFromString(e.payload) && m.has_now() && m.has_before();
  auto now = parsed ? read(m.now(), seal) : std::nullopt;
  auto before = parsed ? read(m.before(), seal) : std::nullopt;
  if (!now || !before)
    return undecodable(e);
  return account_event{transaction_amended{std::move(*before), std::move(*now), m.override_lock()}};
}

result<account_event> decode_renamed(const recorded_event& e, const sealer& seal) {
  pb::AccountRenamed m;
  auto name = m.ParseFromString(e.payload) ? seal.open_field("name", m.name()) : std::nullopt;
  if (!name)
    return undecodable(e);
  return account_event{account_renamed{std::move(*name)}};
}

} // namespace

std::string account_stream(std::string_view account_id) {
  return "account-" + std::string(account_id);
}

sealer account_sealer(std::string_view account_id, std::string key) {
  return {std::move(key), account_stream(account_id)};
}

result<std::string> owner_of_opened(const recorded_event& e) {
  pb::AccountOpened m;
  if (e.type != "AccountOpened" || !m.ParseFromString(e.payload))
    return undecodable(e);
  return m.owner_id();
}

result<sealer> account_sealer_of(const event_store& store, const std::string& account_id) {
  auto first = store.read(account_stream(account_id), 1, 1);
  if (!first)
    return first.error();
  if (first->empty())
    return account_sealer(account_id, "");
  auto owner = owner_of_opened(first->front());
  if (!owner)
    return owner.error();
  auto key = store.subject_key(*owner);
  if (!key)
    return key.error();
  return account_sealer(account_id, key->value_or(""));
}

new_event encode_account_event(const account_event& event, event_metadata meta,
                               const sealer& seal) {
  return std::visit(
    [&](const auto& e) {
      return actors::internal::stored_event(type_of(e), payload_of(e, seal), std::move(meta));
    },
    event);
}

std::string encode_account_snapshot(const account_state& s, const sealer& seal) {
  assert(s.opened);
  pb::AccountSnapshot m;
  m.set_account_id(s.account_id);
  m.set_name(seal.seal_field("name", s.name));
  m.set_kind(std::string(to_string(s.kind)));
  m.set_currency(s.currency);
  m.set_balance_minor(s.balance_minor);
  m.set_credit_limit_minor(s.credit_limit_minor);
  m.set_version(s.version);
  m.set_owner_id(s.owner_id);
  m.set_closed(s.closed);
  m.set_opening_balance_minor(s.opening_balance_minor);
  m.set_locked_until_us(s.locked_until_us);
  actors::internal::put_transfers(m, s);
  for (const auto& [id, entry] : s.transactions) {
    auto* out = m.add_transactions();
    fill(*out->mutable_content(), entry.content, seal);
    out->set_voided(entry.voided);
  }
  return m.SerializeAsString();
}

result<account_state> decode_account_snapshot(std::string_view bytes, const sealer& seal) {
  pb::AccountSnapshot m;
  auto kind = parse_account_kind(
    m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ? m.kind() : "");
  auto name = kind ? seal.open_field("name", m.name()) : std::nullopt;
  auto corrupt = [] { return make_failure(store_errc::corrupt, "an account snapshot does not decode"); };
  if (!kind || !name || m.version() == 0)
    return corrupt();
  std::map<std::string, transaction_entry> transactions;
  for (const auto& t : m.transactions()) {
    auto content = read(t.content(), seal);
    if (!content)
      return corrupt();
    auto id = content->transaction_id;
    transactions.emplace(std::move(id), transaction_entry{std::move(*content), t.voided()});
  }
  account_state state{true,          m.account_id(),  std::move(*name),
                      *kind,         m.currency(),    m.balance_minor(),
                      m.credit_limit_minor(), m.version(), m.owner_id(),
                      m.closed(),    std::move(transactions),
                      m.opening_balance_minor(), m.locked_until_us()};
  if (!actors::internal::take_transfers(m, state))
    return corrupt();
  return state;
}

result<account_event> decode_account_event(const recorded_event& e, const sealer& seal) {
  return account_event_decoder().decode(e, seal);
}

struct account_event_decoder::messages {
  pb::AccountOpened opened;
  pb::TransactionRecorded recorded;
};

account_event_decoder::account_event_decoder() : messages_(new messages) {}

account_event_decoder::~account_event_decoder() {
  delete messages_;
}

result<account_event> account_event_decoder::decode(const recorded_event& e,
                                                    const sealer& seal) {
  if (e.type == "TransactionRecorded")
    return decode_recorded(e, messages_->recorded, seal);
  if (e.type == "AccountOpened")
    return decode_opened(e, messages_->opened, seal);
  if (e.type == "AccountRenamed")
    return decode_renamed(e, seal);
  if (e.type == "AccountClosed")
    return account_event{account_closed{}};
  if (e.type == "TransactionAmended")
    return decode_amended(e, seal);
  if (e.type == "TransactionVoided") {
    pb::TransactionVoided m;
    auto before = m.ParseFromString(e.payload) && m.has_before() ? read(m.before(), seal)
                                                                 : std::nullopt;
    if (!before)
      return undecodable(e);
    return account_event{transaction_voided{std::move(*before), m.override_lock()}};
  }
  if (auto transfer = actors::internal::decode_transfer_event(e)) {
    if (!*transfer)
      return undecodable(e);
    return std::move(**transfer);
  }
  if (e.type == "AccountReconciled") {
    pb::AccountReconciled m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    return account_event{account_reconciled{m.statement_date_us(), m.statement_balance_minor(),
                                            m.computed_balance_minor(), m.matched()}};
  }
  return undecodable(e);
}

} // namespace pfms
