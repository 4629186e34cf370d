#include "actors/social/core/group_core.hpp"

#include "actors/ledger/core/account_checks.hpp"
#include "actors/social/core/group_checks.hpp"
#include "actors/social/core/group_error.hpp"
#include "events/money.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace pfms {

namespace actors::internal {

failure group_not_found() {
  return make_failure(group_errc::group_not_found, "no such group");
}

status group_writable(const group_state& s, const std::string& caller) {
  if (!s.created || !is_active_member(s, caller))
    return group_not_found();
  if (s.archived)
    return make_failure(group_errc::group_archived, "the group is archived");
  return done{};
}

status check_group_text(std::string_view text, std::size_t size_max, bool required,
                        std::string_view field) {
  const bool blank = text.find_first_not_of(" \t") == std::string_view::npos;
  if ((required && blank) || text.size() > size_max || has_control_characters(text))
    return make_failure(group_errc::invalid_name,
                        std::string(field) + " must be " + (required ? "1" : "0") + " to "
                          + std::to_string(size_max) + " bytes without control characters");
  return done{};
}

} // namespace actors::internal

namespace {

using namespace actors::internal;

failure not_found() {
  return group_not_found();
}

status check_amount(std::int64_t amount, const std::string& code) {
  if (amount <= 0 || amount > group_amount_max)
    return make_failure(group_errc::invalid_amount,
                        "amount_minor must be 1 to " + std::to_string(group_amount_max));
  if (auto unit = currency::parse(code); !unit)
    return unit.error();
  return done{};
}

status check_active(const group_state& s, const std::vector<member_amount>& list,
                    std::string_view what) {
  for (const auto& m : list)
    if (!is_active_member(s, m.user_id))
      return make_failure(group_errc::not_a_member,
                          std::string(what) + " " + m.user_id + " is not a member");
  return done{};
}

status check_payers(const group_state& s, const record_group_expense& c) {
  if (c.paid.empty() || c.paid.size() > split_parts_max)
    return make_failure(group_errc::invalid_payers, "an expense has 1 to 50 payers");
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < c.paid.size(); ++i) {
    const auto& p = c.paid[i];
    if (p.amount_minor <= 0 || __builtin_add_overflow(sum, p.amount_minor, &sum))
      return make_failure(group_errc::invalid_payers, "every payer's amount must be > 0");
    for (std::size_t j = 0; j < i; ++j)
      if (c.paid[j].user_id == p.user_id)
        return make_failure(group_errc::invalid_payers, "payer " + p.user_id + " appears twice");
  }
  if (sum != c.amount_minor)
    return make_failure(group_errc::invalid_payers,
                        "the payers paid " + std::to_string(sum) + ", not "
                          + std::to_string(c.amount_minor));
  return check_active(s, c.paid, "payer");
}

} // namespace

namespace actors::internal {

// The balances of `code` after adding `deltas`; `amount_overflow` past int64.
status check_fits(const group_state& s, const std::string& code,
                  const std::vector<member_amount>& deltas) {
  auto balances = s.balances.contains(code) ? s.balances.at(code) : currency_balances{};
  for (const auto& d : deltas)
    if (__builtin_add_overflow(balances[d.user_id], d.amount_minor, &balances[d.user_id]))
      return make_failure(group_errc::amount_overflow, "a balance would overflow");
  return done{};
}

// What an expense does to the balances: payers up, the owing down.
std::vector<member_amount> deltas_of(const group_expense& e, int sign) {
  std::vector<member_amount> out;
  for (const auto& p : e.paid)
    out.push_back({p.user_id, sign * p.amount_minor});
  for (const auto& o : e.owed)
    out.push_back({o.user_id, -sign * o.amount_minor});
  return out;
}

std::vector<member_amount> deltas_of(const group_settlement& t) {
  return {{t.from, t.amount_minor}, {t.to, -t.amount_minor}};
}

bool balance_zero(const group_state& s, const std::string& user_id) {
  return std::all_of(s.balances.begin(), s.balances.end(), [&](const auto& entry) {
    auto it = entry.second.find(user_id);
    return it == entry.second.end() || it->second == 0;
  });
}

} // namespace actors::internal

const group_member* find_member(const group_state& s, const std::string& user_id) {
  auto it = std::find_if(s.members.begin(), s.members.end(),
                         [&](const group_member& m) { return m.user_id == user_id; });
  return it == s.members.end() ? nullptr : &*it;
}

