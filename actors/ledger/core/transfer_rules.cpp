// The account core's decisions on transfers: hold, credit, settle, release. Pure.

#include "actors/ledger/core/transfer_rules.hpp"

#include "actors/ledger/core/account_checks.hpp"
#include "actors/ledger/core/account_error.hpp"
#include "events/money.hpp"
#include "events/store_error.hpp"

#include <cassert>

namespace pfms {

namespace {

using actors::internal::writable;

status check_amounts(const account_state& s, const hold_transfer& c) {
  if (c.amount_minor <= 0 || c.to_amount_minor < 0)
    return make_failure(account_errc::invalid_amount, "amounts must be greater than 0");
  if (c.currency != s.currency)
    return make_failure(account_errc::currency_mismatch,
                        "the source account is in " + s.currency + ", not " + c.currency);
  if (auto unit = currency::parse(c.to_currency); !unit)
    return unit.error();
  if (c.to_currency != s.currency && c.to_amount_minor == 0)
    return make_failure(account_errc::to_amount_required,
                        "a transfer into " + c.to_currency
                          + " needs to_amount_minor: the amount that arrives");
  if (c.to_currency == s.currency && c.to_amount_minor != 0
      && c.to_amount_minor != c.amount_minor)
    return make_failure(account_errc::invalid_amount,
                        "within one currency to_amount_minor must equal amount_minor");
  return done{};
}

// The hold as it would be written; the destination amount filled in.
transfer_held hold_of(const hold_transfer& c) {
  return {c.transfer_id,
          c.to_account_id,
          c.amount_minor,
          c.to_currency,
          c.to_amount_minor == 0 ? c.amount_minor : c.to_amount_minor,
          c.to_owner_id,
          c.occurred_at_us};
}

void move_balance(account_state& s, std::int64_t delta) {
  const bool overflow = __builtin_add_overflow(s.balance_minor, delta, &s.balance_minor);
  assert(!overflow);
  (void) overflow;
}

} // namespace

result<std::vector<account_event>> decide(const account_state& s, const hold_transfer& c) {
  if (auto ok = writable(s, c.caller_id); !ok)
    return ok.error();
  if (c.to_account_id == s.account_id)
    return make_failure(account_errc::same_account, "a transfer needs two accounts");
  if (auto it = s.transfers_out.find(c.transfer_id); it != s.transfers_out.end()) {
    // A retry may leave out what the first try's saga filled in.
    auto retry = c;
    if (retry.to_currency.empty())
      retry.to_currency = it->second.hold.to_currency;
    if (retry.occurred_at_us == 0)
      retry.occurred_at_us = it->second.hold.occurred_at_us;
    if (check_amounts(s, retry) && hold_of(retry) == it->second.hold)
      return std::vector<account_event>{};
    return make_failure(account_errc::transfer_exists,
                        "transfer " + c.transfer_id + " was another transfer");
  }
  if (auto ok = check_amounts(s, c); !ok)
    return ok.error();
  std::int64_t after = 0;
  if (__builtin_sub_overflow(s.balance_minor, c.amount_minor, &after)
      || after < -s.credit_limit_minor)
    return make_failure(account_errc::insufficient_funds,
                        "the balance is " + std::to_string(s.balance_minor)
                          + " and the credit limit " + std::to_string(s.credit_limit_minor));
  return std::vector<account_event>{hold_of(c)};
}

result<std::vector<account_event>> decide(const account_state& s, const credit_transfer& c) {
  if (auto ok = writable(s, c.caller_id); !ok)
    return ok.error();
  const transfer_credited credit{c.transfer_id,   c.from_account_id,   c.amount_minor,
                                 c.from_currency, c.from_amount_minor, c.occurred_at_us};
  if (auto it = s.transfers_in.find(c.transfer_id); it != s.transfers_in.end()) {
    if (it->second == credit)
      return std::vector<account_event>{};
    return make_failure(account_errc::transfer_exists,
                        "transfer " + c.transfer_id + " arrived as another transfer");
  }
  if (c.amount_minor <= 0 || c.from_amount_minor <= 0)
    return make_failure(account_errc::invalid_amount, "amounts must be greater than 0");
  if (c.currency != s.currency)
    return make_failure(account_errc::currency_mismatch,
                        "the destination account is in " + s.currency + ", not " + c.currency);
  std::int64_t after = 0;
  if (__builtin_add_overflow(s.balance_minor, c.amount_minor, &after))
    return make_failure(account_errc::amount_overflow, "the balance would overflow");
  return std::vector<account_event>{credit};
}

result<std::vector<account_event>> decide(const account_state& s, const settle_transfer& c) {
  auto it = s.transfers_out.find(c.transfer_id);
  if (it == s.transfers_out.end())
    return make_failure(account_errc::transfer_not_found, "no such transfer");
  if (it->second.status != transfer_status::held)
    return std::vector<account_event>{};
  return std::vector<account_event>{transfer_settled{c.transfer_id}};
}

result<std::vector<account_event>> decide(const account_state& s, const release_transfer& c) {
  auto it = s.transfers_out.find(c.transfer_id);
  if (it == s.transfers_out.end())
    return make_failure(account_errc::transfer_not_found, "no such transfer");
  if (it->second.status != transfer_status::held)
    return std::vector<account_event>{};
  std::int64_t after = 0;
  // The amount left this balance, so it fits back unless other income filled
  // it meanwhile; then the hold stays until it fits.
  if (__builtin_add_overflow(s.balance_minor, it->second.hold.amount_minor, &after))
    return make_failure(account_errc::amount_overflow, "the balance would overflow");
  return std::vector<account_event>{
    transfer_released{c.transfer_id, c.reason, it->second.hold}};
}

result<std::vector<account_event>> decide(const account_state& s, const claim_transfer& c) {
  if (!s.opened || s.owner_id != c.caller_id) // another user's answers as a missing one
    return make_failure(account_errc::account_not_found, "no such account");
  auto it = s.transfers_out.find(c.transfer_id);
  if (it == s.transfers_out.end() || it->second.status != transfer_status::settled)
    return make_failure(account_errc::transfer_not_found,
                        "no completed transfer " + c.transfer_id + " from this account");
  const auto& current = it->second.claim;
  if (c.claim.empty())
    return make_failure(account_errc::invalid_text, "a claim names what it is for");
  if (c.release)
    return current == c.claim ? std::vector<account_event>{transfer_claimed{c.transfer_id, ""}}
                              : std::vector<account_event>{};
  if (current == c.claim)
    return std::vector<account_event>{};
  if (!current.empty())
    return make_failure(account_errc::transfer_claimed,
                        "transfer " + c.transfer_id + " already backs settlement " + current);
  return std::vector<account_event>{transfer_claimed{c.transfer_id, c.claim}};
}

std::string refusal_code(const failure& f) {
  if (f.domain == error_domain::account)
    return std::string(code_name(static_cast<account_errc>(f.code)));
  if (f.domain == error_domain::store)
    return std::string(code_name(static_cast<store_errc>(f.code)));
  return "refused";
}

bool is_final_refusal(const failure& refusal) {
  return refusal.domain == error_domain::account
         || (refusal.domain == error_domain::store
             && refusal.code == static_cast<std::uint8_t>(store_errc::subject_erased))
         || refusal.domain == error_domain::money;
}

} // namespace pfms

