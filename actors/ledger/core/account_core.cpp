#include "actors/ledger/core/account_core.hpp"

#include "actors/ledger/core/account_checks.hpp"
#include "actors/ledger/core/account_error.hpp"
#include "actors/ledger/core/transfer_rules.hpp"
#include "events/money.hpp"

#include <algorithm>
#include <cassert>

namespace pfms {

namespace {

constexpr std::pair<account_kind, std::string_view> account_kinds[] = {
  {account_kind::checking, "checking"},       {account_kind::savings, "savings"},
  {account_kind::credit_card, "credit_card"}, {account_kind::cash, "cash"},
  {account_kind::investment, "investment"},   {account_kind::loan, "loan"},
};

} // namespace

namespace actors::internal {

bool has_control_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

status check_text(std::string_view text, std::size_t size_max, std::string_view field) {
  if (text.size() > size_max || has_control_characters(text))
    return make_failure(account_errc::invalid_text,
                        std::string(field) + " must be at most " + std::to_string(size_max)
                          + " bytes without control characters");
  return done{};
}

status writable(const account_state& state, const std::string& caller) {
  if (!state.opened || state.owner_id != caller)
    return make_failure(account_errc::account_not_found, "no such account");
  if (state.closed)
    return make_failure(account_errc::account_closed, "the account is closed");
  return done{};
}

} // namespace actors::internal

namespace {

using actors::internal::check_text;
using actors::internal::has_control_characters;
using actors::internal::writable;

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t") == std::string_view::npos;
}

status check_name(std::string_view name) {
  if (is_blank(name) || name.size() > name_size_max || has_control_characters(name))
    return make_failure(account_errc::invalid_name,
                        "name must be 1 to 100 bytes without control characters");
  return done{};
}

status check_open(const open_account& c) {
  if (auto ok = check_name(c.name); !ok)
    return ok;
  if (auto kind = parse_account_kind(c.kind); !kind)
    return kind.error();
  if (auto unit = currency::parse(c.currency); !unit)
    return unit.error();
  if (c.credit_limit_minor < 0)
    return make_failure(account_errc::invalid_amount, "credit_limit_minor must not be negative");
  if (c.opening_balance_minor < -c.credit_limit_minor)
    return make_failure(account_errc::insufficient_funds,
                        "opening balance is below the credit limit");
  return done{};
}

} // namespace

result<account_kind> parse_account_kind(std::string_view text) {
  for (const auto& [kind, name] : account_kinds)
    if (name == text)
      return kind;
  return make_failure(account_errc::invalid_kind,
                      "kind must be checking, savings, credit_card, cash, investment or loan");
}

std::string_view to_string(account_kind kind) {
  for (const auto& [k, name] : account_kinds)
    if (k == kind)
      return name;
  return "unknown";
}

result<transaction_kind> parse_transaction_kind(std::string_view text) {
  if (text == "income")
    return transaction_kind::income;
  if (text == "expense")
    return transaction_kind::expense;
  return make_failure(account_errc::invalid_kind, "kind must be income or expense");
}

std::string_view to_string(transaction_kind kind) {
  return kind == transaction_kind::income ? "income" : "expense";
}

result<std::vector<account_event>> decide(const account_state& state,
                                          const open_account& c) {
  if (state.opened)
    return make_failure(account_errc::account_exists, "the account is already open");
  if (auto valid = check_open(c); !valid)
    return valid.error();
  return std::vector<account_event>{
    account_opened{c.account_id, c.name, *parse_account_kind(c.kind), c.currency,
                   c.opening_balance_minor, c.credit_limit_minor, c.owner_id}};
}

result<std::vector<account_event>> decide(const account_state& state,
                                          const rename_account& c) {
  if (auto ok = writable(state, c.caller_id); !ok)
    return ok.error();
  if (auto ok = check_name(c.name); !ok)
    return ok.error();
  if (c.name == state.name)
    return std::vector<account_event>{};
  return std::vector<account_event>{account_renamed{c.name}};
}

result<std::vector<account_event>> decide(const account_state& state,
                                          const close_account& c) {
  if (auto ok = writable(state, c.caller_id); !ok)
    return ok.error();
  if (state.balance_minor != 0)
    return make_failure(account_errc::balance_not_zero,
                        "the balance is " + std::to_string(state.balance_minor)
                          + "; move it out first");
  // A held transfer may still be released back into the account.
  for (const auto& [id, out] : state.transfers_out)
    if (out.status == transfer_status::held)
      return make_failure(account_errc::balance_not_zero,
                          "transfer " + id + " out of the account is still pending");
  return std::vector<account_event>{account_closed{}};
}

namespace {

account_state apply(account_state s, const account_opened& e) {
  assert(!s.opened);
  assert(e.credit_limit_minor >= 0);
  s.opened = true;
  s.account_id = e.account_id;
  s.name = e.name;
  s.kind = e.kind;
  s.currency = e.currency;
  s.balance_minor = e.opening_balance_minor;
  s.opening_balance_minor = e.opening_balance_minor;
  s.credit_limit_minor = e.credit_limit_minor;
  s.owner_id = e.owner_id;
  return s;
}

account_state apply(account_state s, const account_renamed& e) {
  assert(s.opened && !s.closed);
  s.name = e.name;
  return s;
}

account_state apply(account_state s, const account_closed&) {
  assert(s.opened && !s.closed && s.balance_minor == 0);
  s.closed = true;
  return s;
}

std::int64_t signed_amount(const transaction_recorded& t) {
  return t.kind == transaction_kind::income ? t.amount_minor : -t.amount_minor;
}

// Moves the balance by `delta`; decide refused every change that overflows.
void move_balance(account_state& s, std::int64_t delta) {
  const bool overflow = __builtin_add_overflow(s.balance_minor, delta, &s.balance_minor);
  assert(!overflow);
  (void) overflow;
}

account_state apply(account_state s, const transaction_recorded& e) {
  assert(s.opened && !s.closed);
  assert(e.amount_minor > 0);
  assert(e.currency == s.currency);
  assert(!s.transactions.contains(e.transaction_id));
  move_balance(s, signed_amount(e));
  s.transactions.emplace(e.transaction_id, transaction_entry{e, false, s.version + 1});
  return s;
}

account_state apply(account_state s, const transaction_amended& e) {
  auto& entry = s.transactions.at(e.now.transaction_id);
  assert(s.opened && !s.closed && !entry.voided && e.now.amount_minor > 0);
  assert(entry.content == e.before && e.before.transaction_id == e.now.transaction_id);
  // The two steps decide checked, in its order: out with the old, in with the new.
  move_balance(s, -signed_amount(entry.content));
  move_balance(s, signed_amount(e.now));
  entry.content = e.now;
  entry.version = s.version + 1;
  return s;
}

account_state apply(account_state s, const account_reconciled& e) {
  assert(s.opened);
  if (e.matched)
    s.locked_until_us = std::max(s.locked_until_us, e.statement_date_us);
  return s;
}

account_state apply(account_state s, const transaction_voided& e) {
  auto& entry = s.transactions.at(e.before.transaction_id);
  assert(s.opened && !s.closed && !entry.voided && entry.content == e.before);
  move_balance(s, -signed_amount(entry.content));
  entry.voided = true;
  entry.version = s.version + 1;
  return s;
}

// The transfer events' steps live with the transfer rules.
using actors::internal::apply;

} // namespace

account_state evolve(account_state state, const account_event& event) {
  auto next = std::visit([&](const auto& e) { return apply(std::move(state), e); }, event);
  ++next.version;
  return next;
}

} // namespace pfms