bool is_active_member(const group_state& s, const std::string& user_id) {
  const auto* m = find_member(s, user_id);
  return m != nullptr && m->status == member_status::active;
}

result<std::vector<group_event>> decide(const group_state& s, const create_group& c) {
  if (s.created)
    return make_failure(group_errc::group_exists, "the group exists");
  if (auto ok = check_group_text(c.name, group_name_size_max, true, "name"); !ok)
    return ok.error();
  if (auto unit = currency::parse(c.currency); !unit)
    return unit.error();
  return std::vector<group_event>{group_created{c.group_id, c.name, c.currency, c.caller_id}};
}

result<std::vector<group_event>> decide(const group_state& s, const invite_member& c) {
  if (auto ok = group_writable(s, c.caller_id); !ok)
    return ok.error();
  if (const auto* m = find_member(s, c.user_id); m && m->status != member_status::left)
    return make_failure(group_errc::already_member, c.user_id + " is invited or a member");
  const auto present = std::count_if(s.members.begin(), s.members.end(), [](const auto& m) {
    return m.status != member_status::left;
  });
  if (static_cast<std::size_t>(present) >= group_members_max)
    return make_failure(group_errc::members_max, "a group has at most 50 members");
  return std::vector<group_event>{member_invited{c.user_id, c.caller_id}};
}

result<std::vector<group_event>> decide(const group_state& s, const join_group& c) {
  const auto* m = s.created ? find_member(s, c.caller_id) : nullptr;
  if (m == nullptr || m->status == member_status::left)
    return not_found();
  if (s.archived)
    return make_failure(group_errc::group_archived, "the group is archived");
  if (m->status == member_status::active)
    return std::vector<group_event>{};
  return std::vector<group_event>{member_joined{c.caller_id}};
}

result<std::vector<group_event>> decide(const group_state& s, const leave_group& c) {
  if (auto ok = group_writable(s, c.caller_id); !ok)
    return ok.error();
  if (!balance_zero(s, c.caller_id))
    return make_failure(group_errc::balance_not_zero, "settle your balance before you leave");
  return std::vector<group_event>{member_left{c.caller_id}};
}

namespace actors::internal {

result<group_expense> expense_of(const group_state& s, const record_group_expense& c) {
  if (auto ok = check_amount(c.amount_minor, c.currency); !ok)
    return ok.error();
  for (auto [text, max, required, field] :
       {std::tuple{&c.description, description_size_max, true, "description"},
        std::tuple{&c.category, std::size_t{64}, false, "category"}})
    if (auto ok = check_group_text(*text, max, required, field); !ok)
      return ok.error();
  if (auto ok = check_payers(s, c); !ok)
    return ok.error();
  auto owed = split_amount(c.amount_minor, c.method, c.parts);
  if (!owed)
    return owed.error();
  if (auto ok = check_active(s, *owed, "member"); !ok)
    return ok.error();
  return group_expense{c.expense_id, c.description, c.category, c.amount_minor, c.currency,
                       c.occurred_at_us, c.paid, std::move(*owed), 0, false, c.method,
                       c.caller_id};
}

} // namespace actors::internal

result<std::vector<group_event>> decide(const group_state& s, const record_group_expense& c) {
  if (auto ok = group_writable(s, c.caller_id); !ok)
    return ok.error();
  auto made = expense_of(s, c);
  if (!made)
    return made.error();
  auto& e = *made;
  if (auto it = s.expenses.find(c.expense_id); it != s.expenses.end()) {
    auto same = it->second;
    same.sequence = 0;
    if (same == e)
      return std::vector<group_event>{};
    return make_failure(group_errc::expense_exists, "expense " + c.expense_id + " was another");
  }
  if (auto ok = check_fits(s, c.currency, deltas_of(e, 1)); !ok)
    return ok.error();
  return std::vector<group_event>{expense_recorded{std::move(e)}};
}

result<std::vector<group_event>> decide(const group_state& s, const delete_group_expense& c) {
  if (auto ok = group_writable(s, c.caller_id); !ok)
    return ok.error();
  auto it = s.expenses.find(c.expense_id);
  if (it == s.expenses.end())
    return make_failure(group_errc::expense_not_found, "no such expense");
  if (it->second.deleted)
    return std::vector<group_event>{};
  if (auto ok = check_fits(s, it->second.currency, deltas_of(it->second, -1)); !ok)
    return ok.error();
  return std::vector<group_event>{expense_deleted{c.expense_id}};
}