namespace pfms::actors::internal {

account_state apply(account_state s, const transfer_held& e) {
  assert(s.opened && !s.closed && e.amount_minor > 0 && e.to_amount_minor > 0);
  assert(!s.transfers_out.contains(e.transfer_id));
  move_balance(s, -e.amount_minor);
  assert(s.balance_minor >= -s.credit_limit_minor);
  s.transfers_out.emplace(e.transfer_id, outgoing_transfer{e, transfer_status::held, {}});
  return s;
}

account_state apply(account_state s, const transfer_credited& e) {
  assert(s.opened && !s.closed && e.amount_minor > 0);
  assert(!s.transfers_in.contains(e.transfer_id));
  move_balance(s, e.amount_minor);
  s.transfers_in.emplace(e.transfer_id, e);
  return s;
}

account_state apply(account_state s, const transfer_settled& e) {
  auto& out = s.transfers_out.at(e.transfer_id);
  assert(out.status == transfer_status::held);
  out.status = transfer_status::settled;
  return s;
}

account_state apply(account_state s, const transfer_released& e) {
  auto& out = s.transfers_out.at(e.transfer_id);
  assert(out.status == transfer_status::held && e.held == out.hold);
  move_balance(s, out.hold.amount_minor);
  out.status = transfer_status::released;
  out.reason = e.reason;
  return s;
}

account_state apply(account_state s, const transfer_claimed& e) {
  auto& out = s.transfers_out.at(e.transfer_id);
  assert(out.status == transfer_status::settled && (out.claim.empty() != e.claim.empty()));
  out.claim = e.claim;
  return s;
}

} // namespace pfms::actors::internal
