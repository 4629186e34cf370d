#include "actors/ledger/account_codec.hpp"

#include "actors/ledger/internal/transfer_codec.hpp"
#include "actors/runtime/codec_support.hpp"
#include "actors/runtime/event_codec.hpp"
#include "events/proto/account.pb.h"
#include "events/store_error.hpp"

#include <tuple>

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


std::optional<account_event> read(const pb::AccountOpened& m, const sealer& seal) {
  auto kind = parse_account_kind(m.kind());
  auto name = kind ? seal.open_field("name", m.name()) : std::nullopt;
  if (!kind || !name)
    return std::nullopt;
  return account_opened{m.account_id(), std::move(*name), *kind, m.currency(),
                        m.opening_balance_minor(), m.credit_limit_minor(), m.owner_id()};
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

std::optional<account_event> read(const pb::TransactionAmended& m, const sealer& seal) {
  auto now = m.has_now() ? read(m.now(), seal) : std::nullopt;
  auto before = m.has_before() ? read(m.before(), seal) : std::nullopt;
  if (!now || !before)
    return std::nullopt;
  return transaction_amended{std::move(*before), std::move(*now), m.override_lock()};
}

std::optional<account_event> read(const pb::TransactionVoided& m, const sealer& seal) {
  auto before = m.has_before() ? read(m.before(), seal) : std::nullopt;
  if (!before)
    return std::nullopt;
  return transaction_voided{std::move(*before), m.override_lock()};
}

std::optional<account_event> read(const pb::AccountRenamed& m, const sealer& seal) {
  auto name = seal.open_field("name", m.name());
  if (!name)
    return std::nullopt;
  return account_renamed{std::move(*name)};
}

account_event read(const pb::AccountClosed&, const sealer&) { return account_closed{}; }

account_event read(const pb::AccountReconciled& m, const sealer&) {
  return account_reconciled{m.statement_date_us(), m.statement_balance_minor(),
                            m.computed_balance_minor(), m.matched()};
}

template <class Transfer>
  requires requires(const Transfer& m) { actors::internal::transfer_event(m); }
std::optional<account_event> read(const Transfer& m, const sealer&) {
  return actors::internal::transfer_event(m);
}

using account_codec = runtime::event_codec<
  account_event, runtime::stored_as<"AccountOpened", account_opened, pb::AccountOpened>,
  runtime::stored_as<"TransactionRecorded", transaction_recorded, pb::TransactionRecorded>,
  runtime::stored_as<"AccountRenamed", account_renamed, pb::AccountRenamed>,
  runtime::stored_as<"AccountClosed", account_closed, pb::AccountClosed>,
  runtime::stored_as<"TransactionAmended", transaction_amended, pb::TransactionAmended>,
  runtime::stored_as<"TransactionVoided", transaction_voided, pb::TransactionVoided>,
  runtime::stored_as<"AccountReconciled", account_reconciled, pb::AccountReconciled>,
  runtime::stored_as<"TransferHeld", transfer_held, pb::TransferHeld>,
  runtime::stored_as<"TransferCredited", transfer_credited, pb::TransferCredited>,
  runtime::stored_as<"TransferSettled", transfer_settled, pb::TransferSettled>,
  runtime::stored_as<"TransferReleased", transfer_released, pb::TransferReleased>,
  runtime::stored_as<"TransferClaimed", transfer_claimed, pb::TransferClaimed>>;

} // namespace

result<transaction_recorded> decode_transaction(std::string_view bytes, const sealer& seal) {
  pb::TransactionRecorded m;
  auto t = m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ? read(m, seal)
                                                                          : std::nullopt;
  if (!t)
    return make_failure(store_errc::corrupt, "a transaction does not decode or open");
  return std::move(*t);
}

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
  return account_codec::encode(event, std::move(meta),
                               [&](const auto& e) { return payload_of(e, seal); });
}

result<account_event> decode_account_event(const recorded_event& e, const sealer& seal) {
  return account_event_decoder().decode(e, seal);
}

struct account_event_decoder::messages {
  std::tuple<pb::AccountOpened, pb::TransactionRecorded> reused;
};

account_event_decoder::account_event_decoder() : messages_(new messages) {}

account_event_decoder::~account_event_decoder() {
  delete messages_;
}

result<account_event> account_event_decoder::decode(const recorded_event& e,
                                                    const sealer& seal) {
  return account_codec::decode(e, [&](const auto& m) { return read(m, seal); },
                               &messages_->reused);
}

} // namespace pfms
