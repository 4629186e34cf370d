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

std::vector<listed_transaction>
select_transactions(const std::vector<account_state>& accounts, const transaction_filter& filter,
                    const std::optional<transaction_cursor>& after, std::size_t limit) {
  std::vector<listed_transaction> out;
  for (const auto& account : accounts) {
    if (filter.account_id && account.account_id != *filter.account_id)
      continue;
    for (const auto& [id, entry] : account.transactions)
      if (transaction_passes(entry, filter)
          && (!after || newer(after->occurred_at_us, after->transaction_id,
                              entry.content.occurred_at_us, id)))
        out.push_back({account.account_id, entry});
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
