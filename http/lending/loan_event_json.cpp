// A loan event's content as JSON, for audits (pfmsctl replay): every field
// the event holds, days as "YYYY-MM-DD".

#include "http/lending/loan_json.hpp"

#include <type_traits>

namespace pfms {

namespace {

boost::json::object allocation_json(const allocation& a) {
  return {{"fees_minor", a.fees_minor},
          {"interest_minor", a.interest_minor},
          {"principal_minor", a.principal_minor},
          {"excess_minor", a.excess_minor}};
}

struct loan_renderer {
  boost::json::object operator()(const loan_originated& e) const {
    auto out = offer_json(e.offer);
    out["receiving_account_id"] = e.offer.receiving_account_id;
    return out;
  }
  boost::json::object operator()(const loan_accepted& e) const {
    return {{"by", e.by}, {"receiving_account_id", e.receiving_account_id}};
  }
  boost::json::object operator()(const loan_disbursed& e) const {
    return {{"on", to_string(e.on)}, {"by", e.by}, {"transfer_id", e.transfer_id}};
  }
  boost::json::object operator()(const disbursement_requested& e) const {
    auto out = disbursement_json(e.disbursement, "pending");
    out["by"] = e.disbursement.by;
    return out;
  }
  boost::json::object operator()(const disbursement_failed& e) const {
    return {{"transfer_id", e.transfer_id}, {"reason", e.reason}};
  }
  boost::json::object operator()(const repayment_recorded& e) const {
    const auto& r = e.repayment;
    return {{"repayment_id", r.repayment_id}, {"on", to_string(r.on)},
            {"amount_minor", r.amount_minor}, {"applied", allocation_json(r.applied)},
            {"mode", to_string(r.mode)},      {"payoff", r.payoff}};
  }
  boost::json::object operator()(const prepayment_recorded& e) const {
    return {{"prepayment_id", e.prepayment_id}, {"on", to_string(e.on)},
            {"amount_minor", e.amount_minor}, {"mode", to_string(e.mode)}};
  }
  boost::json::object operator()(const loan_rate_changed& e) const {
    return {{"from", to_string(e.from)}, {"annual_rate_bps", e.annual_rate_bps}};
  }
  boost::json::object operator()(const late_fee_charged& e) const {
    return {{"installment", e.fee.installment}, {"on", to_string(e.fee.on)},
            {"amount_minor", e.fee.amount_minor}};
  }
  boost::json::object operator()(const loan_paid_off& e) const {
    boost::json::object out{{"on", to_string(e.on)}};
    out["final_interest_minor"] = e.final_interest_minor < 0
                                    ? boost::json::value(nullptr)
                                    : boost::json::value(e.final_interest_minor);
    return out;
  }
  boost::json::object operator()(const loan_written_off& e) const {
    return {{"on", to_string(e.on)}, {"principal_minor", e.principal_minor},
            {"interest_minor", e.interest_minor}, {"fees_minor", e.fees_minor}};
  }
  boost::json::object operator()(const loan_closed& e) const { return {{"by", e.by}}; }
};

} // namespace

boost::json::object loan_event_json(const loan_event& e) {
  return std::visit(loan_renderer{}, e);
}

} // namespace pfms
