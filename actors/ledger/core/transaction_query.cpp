#include "actors/ledger/core/transaction_query.hpp"

#include <algorithm>
#include <cctype>

namespace pfms {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool has_category(const transaction_recorded& t, const std::string& category) {
  return t.category == category
         || std::any_of(t.splits.begin(), t.splits.end(),
                        [&](const split_line& l) { return l.category == category; });
}

} // namespace

bool transaction_passes(const transaction_entry& e, const transaction_filter& f) {
  const auto& t = e.content;
  if (e.voided && !f.include_voided)
    return false;
  if ((f.occurred_from && t.occurred_at_us < *f.occurred_from)
      || (f.occurred_until && t.occurred_at_us >= *f.occurred_until))
    return false;
  if ((f.amount_min && t.amount_minor < *f.amount_min)
      || (f.amount_max && t.amount_minor > *f.amount_max))
    return false;
  if (f.category && !has_category(t, *f.category))
    return false;
  if (f.tag && std::find(t.tags.begin(), t.tags.end(), *f.tag) == t.tags.end())
    return false;
  return !f.payee_text || lower(t.payee).find(lower(*f.payee_text)) != std::string::npos;
}

namespace {

// Newest first: later occurred time, then the larger id.
bool newer(time_us a_at, const std::string& a_id, time_us b_at, const std::string& b_id) {
  return a_at != b_at ? a_at > b_at : a_id > b_id;
}

} // namespace

std::vector<transfer_leg> transfer_legs_of(const account_state& a) {
  std::vector<transfer_leg> legs;
  for (const auto& [id, out] : a.transfers_out) {
    const auto& h = out.hold;
    legs.push_back({id, true, h.to_account_id, h.amount_minor, a.currency, h.to_amount_minor,
                    h.to_currency, h.occurred_at_us, out.status == transfer_status::released});
  }
  for (const auto& [id, in] : a.transfers_in)
    legs.push_back({id, false, in.from_account_id, in.amount_minor, a.currency,
                    in.from_amount_minor, in.from_currency, in.occurred_at_us, false});
  return legs;
}

listed_transaction listed_leg(std::string account_id, transfer_leg leg) {
  transaction_recorded t;
  t.transaction_id = leg.transfer_id + (leg.outgoing ? "/out" : "/in");
  t.kind = leg.outgoing ? transaction_kind::expense : transaction_kind::income;
  t.amount_minor = leg.amount_minor;
  t.currency = leg.currency;
  t.occurred_at_us = leg.occurred_at_us;
  const bool released = leg.released;
  return {std::move(account_id), {std::move(t), released}, std::move(leg)};
}

std::vector<listed_transaction>
select_transactions(const std::vector<account_state>& accounts, const transaction_filter& filter,
                    const std::optional<transaction_cursor>& after, std::size_t limit) {
  std::vector<listed_transaction> out;
  auto wanted = [&](const transaction_entry& e) {
    return transaction_passes(e, filter)
           && (!after || newer(after->occurred_at_us, after->transaction_id,
                               e.content.occurred_at_us, e.content.transaction_id));
  };
  for (const auto& account : accounts) {
    if (filter.account_id && account.account_id != *filter.account_id)
      continue;
    for (const auto& [id, entry] : account.transactions)
      if (wanted(entry))
        out.push_back({account.account_id, entry});
    for (auto& leg : transfer_legs_of(account))
      if (auto line = listed_leg(account.account_id, std::move(leg)); wanted(line.entry))
        out.push_back(std::move(line));
  }
  std::sort(out.begin(), out.end(), [](const listed_transaction& a, const listed_transaction& b) {
    return newer(a.entry.content.occurred_at_us, a.entry.content.transaction_id,
                 b.entry.content.occurred_at_us, b.entry.content.transaction_id);
  });
  if (out.size() > limit)
    out.resize(limit);
  return out;
}

} // namespace pfms
