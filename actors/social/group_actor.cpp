#include "actors/social/group_actor.hpp"

#include "actors/runtime/internal/fold_stream.hpp"
#include "actors/social/internal/group_shell.hpp"
#include "events/caf_error.hpp"

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

auto expense_reply(std::string id) {
  return [id = std::move(id)](const group_state& g) {
    return expense_view{g.group_id, g.expenses.at(id), g.version};
  };
}

} // namespace

group_view view_of(const group_state& s) {
  group_view out{s.group_id, s.name, s.currency, {}, s.version, s.archived};
  for (const auto& m : s.members)
    out.members.push_back({m.user_id, status_name(m.status),
                           m.owner ? "owner" : m.name.empty() ? "member" : "participant", m.name});
  return out;
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
  return {
    [self](create_group& c, command_context& ctx) {
      return handle<group_view>(self, c, ctx, "create_group", group_reply());
    },
    [self](invite_member& c, command_context& ctx) {
      return handle<group_view>(self, c, ctx, "invite_member", group_reply());
    },
    [self](join_group& c, command_context& ctx) {
      return handle<group_view>(self, c, ctx, "join_group", group_reply());
    },
    [self](leave_group& c, command_context& ctx) {
      return handle<group_view>(self, c, ctx, "leave_group", group_reply());
    },
    [self](record_group_expense& c, command_context& ctx) {
      return handle<expense_view>(self, c, ctx, "record_group_expense",
                                  expense_reply(c.expense_id));
    },
    [self](delete_group_expense& c, command_context& ctx) {
      return handle<expense_view>(self, c, ctx, "delete_group_expense",
                                  expense_reply(c.expense_id));
    },
    [self](edit_group_expense& c, command_context& ctx) {
      return handle<expense_view>(self, c, ctx, "edit_group_expense",
                                  expense_reply(c.content.expense_id));
    },
    [self](add_participant& c, command_context& ctx) {
      return handle<group_view>(self, c, ctx, "add_participant", group_reply());
    },
    [self](remove_member& c, command_context& ctx) {
      return handle<group_view>(self, c, ctx, "remove_member", group_reply());
    },
    [self](archive_group& c, command_context& ctx) {
      return handle<group_view>(self, c, ctx, "archive_group", group_reply());
    },
    [self](record_settlement& c, command_context& ctx) {
      return handle<settlement_view>(
        self, c, ctx, "record_settlement",
        [id = c.settlement_id](const group_state& g) {
          return settlement_view{g.group_id, g.settlements.at(id), g.version};
        });
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
    [self](group_balances_query& q) -> caf::result<group_balances> {
      group_shell::refresh(self->state);
      if (self->state.broken)
        return to_caf_error(*self->state.broken);
      if (!is_active_member(self->state.group, q.caller_id))
        return not_found();
      return balances_of(self->state.group);
    },
    passivation(self, [] { return false; }),
  };
}

} // namespace pfms
