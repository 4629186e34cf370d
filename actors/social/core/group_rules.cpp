// The group core's later decisions: edit an expense, named participants,
// removing a member, archiving. Pure.

#include "actors/social/core/group_checks.hpp"
#include "actors/social/core/group_core.hpp"
#include "actors/social/core/group_error.hpp"

#include <algorithm>
#include <cassert>

namespace pfms {

namespace {

using namespace actors::internal;

bool is_owner(const group_state& s, const std::string& user_id) {
  const auto* m = find_member(s, user_id);
  return m != nullptr && m->owner && m->status == member_status::active;
}

// The balances after taking `before` out and putting `now` in, checked.
status check_edit(const group_state& s, const group_expense& before, const group_expense& now) {
  auto moved = s;
  if (auto ok = check_fits(moved, before.currency, deltas_of(before, -1)); !ok)
    return ok;
  move_balances(moved, before.currency, deltas_of(before, -1));
  return check_fits(moved, now.currency, deltas_of(now, 1));
}

} // namespace

result<std::vector<group_event>> decide(const group_state& s, const edit_group_expense& c) {
  const auto& content = c.content;
  if (auto ok = group_writable(s, content.caller_id); !ok)
    return ok.error();
  auto it = s.expenses.find(content.expense_id);
  if (it == s.expenses.end() || it->second.deleted)
    return make_failure(group_errc::expense_not_found, "no such expense");
  auto now = expense_of(s, content);
  if (!now)
    return now.error();
  auto before = it->second;
  now->sequence = before.sequence;
  // The text stays its writer's unless this edit rewrites it.
  if (!before.written_by.empty() && now->description == before.description
      && now->category == before.category)
    now->written_by = before.written_by;
  if (*now == before)
    return std::vector<group_event>{};
  if (auto ok = check_edit(s, before, *now); !ok)
    return ok.error();
  return std::vector<group_event>{expense_edited{std::move(before), std::move(*now)}};
}

result<std::vector<group_event>> decide(const group_state& s, const add_participant& c) {
  if (auto ok = group_writable(s, c.caller_id); !ok)
    return ok.error();
  if (auto ok = check_group_text(c.name, group_name_size_max, true, "name"); !ok)
    return ok.error();
  const auto present = std::count_if(s.members.begin(), s.members.end(), [](const auto& m) {
    return m.status != member_status::left;
  });
  if (static_cast<std::size_t>(present) >= group_members_max)
    return make_failure(group_errc::members_max, "a group has at most 50 members");
  if (find_member(s, c.participant_id) != nullptr)
    return std::vector<group_event>{};
  return std::vector<group_event>{participant_added{c.participant_id, c.name, c.caller_id}};
}

result<std::vector<group_event>> decide(const group_state& s, const remove_member& c) {
  if (auto ok = group_writable(s, c.caller_id); !ok)
    return ok.error();
  if (!is_owner(s, c.caller_id))
    return make_failure(group_errc::not_owner, "only the group's owner removes members");
  const auto* m = find_member(s, c.user_id);
  if (m == nullptr || m->status == member_status::left)
    return make_failure(group_errc::not_a_member, c.user_id + " is not a member");
  if (m->owner)
    return make_failure(group_errc::not_owner, "the owner leaves only by archiving the group");
  if (!balance_zero(s, c.user_id))
    return make_failure(group_errc::balance_not_zero, "settle their balance first");
  return std::vector<group_event>{member_removed{c.user_id, c.caller_id}};
}

result<std::vector<group_event>> decide(const group_state& s, const archive_group& c) {
  if (!s.created || !is_active_member(s, c.caller_id))
    return group_not_found();
  if (s.archived)
    return std::vector<group_event>{};
  if (!is_owner(s, c.caller_id))
    return make_failure(group_errc::not_owner, "only the group's owner archives it");
  for (const auto& m : s.members)
    if (!balance_zero(s, m.user_id))
      return make_failure(group_errc::balance_not_zero, "settle every balance first");
  return std::vector<group_event>{group_archived{}};
}

} // namespace pfms

namespace pfms::actors::internal {

group_state apply(group_state s, const expense_edited& e) {
  auto& expense = s.expenses.at(e.before.expense_id);
  assert(!expense.deleted && e.now.expense_id == e.before.expense_id);
  move_balances(s, e.before.currency, deltas_of(e.before, -1));
  move_balances(s, e.now.currency, deltas_of(e.now, 1));
  auto now = e.now;
  now.sequence = expense.sequence;
  expense = std::move(now);
  return s;
}

group_state apply(group_state s, const participant_added& e) {
  assert(find_member(s, e.participant_id) == nullptr);
  s.members.push_back({e.participant_id, member_status::active, false, e.name});
  return s;
}

group_state apply(group_state s, const member_removed& e) {
  auto it = std::find_if(s.members.begin(), s.members.end(),
                         [&](const group_member& m) { return m.user_id == e.user_id; });
  assert(it != s.members.end() && it->status != member_status::left);
  it->status = member_status::left;
  return s;
}

group_state apply(group_state s, const group_archived&) {
  assert(s.created && !s.archived);
  s.archived = true;
  return s;
}

} // namespace pfms::actors::internal
