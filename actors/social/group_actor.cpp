#include "actors/social/group_actor.hpp"

#include "actors/runtime/internal/fold_stream.hpp"
#include "actors/social/core/group_error.hpp"
#include "actors/social/internal/group_shell.hpp"
#include "events/caf_error.hpp"

#include <type_traits>

namespace pfms {

namespace {

using self_ptr = group_entity::stateful_pointer<group_actor_state>;
using actors::internal::group_shell;

caf::error not_found() {
  return to_caf_error(group_shell::not_found());
}

std::string status_name(member_status s) {
  return s == member_status::active ? "active" : s == member_status::invited ? "invited" : "left";
}

// Answers `make_reply(group)` for a command.
template <class Reply, class Command, class MakeReply>
caf::result<Reply> handle(self_ptr self, const Command& cmd, const command_context& ctx,
                          const char* causation, MakeReply make_reply) {
  return runtime::run_command<group_shell, Reply>(
    self, cmd, ctx, causation,
    [make_reply](const group_state& g, const append_result&) { return make_reply(g); });
}

auto group_reply() {
  return [](const group_state& g) { return view_of(g); };
}

// How a command's reply is made, by the reply it names.
template <class Command>
auto reply_of(const Command& c) {
  using reply = typename Command::reply;
  if constexpr (std::is_same_v<reply, expense_view>) {
    std::string id;
    if constexpr (requires { c.expense_id; })
      id = c.expense_id;
    else
      id = c.content.expense_id; // an edit names it in its new content
    return [id = std::move(id)](const group_state& g) {
      return expense_view{g.group_id, g.expenses.at(id), g.version};
    };
  } else if constexpr (std::is_same_v<reply, settlement_view>) {
    return [id = c.settlement_id](const group_state& g) {
      return settlement_view{g.group_id, g.settlements.at(id), g.version};
    };
  } else {
    static_assert(std::is_same_v<reply, group_view>);
    return group_reply();
  }
}

} // namespace

group_view view_of(const group_state& s) {
  group_view out{s.group_id, s.name, s.currency, {}, s.version, s.archived};
  for (const auto& m : s.members)
    out.members.push_back({m.user_id, status_name(m.status),
                           m.owner ? "owner" : m.name.empty() ? "member" : "participant", m.name});
  return out;
}

result<expense_page> expenses_of(const group_state& s, const group_expenses_query& q) {
  expense_page page{s.group_id, {}, {}, s.version};
  if (!q.expense_id.empty()) {
    auto it = s.expenses.find(q.expense_id);
    if (it == s.expenses.end())
      return make_failure(group_errc::expense_not_found, "no such expense");
    page.items.push_back(it->second);
    return page;
  }
  for (auto it = s.expenses.upper_bound(q.after); it != s.expenses.end(); ++it) {
    if (it->second.deleted && !q.include_deleted)
      continue;
    if (page.items.size() == q.limit) {
      page.next = page.items.back().expense_id;
      break;
    }
    page.items.push_back(it->second);
  }
  return page;
}

result<group_state> recover_group(const event_store& store, writer_keys& keys,
                                  const std::string& group_id, std::uint64_t last_version,
                                  group_state start) {
  return actors::internal::fold_stream(
    store, group_stream(group_id), std::move(start),
    [&keys](const recorded_event& e) { return decode_group_event(e, keys); }, last_version);
}

group_entity::behavior_type group_actor_fn(self_ptr self, entity_env given_env,
                                           std::string given_id) {
  self->state.adopt(std::move(given_env), std::move(given_id));
  group_shell::refresh(self->state);
  return runtime::entity_behavior<group_entity::behavior_type>(
    group_commands{},
    [self](const auto& command, const command_context& ctx, const char* name) {
      using reply = typename std::decay_t<decltype(command)>::reply;
      return handle<reply>(self, command, ctx, name, reply_of(command));
    },
    [self](group_query& q) -> caf::result<group_view> {
      group_shell::refresh(self->state);
      const auto& g = self->state.group;
      const auto* m = g.created ? find_member(g, q.caller_id) : nullptr;
      if (self->state.broken)
        return to_caf_error(*self->state.broken);
      if (m == nullptr || m->status == member_status::left)
        return not_found();
      return view_of(g);
    },
    [self](group_expenses_query& q) -> caf::result<expense_page> {
      group_shell::refresh(self->state);
      if (self->state.broken)
        return to_caf_error(*self->state.broken);
      if (!is_active_member(self->state.group, q.caller_id))
        return not_found();
      auto page = expenses_of(self->state.group, q);
      if (!page)
        return to_caf_error(page.error());
      return std::move(*page);
    },
    [self](group_balances_query& q) -> caf::result<group_balances> {
      group_shell::refresh(self->state);
      if (self->state.broken)
        return to_caf_error(*self->state.broken);
      if (!is_active_member(self->state.group, q.caller_id))
        return not_found();
      auto balances = balances_of(self->state.group);
      if (!balances)
        return to_caf_error(balances.error());
      return std::move(*balances);
    },
    passivation(self, [] { return false; }));
}

} // namespace pfms
