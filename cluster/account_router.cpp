#include "cluster/account_router.hpp"

#include "cluster/owner_handle.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace pfms {

namespace {

// The user id that places command `c`: its owner, else its caller.
template <class Command>
const std::string& owner_key(const Command& c) {
  if constexpr (requires { c.owner_id; })
    return c.owner_id;
  else
    return c.caller_id;
}

} // namespace

account_actor::behavior_type account_router_fn(account_actor::pointer self,
                                               const cluster_status* status) {
  auto to = [=]<class Reply>(auto& c, auto&... ctx) {
    return delegate_to_owner<Reply>(self, *status, &node_directories::accounts, owner_key(c), c,
                                    ctx...);
  };
  return {
    [=](open_account& c, command_context& ctx) { return to.template operator()<account_view>(c, ctx); },
    [=](record_transaction& c, command_context& ctx) {
      return to.template operator()<transaction_receipt>(c, ctx);
    },
    [=](rename_account& c, command_context& ctx) { return to.template operator()<account_view>(c, ctx); },
    [=](amend_transaction& c, command_context& ctx) {
      return to.template operator()<transaction_receipt>(c, ctx);
    },
    [=](void_transaction& c, command_context& ctx) {
      return to.template operator()<transaction_receipt>(c, ctx);
    },
    [=](reconcile_account& c, command_context& ctx) {
      return to.template operator()<reconciliation_receipt>(c, ctx);
    },
    [=](close_account& c, command_context& ctx) { return to.template operator()<account_view>(c, ctx); },
    [=](hold_transfer& c, command_context& ctx) { return to.template operator()<transfer_view>(c, ctx); },
    [=](credit_transfer& c, command_context& ctx) {
      return to.template operator()<account_view>(c, ctx);
    },
    [=](account_terms_query& q) { return to.template operator()<account_view>(q); },
    // A resume is a source account's own retry: its directory is this node's.
    [=](resume_transfer& r) {
      if (auto own = status->directories_of(status->config().self_id).accounts)
        self->send(own, std::move(r));
    },
  };
}

} // namespace pfms
