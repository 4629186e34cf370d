#include "actors/social/core/group_balances.hpp"

#include "actors/social/core/group_error.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <map>
#include <numeric>

namespace pfms {

namespace {

using pair_key = std::pair<std::string, std::string>; // (debtor, creditor)
// Sums of many debts between two members can pass int64 even while every
// balance fits (a owes b, b owes a, many times over): they are summed wide
// and checked when they are answered.
__extension__ using wide = __int128;

// The members in the group's order: the tie-break order everywhere.
std::vector<member_amount> ordered(const group_state& s, const currency_balances& b) {
  std::vector<member_amount> out;
  for (const auto& m : s.members)
    if (auto it = b.find(m.user_id); it != b.end() && it->second != 0)
      out.push_back({m.user_id, it->second});
  return out;
}

// Every entry of `code` that moved `user_id`'s balance, latest last, bounded.
std::vector<balance_entry> entries_of(const group_state& s, const std::string& code,
                                      const std::string& user_id) {
  std::vector<std::pair<std::uint64_t, balance_entry>> found;
  for (const auto& [id, e] : s.expenses) {
    if (e.deleted || e.currency != code)
      continue;
    std::int64_t delta = 0;
    for (const auto& p : e.paid)
      delta += p.user_id == user_id ? p.amount_minor : 0;
    for (const auto& o : e.owed)
      delta -= o.user_id == user_id ? o.amount_minor : 0;
    if (delta != 0)
      found.push_back({e.sequence, {id, "expense", e.description, delta}});
  }
  for (const auto& [id, t] : s.settlements) {
    const std::int64_t delta = t.currency != code ? 0
                               : t.from == user_id ? t.amount_minor
                               : t.to == user_id   ? -t.amount_minor
                                                   : 0;
    if (delta != 0)
      found.push_back({t.sequence, {id, "settlement", "settlement", delta}});
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<balance_entry> out;
  const auto skip = found.size() > explanation_entries_max
                      ? found.size() - explanation_entries_max : 0;
  for (std::size_t i = skip; i < found.size(); ++i)
    out.push_back(found[i].second);
  return out;
}

// One expense's debts: each member who owes more than they paid owes the
// members who paid more than they owe, in proportion to what those are owed.
void add_expense_debts(const group_expense& e, std::map<pair_key, wide>& owes) {
  std::map<std::string, std::int64_t> net;
  for (const auto& p : e.paid)
    net[p.user_id] += p.amount_minor;
  for (const auto& o : e.owed)
    net[o.user_id] -= o.amount_minor;
  std::vector<split_part> creditors;
  for (const auto& o : e.paid)
    if (net[o.user_id] > 0)
      creditors.push_back({o.user_id, net[o.user_id]});
  for (const auto& o : e.owed) {
    if (net[o.user_id] >= 0 || creditors.empty())
      continue;
    auto parts = split_amount(-net[o.user_id], split_method::shares, creditors);
    for (const auto& part : *parts)
      owes[{o.user_id, part.user_id}] += part.amount_minor;
  }
}

// Who owes whom, by member index: debts[i][j] > 0 when i owes j that much.
using debt_matrix = std::vector<std::vector<wide>>;

// A cycle of debts (member indices, each owing the next, the last the
// first) reached from `at`, or nothing; `state`: 0 unseen, 1 on the path, 2 done.
bool find_cycle(const debt_matrix& debts, std::size_t at, std::vector<int>& state,
                std::vector<std::size_t>& path) {
  state[at] = 1;
  path.push_back(at);
  for (std::size_t next = 0; next < debts.size(); ++next) {
    if (debts[at][next] <= 0 || state[next] == 2)
      continue;
    if (state[next] == 1) { // back on the path: the cycle starts at `next`
      path.erase(path.begin(), std::find(path.begin(), path.end(), next));
      return true;
    }
    if (find_cycle(debts, next, state, path))
      return true;
  }
  state[at] = 2;
  path.pop_back();
  return false;
}

// Takes every cycle out of `debts`: around a cycle, each debt drops by the
// least of them. Each member's balance stays what it was, and what is left
// has no cycle, so a group whose balances are all zero owes nothing. Each
// round clears at least one debt, so it ends.
void cancel_cycles(debt_matrix& debts) {
  for (;;) {
    std::vector<int> state(debts.size(), 0);
    std::vector<std::size_t> cycle;
    for (std::size_t start = 0; start < debts.size(); ++start)
      if (state[start] == 0 && find_cycle(debts, start, state, cycle))
        break;
    if (cycle.empty())
      return;
    wide least = debts[cycle[0]][cycle[1 % cycle.size()]];
    for (std::size_t k = 0; k < cycle.size(); ++k)
      least = std::min(least, debts[cycle[k]][cycle[(k + 1) % cycle.size()]]);
    assert(least > 0); // a cycle is made of debts
    for (std::size_t k = 0; k < cycle.size(); ++k)
      debts[cycle[k]][cycle[(k + 1) % cycle.size()]] -= least;
  }
}

// The debts of `code` per pair of members, netted per pair, then with their
// cycles taken out, in member order; `amount_overflow` when one left is past int64.
result<std::vector<currency_payment>> pairwise_debts(const group_state& s, const std::string& code) {
  std::map<pair_key, wide> owes;
  for (const auto& [id, e] : s.expenses)
    if (!e.deleted && e.currency == code)
      add_expense_debts(e, owes);
  for (const auto& [id, t] : s.settlements)
    if (t.currency == code)
      owes[{t.from, t.to}] -= t.amount_minor;
  const auto n = s.members.size();
  debt_matrix debts(n, std::vector<wide>(n, 0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const auto& a = s.members[i].user_id;
      const auto& b = s.members[j].user_id;
      const auto net = owes[{a, b}] - owes[{b, a}];
      if (net > 0)
        debts[i][j] = net;
      else
        debts[j][i] = -net;
    }
  cancel_cycles(debts);
  std::vector<currency_payment> out;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      const bool forward = debts[i][j] > 0;
      const auto debt = forward ? debts[i][j] : debts[j][i];
      if (debt <= 0)
        continue;
      if (debt > INT64_MAX)
        return make_failure(group_errc::amount_overflow,
                            "the debts between two members of the group leave int64");
      const auto& a = s.members[forward ? i : j].user_id;
      const auto& b = s.members[forward ? j : i].user_id;
      out.push_back({{a, b, static_cast<std::int64_t>(debt)}, code});
    }
  return out;
}

} // namespace

result<group_balances> balances_of(const group_state& s) {
  group_balances out;
  for (const auto& [code, balances] : s.balances) {
    const auto members = ordered(s, balances);
    for (const auto& m : members)
      out.balances.push_back({m.user_id, code, m.amount_minor});
    for (auto& pay : simplify_debts(members)) {
      auto from = entries_of(s, code, pay.from);
      auto to = entries_of(s, code, pay.to);
      out.simplified.push_back({std::move(pay), code, std::move(from), std::move(to)});
    }
    auto pairwise = pairwise_debts(s, code);
    if (!pairwise)
      return pairwise.error();
    for (auto& debt : *pairwise)
      out.pairwise.push_back(std::move(debt));
  }
  return out;
}

} // namespace pfms
