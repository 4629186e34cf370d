#include "actors/social/group_actor.hpp"

#include "actors/runtime/if_match.hpp"
#include "actors/runtime/internal/fold_stream.hpp"
#include "actors/runtime/internal/persist.hpp"
#include "actors/social/core/group_error.hpp"
#include "actors/social/group_codec.hpp"
#include "events/caf_error.hpp"

namespace pfms {

namespace {

using self_ptr = group_entity::stateful_pointer<group_actor_state>;

void refresh(self_ptr self, const entity_env& env, const std::string& group_id) {
  auto& st = self->state;
  refresh_with_keys(*env.store, group_stream(group_id), st.keys, st.group, st.broken,
                    [&](writer_keys& keys) { return recover_group(*env.store, keys, group_id); });
}

caf::error not_found() {
  return to_caf_error(make_failure(group_errc::group_not_found, "no such group"));
}

std::string status_name(member_status s) {
  return s == member_status::active ? "active" : s == member_status::invited ? "invited" : "left";
}

// Answers `make_reply(group)` for a command: a retry from the state its first
// try left, a refusal, nothing to do, or the append of what it decided.
template <class Reply, class Command, class MakeReply>
caf::result<Reply> handle(self_ptr self, const entity_env& env, const std::string& group_id,
                          const Command& cmd, const command_context& ctx, const char* causation,
                          MakeReply make_reply) {
  auto& st = self->state;
  refresh(self, env, group_id);
  if (st.broken)
    return to_caf_error(*st.broken);
  auto replay = [=](const append_result& placed) -> result<Reply> {
    writer_keys keys(*env.store, group_stream(group_id));
    auto then = recover_group(*env.store, keys, group_id, placed.last_version);
    if (!then)
      return then.error();
    return make_reply(*then);
  };
  if (auto earlier = actors::internal::earlier_answer<Reply>(env, ctx, replay))
    return std::move(*earlier);
  auto events = runtime::if_match(
    decide(st.group, cmd), ctx.if_version, st.group.version, st.group.created,
    make_failure(group_errc::group_not_found, ""),
    make_failure(group_errc::precondition_failed, "the group is at version "));
  if (!events) {
    if (!st.group.created)
      self->quit();
    return to_caf_error(events.error());
  }
  if (events->empty())
    return make_reply(st.group);
  if (auto ready = prepare_text_keys(*events, *st.keys, *env.store); !ready)
    return to_caf_error(ready.error());
  auto encode = [keys = &*st.keys](const group_event& e, event_metadata meta) {
    return encode_group_event(e, std::move(meta), *keys);
  };
  return actors::internal::persist<Reply>(
    self, env, group_stream(group_id), st.group.version, std::move(*events), ctx, causation,
    encode,
    [=](const std::vector<group_event>& applied, const append_result&) {
      for (const auto& e : applied)
        self->state.group = evolve(std::move(self->state.group), e);
      return make_reply(self->state.group);
    },
    replay);
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
                                  const std::string& group_id, std::uint64_t last_version) {
  return actors::internal::fold_stream(
    store, group_stream(group_id), group_state{},
    [&keys](const recorded_event& e) { return decode_group_event(e, keys); }, last_version);
}

group_entity::behavior_type group_actor_fn(self_ptr self, entity_env given_env,
                                           std::string given_id) {
  self->state.adopt(std::move(given_env), std::move(given_id));
  const entity_env& env = self->state.env;
  const std::string& group_id = self->state.id;
  refresh(self, env, group_id);
  return {
    [self, &env, &group_id](create_group& c, command_context& ctx) {
      return handle<group_view>(self, env, group_id, c, ctx, "create_group", group_reply());
    },
    [self, &env, &group_id](invite_member& c, command_context& ctx) {
      return handle<group_view>(self, env, group_id, c, ctx, "invite_member", group_reply());
    },
    [self, &env, &group_id](join_group& c, command_context& ctx) {
      return handle<group_view>(self, env, group_id, c, ctx, "join_group", group_reply());
    },
    [self, &env, &group_id](leave_group& c, command_context& ctx) {
      return handle<group_view>(self, env, group_id, c, ctx, "leave_group", group_reply());
    },
    [self, &env, &group_id](record_group_expense& c, command_context& ctx) {
      return handle<expense_view>(self, env, group_id, c, ctx, "record_group_expense",
                                  expense_reply(c.expense_id));
    },
    [self, &env, &group_id](delete_group_expense& c, command_context& ctx) {
      return handle<expense_view>(self, env, group_id, c, ctx, "delete_group_expense",
                                  expense_reply(c.expense_id));
    },
    [self, &env, &group_id](edit_group_expense& c, command_context& ctx) {
      return handle<expense_view>(self, env, group_id, c, ctx, "edit_group_expense",
                                  expense_reply(c.content.expense_id));
    },
    [self, &env, &group_id](add_participant& c, command_context& ctx) {
      return handle<group_view>(self, env, group_id, c, ctx, "add_participant", group_reply());
    },
    [self, &env, &group_id](remove_member& c, command_context& ctx) {
      return handle<group_view>(self, env, group_id, c, ctx, "remove_member", group_reply());
    },
    [self, &env, &group_id](archive_group& c, command_context& ctx) {
      return handle<group_view>(self, env, group_id, c, ctx, "archive_group", group_reply());
    },
    [self, &env, &group_id](record_settlement& c, command_context& ctx) {
      return handle<settlement_view>(
        self, env, group_id, c, ctx, "record_settlement",
        [id = c.settlement_id](const group_state& g) {
          return settlement_view{g.group_id, g.settlements.at(id), g.version};
        });
    },
    [self, &env, &group_id](group_query& q) -> caf::result<group_view> {
      refresh(self, env, group_id);
      const auto& g = self->state.group;
      const auto* m = g.created ? find_member(g, q.caller_id) : nullptr;
      if (self->state.broken)
        return to_caf_error(*self->state.broken);
      if (m == nullptr || m->status == member_status::left)
        return not_found();
      return view_of(g);
    },
    [self, &env, &group_id](group_balances_query& q) -> caf::result<group_balances> {
      refresh(self, env, group_id);
      if (self->state.broken)
        return to_caf_error(*self->state.broken);
      if (!is_active_member(self->state.group, q.caller_id))
        return not_found();
      return balances_of(self->state.group);
    },
    passivation(self, [] { return false; }, [] { return time_us{0}; }),
  };
}

} // namespace pfms
