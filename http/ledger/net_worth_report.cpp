// GET /finance/reports/net-worth: the caller's accounts, and what their loans
// owe them (as lender) or they owe (as borrower), in their base currency. A
// loan counts while it is active, by its principal outstanding. In a cluster
// each node answers with its own loans (the caller's node also with the
// accounts and the rates), and merge_net_worth values the parts together.

#include "http/ledger/report_routes.hpp"

#include "actors/lending/core/loan_position.hpp"
#include "events/money.hpp"
#include "http/runtime/node_parts.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/social/balances_across.hpp"
#include "http/runtime/responses.hpp"
#include "http/runtime/rfc3339.hpp"

#include <boost/json/array.hpp>

namespace pfms {

namespace {

// What a loan owes the caller (> 0) or the caller owes (< 0).
struct loan_position {
  std::string loan_id;
  std::string role;
  std::string currency;
  std::int64_t outstanding_minor = 0;
};

// The inputs of a net worth, from one node or from all.
struct worth_inputs {
  std::string base;
  std::map<std::string, std::int64_t> accounts; // by currency
  std::vector<loan_position> loans;
  std::map<std::string, fx_rate> rates;
  bool loans_complete = true;
  bool with_groups = false;
  std::map<std::string, std::int64_t> groups; // by currency: owed to the caller (> 0) or by them
  std::vector<std::string> missing_groups;
};

failure overflow() {
  return make_failure(money_errc::overflow, "the net worth leaves int64 minor units");
}

boost::json::object line_json(const net_worth_line& l) {
  boost::json::object out{{"currency", l.currency},           {"balance_minor", l.balance_minor},
                          {"accounts_minor", l.accounts_minor}, {"loans_minor", l.loans_minor},
                          {"groups_minor", l.groups_minor},     {"converted", l.converted}};
  if (l.converted)
    out["base_minor"] = l.base_minor;
  if (l.rate_from_minor != 0)
    out["rate"] = boost::json::object{{"from_minor", l.rate_from_minor},
                                      {"to_minor", l.rate_to_minor},
                                      {"transfer_id", l.rate_transfer_id},
                                      {"recorded_at", format_rfc3339(l.rate_at_us)}};
  return out;
}

// The answer (a node's part has the same shape).
result<boost::json::object> answer_of(const worth_inputs& in) {
  std::map<std::string, holdings> held;
  for (const auto& [currency, sum] : in.accounts)
    held[currency].accounts_minor = sum;
  for (const auto& [currency, sum] : in.groups)
    held[currency].groups_minor = sum;
  boost::json::array loans;
  for (const auto& l : in.loans) {
    auto& sum = held[l.currency].loans_minor;
    if (__builtin_add_overflow(sum, l.outstanding_minor, &sum))
      return overflow();
    loans.push_back(boost::json::object{{"loan_id", l.loan_id}, {"role", l.role},
                                        {"currency", l.currency},
                                        {"outstanding_minor", l.outstanding_minor}});
  }
  auto worth = value_holdings(held, in.rates, in.base);
  if (!worth)
    return worth.error();
  boost::json::array lines;
  boost::json::array unconverted;
  for (const auto& l : worth->lines) {
    lines.push_back(line_json(l));
    if (!l.converted)
      unconverted.push_back(boost::json::value(l.currency));
  }
  boost::json::array rates;
  for (const auto& r : worth->rates)
    rates.push_back(boost::json::object{{"currency", r.currency}, {"from_minor", r.from_minor},
                                        {"to_minor", r.to_minor}, {"transfer_id", r.transfer_id},
                                        {"recorded_at", format_rfc3339(r.at_us)}});
  return boost::json::object{{"base_currency", in.base},
                             {"total_minor", worth->total_minor},
                             {"complete", worth->complete && in.loans_complete
                                            && in.missing_groups.empty()},
                             {"groups_included", in.with_groups},
                             {"missing_groups", string_array(in.missing_groups)},
                             {"by_currency", std::move(lines)},
                             {"unconverted", std::move(unconverted)},
                             {"loans", std::move(loans)},
                             {"loans_complete", in.loans_complete},
                             {"rates", std::move(rates)}};
}

// This node's inputs: the caller's accounts and rates here, and their running loans here.
worth_inputs inputs_here(const net_worth& worth, const loan_gateway::page& page) {
  worth_inputs in;
  in.base = worth.base_currency;
  in.loans_complete = page.size() < report_routes::loans_max;
  for (const auto& l : worth.lines)
    in.accounts[l.currency] = l.accounts_minor;
  for (const auto& r : worth.rates)
    in.rates[r.currency] = r;
  for (const auto& [row, loan] : page) {
    if (!loan) {
      in.loans_complete = false; // it did not answer in time
      continue;
    }
    const auto& s = loan->state;
    if (s.status != loan_status::active)
      continue;
    const auto owed = principal_outstanding(s);
    in.loans.push_back({row.loan_id, row.role, s.offer.currency,
                        row.role == "lender" ? owed : -owed});
  }
  return in;
}

// Adds a node's part (an answer) to `in`; false when it is not one.
bool add_part(const boost::json::object& part, worth_inputs& in) {
  const auto* lines = part.if_contains("by_currency");
  const auto* loans = part.if_contains("loans");
  const auto* rates = part.if_contains("rates");
  if (lines == nullptr || !lines->is_array() || loans == nullptr || !loans->is_array()
      || rates == nullptr || !rates->is_array())
    return false;
  in.base = std::string(string_at(part, "base_currency"));
  for (const auto& l : lines->get_array())
    for (auto [key, sums] : {std::pair{"accounts_minor", &in.accounts}, std::pair{"groups_minor", &in.groups}}) {
      const auto* sum = l.is_object() ? l.get_object().if_contains(key) : nullptr;
      auto& total = (*sums)[std::string(string_at(l, "currency"))];
      if (sum == nullptr || !sum->is_int64()
          || __builtin_add_overflow(total, sum->get_int64(), &total))
        return false;
    }
  if (const auto* missing = part.if_contains("missing_groups"); missing && missing->is_array())
    for (const auto& g : missing->get_array())
      if (const auto* id = g.if_string())
        in.missing_groups.emplace_back(*id);
  const auto* groups = part.if_contains("groups_included");
  in.with_groups = in.with_groups || (groups != nullptr && groups->is_bool() && groups->get_bool());
  for (const auto& l : loans->get_array()) {
    const auto* owed = l.is_object() ? l.get_object().if_contains("outstanding_minor") : nullptr;
    if (owed == nullptr || !owed->is_int64())
      return false;
    in.loans.push_back({std::string(string_at(l, "loan_id")), std::string(string_at(l, "role")),
                        std::string(string_at(l, "currency")), owed->get_int64()});
  }
  for (const auto& r : rates->get_array()) {
    const auto at = parse_rfc3339(string_at(r, "recorded_at"));
    const auto* from = r.is_object() ? r.get_object().if_contains("from_minor") : nullptr;
    const auto* to = r.is_object() ? r.get_object().if_contains("to_minor") : nullptr;
    if (!at || from == nullptr || to == nullptr || !from->is_int64() || !to->is_int64())
      return false;
    const std::string currency(string_at(r, "currency"));
    in.rates[currency] = {currency, from->get_int64(), to->get_int64(),
                          std::string(string_at(r, "transfer_id")), *at};
  }
  const auto* complete = part.if_contains("loans_complete");
  in.loans_complete = in.loans_complete && complete != nullptr && complete->is_bool()
                      && complete->get_bool();
  return true;
}

void respond_with(const worth_inputs& in, const responder& respond, const std::string& rid) {
  auto answer = answer_of(in);
  if (!answer)
    return respond(problem_response(as_amount_overflow(answer.error()), rid));
  respond(json_response(200, *answer));
}

// Answers `in`, with the caller's debts across their groups on this node when asked.
void answer_here(const group_gateway& groups, const std::string& caller, worth_inputs in,
                 responder respond, std::string rid) {
  if (!in.with_groups)
    return respond_with(in, respond, rid);
  gather_debts(groups, caller, [in, respond, rid](result<debts_across> debts) mutable {
    if (!debts)
      return respond(problem_response(debts.error(), rid));
    for (const auto& [key, total] : debts->totals) {
      auto& sum = in.groups[key.second];
      if (__builtin_add_overflow(sum, total.amount_minor, &sum))
        return respond(problem_response(totals_overflow(), rid));
    }
    in.missing_groups = std::move(debts->missing_groups);
    respond_with(in, respond, rid);
  });
}

} // namespace

void report_routes::net_worth(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  const auto caller = request.caller_id;
  const auto include = query_value(request.query, "include");
  if (!include.empty() && include != "groups")
    return respond(problem_response(
      make_failure(request_errc::invalid_query, "include must be groups"), rid));
  users_.user(caller, [this, respond, rid, caller, with_groups = !include.empty()](result<user_view> user) {
    if (!user)
      return respond(problem_response(user.error(), rid));
    gateway_.net_worth_of(caller, user->base_currency, [this, respond, rid, caller,
                                                        with_groups](result<pfms::net_worth> worth) {
      if (!worth)
        return respond(problem_response(as_amount_overflow(worth.error()), rid));
      loans_.page_of({caller, "", loans_max, ""}, [this, respond, rid, caller, with_groups,
                                                   worth = *worth](result<loan_gateway::page> page) {
        if (!page)
          return respond(problem_response(page.error(), rid));
        auto in = inputs_here(worth, *page);
        in.with_groups = with_groups;
        answer_here(groups_, caller, std::move(in), respond, rid);
      });
    });
  });
}

http_response report_routes::merge_net_worth(const http_request& request,
                                             std::span<const node_part> parts) {
  const auto parsed = parse_parts(parts, "by_currency");
  worth_inputs in;
  const auto& missing = parsed.missing_nodes;
  for (const auto& part : parsed.objects)
    if (!add_part(part, in)) // a part of ours is well formed: its sums left int64
      return problem_response(as_amount_overflow(overflow()), request.request_id);
  auto answer = answer_of(in);
  if (!answer)
    return problem_response(as_amount_overflow(answer.error()), request.request_id);
  (*answer)["missing_nodes"] = string_array(missing);
  if (!missing.empty())
    (*answer)["complete"] = false;
  return json_response(200, *answer);
}

} // namespace pfms
