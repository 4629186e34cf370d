#include "cluster/group_router.hpp"

#include "cluster/owner_handle.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace pfms {

namespace {

template <class Message>
const std::string& group_of(const Message& m) {
  if constexpr (requires { m.content.group_id; })
    return m.content.group_id; // an edit carries the whole expense
  else
    return m.group_id;
}

// Delegates `m` to the directory of the node that owns its group.
template <class Reply, class Message, class... Context>
caf::result<Reply> route(group_actor::pointer self, const cluster_status* status,
                         Message& m, Context&... ctx) {
  return delegate_to_owner<Reply>(self, *status, &node_directories::groups, group_of(m), m,
                                  ctx...);
}

} // namespace

group_actor::behavior_type group_router_fn(group_actor::pointer self, const cluster_status* status) {
  auto to = [=]<class Reply>(auto& m, auto&... ctx) {
    return route<Reply>(self, status, m, ctx...);
  };
  return {
    [=](create_group& c, command_context& ctx) { return to.template operator()<group_view>(c, ctx); },
    [=](invite_member& c, command_context& ctx) { return to.template operator()<group_view>(c, ctx); },
    [=](join_group& c, command_context& ctx) { return to.template operator()<group_view>(c, ctx); },
    [=](leave_group& c, command_context& ctx) { return to.template operator()<group_view>(c, ctx); },
    [=](record_group_expense& c, command_context& ctx) {
      return to.template operator()<expense_view>(c, ctx);
    },
    [=](delete_group_expense& c, command_context& ctx) {
      return to.template operator()<expense_view>(c, ctx);
    },
    [=](record_settlement& c, command_context& ctx) {
      return to.template operator()<settlement_view>(c, ctx);
    },
    [=](edit_group_expense& c, command_context& ctx) {
      return to.template operator()<expense_view>(c, ctx);
    },
    [=](add_participant& c, command_context& ctx) { return to.template operator()<group_view>(c, ctx); },
    [=](remove_member& c, command_context& ctx) { return to.template operator()<group_view>(c, ctx); },
    [=](archive_group& c, command_context& ctx) { return to.template operator()<group_view>(c, ctx); },
    [=](group_query& q) { return to.template operator()<group_view>(q); },
    [=](group_balances_query& q) { return to.template operator()<group_balances>(q); },
  };
}

} // namespace pfms
