#include "actors/ledger/internal/transfer_codec.hpp"

namespace pfms::actors::internal {

namespace {

void fill(pb::TransferHeld& m, const transfer_held& e) {
  m.set_transfer_id(e.transfer_id);
  m.set_to_account_id(e.to_account_id);
  m.set_amount_minor(e.amount_minor);
  m.set_to_currency(e.to_currency);
  m.set_to_amount_minor(e.to_amount_minor);
  m.set_to_owner_id(e.to_owner_id);
  m.set_occurred_at_us(e.occurred_at_us);
}

void fill(pb::TransferCredited& m, const transfer_credited& e) {
  m.set_transfer_id(e.transfer_id);
  m.set_from_account_id(e.from_account_id);
  m.set_amount_minor(e.amount_minor);
  m.set_from_currency(e.from_currency);
  m.set_from_amount_minor(e.from_amount_minor);
  m.set_occurred_at_us(e.occurred_at_us);
}

transfer_held read(const pb::TransferHeld& m) {
  return {m.transfer_id(), m.to_account_id(),   m.amount_minor(),  m.to_currency(),
          m.to_amount_minor(), m.to_owner_id(), m.occurred_at_us()};
}

transfer_credited read(const pb::TransferCredited& m) {
  return {m.transfer_id(),       m.from_account_id(), m.amount_minor(), m.from_currency(),
          m.from_amount_minor(), m.occurred_at_us()};
}

// Amounts are > 0 in every transfer event the core writes.
bool plausible(const transfer_held& e) {
  return !e.transfer_id.empty() && e.amount_minor > 0 && e.to_amount_minor > 0;
}
bool plausible(const transfer_credited& e) {
  return !e.transfer_id.empty() && e.amount_minor > 0 && e.from_amount_minor > 0;
}

} // namespace

std::string transfer_payload(const transfer_held& e) {
  pb::TransferHeld m;
  fill(m, e);
  return m.SerializeAsString();
}

std::string transfer_payload(const transfer_credited& e) {
  pb::TransferCredited m;
  fill(m, e);
  return m.SerializeAsString();
}

std::string transfer_payload(const transfer_settled& e) {
  pb::TransferSettled m;
  m.set_transfer_id(e.transfer_id);
  return m.SerializeAsString();
}

std::string transfer_payload(const transfer_released& e) {
  pb::TransferReleased m;
  m.set_transfer_id(e.transfer_id);
  m.set_reason(e.reason);
  m.set_amount_minor(e.held.amount_minor);
  fill(*m.mutable_held(), e.held);
  return m.SerializeAsString();
}

std::string transfer_payload(const transfer_claimed& e) {
  pb::TransferClaimed m;
  m.set_transfer_id(e.transfer_id);
  m.set_claim(e.claim);
  return m.SerializeAsString();
}

std::optional<account_event> transfer_event(const pb::TransferHeld& m) {
  auto held = read(m);
  return plausible(held) ? std::optional<account_event>(std::move(held)) : std::nullopt;
}

std::optional<account_event> transfer_event(const pb::TransferCredited& m) {
  auto credited = read(m);
  return plausible(credited) ? std::optional<account_event>(std::move(credited)) : std::nullopt;
}

std::optional<account_event> transfer_event(const pb::TransferSettled& m) {
  return transfer_settled{m.transfer_id()};
}

std::optional<account_event> transfer_event(const pb::TransferReleased& m) {
  auto held = read(m.held());
  if (!plausible(held) || held.transfer_id != m.transfer_id()
      || held.amount_minor != m.amount_minor())
    return std::nullopt;
  return transfer_released{m.transfer_id(), m.reason(), std::move(held)};
}

std::optional<account_event> transfer_event(const pb::TransferClaimed& m) {
  if (m.transfer_id().empty())
    return std::nullopt;
  return transfer_claimed{m.transfer_id(), m.claim()};
}

} // namespace pfms::actors::internal