result<std::vector<group_event>> decide(const group_state& s, const record_settlement& c) {
  if (auto ok = group_writable(s, c.caller_id); !ok)
    return ok.error();
  if (auto ok = check_amount(c.amount_minor, c.currency); !ok)
    return ok.error();
  if (c.from == c.to)
    return make_failure(group_errc::same_member, "a settlement needs two members");
  if (auto ok = check_active(s, {{c.from, 0}, {c.to, 0}}, "member"); !ok)
    return ok.error();
  group_settlement t{c.settlement_id, c.from, c.to, c.amount_minor, c.currency, 0, c.transfer_id};
  if (auto it = s.settlements.find(c.settlement_id); it != s.settlements.end()) {
    auto same = it->second;
    same.sequence = 0;
    if (same == t)
      return std::vector<group_event>{};
    return make_failure(group_errc::expense_exists, "settlement " + c.settlement_id + " was another");
  }
  if (auto ok = check_fits(s, c.currency, deltas_of(t)); !ok)
    return ok.error();
  return std::vector<group_event>{settlement_recorded{std::move(t)}};
}

namespace actors::internal {

void move_balances(group_state& s, const std::string& code,
                   const std::vector<member_amount>& deltas) {
  auto& balances = s.balances[code];
  for (const auto& d : deltas) {
    const bool overflow =
      __builtin_add_overflow(balances[d.user_id], d.amount_minor, &balances[d.user_id]);
    assert(!overflow);
    (void) overflow;
  }
  assert(std::accumulate(balances.begin(), balances.end(), std::int64_t{0},
                         [](std::int64_t sum, const auto& b) { return sum + b.second; })
         == 0);
}

} // namespace actors::internal

namespace {

// The newer events' steps live with their rules (group_rules.cpp).
using actors::internal::apply;

group_member* member(group_state& s, const std::string& user_id) {
  return const_cast<group_member*>(find_member(s, user_id));
}

group_state apply(group_state s, const group_created& e) {
  assert(!s.created);
  s.created = true;
  s.group_id = e.group_id;
  s.name = e.name;
  s.currency = e.currency;
  s.members.push_back({e.owner_id, member_status::active, true});
  return s;
}

group_state apply(group_state s, const member_invited& e) {
  if (auto* m = member(s, e.user_id)) {
    assert(m->status == member_status::left);
    m->status = member_status::invited;
  } else {
    s.members.push_back({e.user_id, member_status::invited, false});
  }
  return s;
}

group_state apply(group_state s, const member_joined& e) {
  auto* m = member(s, e.user_id);
  assert(m != nullptr && m->status == member_status::invited);
  m->status = member_status::active;
  return s;
}

group_state apply(group_state s, const member_left& e) {
  auto* m = member(s, e.user_id);
  assert(m != nullptr && m->status == member_status::active);
  m->status = member_status::left;
  return s;
}

group_state apply(group_state s, const expense_recorded& e) {
  assert(!s.expenses.contains(e.expense.expense_id));
  auto expense = e.expense;
  expense.sequence = s.version + 1;
  move_balances(s, expense.currency, deltas_of(expense, 1));
  s.expenses.emplace(expense.expense_id, std::move(expense));
  return s;
}

group_state apply(group_state s, const expense_deleted& e) {
  auto& expense = s.expenses.at(e.expense_id);
  assert(!expense.deleted);
  expense.deleted = true;
  move_balances(s, expense.currency, deltas_of(expense, -1));
  return s;
}

group_state apply(group_state s, const settlement_recorded& e) {
  assert(!s.settlements.contains(e.settlement.settlement_id));
  auto settlement = e.settlement;
  settlement.sequence = s.version + 1;
  move_balances(s, settlement.currency, deltas_of(settlement));
  s.settlements.emplace(settlement.settlement_id, std::move(settlement));
  return s;
}

} // namespace

group_state evolve(group_state s, const group_event& e) {
  auto next = std::visit([&](const auto& event) { return apply(std::move(s), event); }, e);
  ++next.version;
  return next;
}

} // namespace pfms
