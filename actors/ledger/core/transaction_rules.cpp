// The account core's decisions on transactions: record, amend, void. Pure.

#include "actors/ledger/core/account_checks.hpp"
#include "actors/ledger/core/account_core.hpp"
#include "actors/ledger/core/account_error.hpp"
#include "events/money.hpp"

#include <algorithm>

namespace pfms {

namespace {

using actors::internal::check_text;
using actors::internal::has_control_characters;
using actors::internal::writable;

// A transaction's content on its own: a positive amount, bounded text, and
// split lines that sum exactly to the amount (the caller gives every line in
// minor units: nothing is rounded).
status check_content(const transaction_recorded& t) {
  if (t.amount_minor <= 0)
    return make_failure(account_errc::invalid_amount, "amount_minor must be greater than 0");
  for (auto [text, size_max, field] : {std::tuple{&t.category, category_size_max, "category"},
                                       std::tuple{&t.note, note_size_max, "note"},
                                       std::tuple{&t.payee, payee_size_max, "payee"}})
    if (auto ok = check_text(*text, size_max, field); !ok)
      return ok;
  if (t.tags.size() > tags_max)
    return make_failure(account_errc::invalid_text, "at most 20 tags");
  for (const auto& tag : t.tags)
    if (tag.empty() || tag.size() > tag_size_max || has_control_characters(tag))
      return make_failure(account_errc::invalid_text,
                          "a tag must be 1 to 32 bytes without control characters");
  if (t.splits.size() > splits_max)
    return make_failure(account_errc::invalid_split, "at most 50 split lines");
  std::int64_t sum = 0;
  for (const auto& line : t.splits) {
    if (line.amount_minor <= 0)
      return make_failure(account_errc::invalid_split, "every split line must be greater than 0");
    if (auto ok = check_text(line.category, category_size_max, "a split line's category"); !ok)
      return ok;
    if (__builtin_add_overflow(sum, line.amount_minor, &sum))
      return make_failure(account_errc::invalid_split, "the split lines overflow");
  }
  if (!t.splits.empty() && sum != t.amount_minor)
    return make_failure(account_errc::invalid_split,
                        "the split lines sum to " + std::to_string(sum) + ", not "
                          + std::to_string(t.amount_minor));
  return done{};
}

std::int64_t signed_amount(const transaction_recorded& t) {
  return t.kind == transaction_kind::income ? t.amount_minor : -t.amount_minor;
}

// The balance after replacing `before` (0 for none) by `after` (0 for none),
// refused when it overflows or, moving down, passes the credit limit.
status check_balance(const account_state& s, std::int64_t before, std::int64_t after) {
  std::int64_t balance = 0;
  if (__builtin_sub_overflow(s.balance_minor, before, &balance)
      || __builtin_add_overflow(balance, after, &balance))
    return make_failure(account_errc::amount_overflow, "the balance would overflow");
  if (balance < s.balance_minor && balance < -s.credit_limit_minor)
    return make_failure(account_errc::insufficient_funds,
                        "the change takes the balance past its credit limit");
  return done{};
}

// A change to a transaction that occurred at `occurred_at_us` inside the
// reconciled period needs `override_lock`.
status unlocked(const account_state& s, time_us occurred_at_us, bool override_lock) {
  if (s.locked_until_us != 0 && occurred_at_us <= s.locked_until_us && !override_lock)
    return make_failure(account_errc::period_locked,
                        "the transaction falls in a reconciled period; set override_lock to "
                        "change it anyway (the change is recorded as such)");
  return done{};
}

// The live transaction `id` of the account.
result<const transaction_entry*> live_transaction(const account_state& s, const std::string& id) {
  auto it = s.transactions.find(id);
  if (it == s.transactions.end())
    return make_failure(account_errc::transaction_not_found, "no such transaction");
  if (it->second.voided)
    return make_failure(account_errc::transaction_voided, "the transaction is voided");
  return &it->second;
}

// `now` with the fields `c.set` names replaced.
result<transaction_recorded> amended(transaction_recorded now, const amend_transaction& c) {
  if ((c.set & amend_kind) != 0) {
    auto kind = parse_transaction_kind(c.kind);
    if (!kind)
      return kind.error();
    now.kind = *kind;
  }
  if ((c.set & amend_amount) != 0)
    now.amount_minor = c.amount_minor;
  if ((c.set & amend_occurred_at) != 0)
    now.occurred_at_us = c.occurred_at_us;
  if ((c.set & amend_category) != 0)
    now.category = c.category;
  if ((c.set & amend_note) != 0)
    now.note = c.note;
  if ((c.set & amend_payee) != 0)
    now.payee = c.payee;
  if ((c.set & amend_tags) != 0)
    now.tags = c.tags;
  if ((c.set & amend_splits) != 0)
    now.splits = c.splits;
  return now;
}

} // namespace

result<std::vector<account_event>> decide(const account_state& state,
                                          const record_transaction& c) {
  if (auto ok = writable(state, c.caller_id); !ok)
    return ok.error();
  if (state.transactions.contains(c.transaction_id))
    return make_failure(account_errc::transaction_exists, "the transaction is already recorded");
  auto kind = parse_transaction_kind(c.kind);
  if (!kind)
    return kind.error();
  if (auto unit = currency::parse(c.currency); !unit)
    return unit.error();
  if (c.currency != state.currency)
    return make_failure(account_errc::currency_mismatch,
                        "the account's currency is " + state.currency);
  transaction_recorded event{c.transaction_id, *kind,   c.amount_minor, c.currency,
                             c.occurred_at_us, c.category, c.note,      c.payee,
                             c.tags,           c.splits};
  if (auto ok = check_content(event); !ok)
    return ok.error();
  if (auto ok = unlocked(state, event.occurred_at_us, c.override_lock); !ok)
    return ok.error();
  if (auto ok = check_balance(state, 0, signed_amount(event)); !ok)
    return ok.error();
  return std::vector<account_event>{std::move(event)};
}

result<std::vector<account_event>> decide(const account_state& state,
                                          const amend_transaction& c) {
  if (auto ok = writable(state, c.caller_id); !ok)
    return ok.error();
  auto entry = live_transaction(state, c.transaction_id);
  if (!entry)
    return entry.error();
  auto now = amended((*entry)->content, c);
  if (!now)
    return now.error();
  if (*now == (*entry)->content)
    return std::vector<account_event>{};
  if (auto ok = check_content(*now); !ok)
    return ok.error();
  const auto& before = (*entry)->content;
  if (auto ok = unlocked(state, std::min(before.occurred_at_us, now->occurred_at_us),
                         c.override_lock);
      !ok)
    return ok.error();
  if (auto ok = check_balance(state, signed_amount(before), signed_amount(*now)); !ok)
    return ok.error();
  return std::vector<account_event>{transaction_amended{before, std::move(*now), c.override_lock}};
}

result<std::vector<account_event>> decide(const account_state& state,
                                          const void_transaction& c) {
  if (auto ok = writable(state, c.caller_id); !ok)
    return ok.error();
  auto entry = live_transaction(state, c.transaction_id);
  if (!entry)
    return entry.error();
  if (auto ok = unlocked(state, (*entry)->content.occurred_at_us, c.override_lock); !ok)
    return ok.error();
  if (auto ok = check_balance(state, signed_amount((*entry)->content), 0); !ok)
    return ok.error();
  return std::vector<account_event>{transaction_voided{(*entry)->content, c.override_lock}};
}

result<std::int64_t> balance_at(const account_state& state, time_us date) {
  std::int64_t sum = state.opening_balance_minor;
  bool overflow = false;
  auto add = [&](time_us at, std::int64_t amount) {
    overflow = overflow || (at <= date && __builtin_add_overflow(sum, amount, &sum));
  };
  for (const auto& [id, entry] : state.transactions)
    if (!entry.voided)
      add(entry.content.occurred_at_us, signed_amount(entry.content));
  // A transfer's legs count at its instant; a released one never left.
  for (const auto& [id, out] : state.transfers_out)
    if (out.status != transfer_status::released)
      add(out.hold.occurred_at_us, -out.hold.amount_minor);
  for (const auto& [id, in] : state.transfers_in)
    add(in.occurred_at_us, in.amount_minor);
  if (overflow)
    return make_failure(account_errc::amount_overflow, "the balance at that date overflows");
  return sum;
}

result<std::vector<account_event>> decide(const account_state& state,
                                          const reconcile_account& c) {
  if (auto ok = writable(state, c.caller_id); !ok)
    return ok.error();
  auto computed = balance_at(state, c.statement_date_us);
  if (!computed)
    return computed.error();
  // The answer reports the difference: it must fit too.
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(c.statement_balance_minor, *computed, &difference))
    return make_failure(account_errc::amount_overflow, "the statement balance is out of range");
  return std::vector<account_event>{account_reconciled{
    c.statement_date_us, c.statement_balance_minor, *computed,
    *computed == c.statement_balance_minor}};
}

} // namespace pfms
