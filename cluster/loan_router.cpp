#include "cluster/loan_router.hpp"

#include "cluster/owner_handle.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace pfms {

namespace {

// Delegates `m` to the directory of the node that owns loan `loan_id`.
template <class Message, class... Context>
caf::result<loan_snapshot> route(loan_actor::pointer self, const cluster_status* status,
                                 const std::string& loan_id, Message& m,
                                 Context&... ctx) {
  return delegate_to_owner<loan_snapshot>(self, *status, &node_directories::loans, loan_id,
                                          m, ctx...);
}

} // namespace

loan_actor::behavior_type loan_router_fn(loan_actor::pointer self, const cluster_status* status) {
  return {
    [=](originate_loan& c, command_context& ctx) {
      return route(self, status, c.offer.loan_id, c, ctx);
    },
    [=](accept_loan& c, command_context& ctx) { return route(self, status, c.loan_id, c, ctx); },
    [=](disburse_loan& c, command_context& ctx) { return route(self, status, c.loan_id, c, ctx); },
    [=](record_repayment& c, command_context& ctx) {
      return route(self, status, c.loan_id, c, ctx);
    },
    [=](prepay_loan& c, command_context& ctx) { return route(self, status, c.loan_id, c, ctx); },
    [=](change_loan_rate& c, command_context& ctx) {
      return route(self, status, c.loan_id, c, ctx);
    },
    [=](write_off_loan& c, command_context& ctx) {
      return route(self, status, c.loan_id, c, ctx);
    },
    [=](close_loan& c, command_context& ctx) { return route(self, status, c.loan_id, c, ctx); },
    [=](loan_query& q) { return route(self, status, q.loan_id, q); },
    // Each node wakes its own loans; ticks and resumes go to a loan itself.
    [](wake_loan&) {},
    [](charge_late_fees&) {},
    [](resume_disbursement&) {},
  };
}

} // namespace pfms
