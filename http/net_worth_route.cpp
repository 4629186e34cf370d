// GET /finance/reports/net-worth: the caller's accounts in their base
// currency, converted at the rates their own completed cross-currency
// transfers recorded (projections/net_worth.hpp).

#include "http/category_routes.hpp"

#include "http/problem.hpp"
#include "http/responses.hpp"
#include "http/rfc3339.hpp"

#include <boost/json/array.hpp>

namespace pfms {

namespace {

boost::json::object line_json(const net_worth_line& l) {
  boost::json::object out{{"currency", l.currency},
                          {"balance_minor", l.balance_minor},
                          {"converted", l.converted}};
  if (l.converted)
    out["base_minor"] = l.base_minor;
  if (l.rate_from_minor != 0)
    out["rate"] = boost::json::object{{"from_minor", l.rate_from_minor},
                                      {"to_minor", l.rate_to_minor},
                                      {"transfer_id", l.rate_transfer_id},
                                      {"recorded_at", format_rfc3339(l.rate_at_us)}};
  return out;
}

boost::json::object net_worth_json(const net_worth& n) {
  boost::json::array lines;
  boost::json::array missing;
  for (const auto& l : n.lines) {
    lines.push_back(line_json(l));
    if (!l.converted)
      missing.push_back(boost::json::value(l.currency));
  }
  return {{"base_currency", n.base_currency}, {"total_minor", n.total_minor},
          {"complete", n.complete},           {"by_currency", std::move(lines)},
          {"unconverted", std::move(missing)}};
}

} // namespace

void category_routes::net_worth(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  gateway_.user(request.caller_id, [this, respond, rid,
                                    caller = request.caller_id](result<user_view> user) {
    if (!user)
      return respond(problem_response(user.error(), rid));
    gateway_.net_worth_of(caller, user->base_currency,
                          [respond, rid](result<pfms::net_worth> worth) {
                            if (!worth)
                              return respond(problem_response(worth.error(), rid));
                            respond(json_response(200, net_worth_json(*worth)));
                          });
  });
}

} // namespace pfms
