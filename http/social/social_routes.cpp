// GET /social/groups (the caller's groups) and GET /social/balances (what the
// caller owes and is owed across every group, per person and currency).

#include "http/social/group_routes.hpp"

#include "http/runtime/problem.hpp"
#include "http/runtime/responses.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <map>

namespace pfms {

namespace {

using counterparty = std::pair<std::string, std::string>; // (person, currency)

struct owed_total {
  std::int64_t amount_minor = 0; ///< positive: they owe the caller
  std::vector<std::string> groups;
};

// Adds one group's pairwise debts that involve `caller`.
void add_group(const std::string& caller, const std::string& group, const group_balances& b,
               std::map<counterparty, owed_total>& totals) {
  for (const auto& d : b.pairwise) {
    const bool owes = d.pay.from == caller;
    if (!owes && d.pay.to != caller)
      continue;
    auto& total = totals[{owes ? d.pay.to : d.pay.from, d.currency}];
    total.amount_minor += owes ? -d.pay.amount_minor : d.pay.amount_minor;
    total.groups.push_back(group);
  }
}

boost::json::array node_list(const std::vector<std::string>& ids) {
  boost::json::array out;
  for (const auto& id : ids)
    out.push_back(boost::json::value(id));
  return out;
}

boost::json::object across_json(const std::string& caller, const group_gateway::gathered& answers,
                                const std::vector<std::string>& missing_nodes) {
  std::map<counterparty, owed_total> totals;
  boost::json::array missing;
  for (const auto& [group, answer] : answers) {
    if (answer)
      add_group(caller, group, *answer, totals);
    else
      missing.push_back(boost::json::value(group));
  }
  boost::json::array items;
  for (const auto& [key, total] : totals) {
    if (total.amount_minor == 0)
      continue;
    boost::json::array groups;
    for (const auto& g : total.groups)
      groups.push_back(boost::json::value(g));
    items.push_back(boost::json::object{{"user_id", key.first}, {"currency", key.second},
                                        {"balance_minor", total.amount_minor},
                                        {"groups", std::move(groups)}});
  }
  const bool complete = missing.empty() && missing_nodes.empty();
  return {{"items", std::move(items)}, {"missing_groups", std::move(missing)},
          {"missing_nodes", node_list(missing_nodes)}, {"complete", complete}};
}

} // namespace

void group_routes::list(const http_request& request, responder respond) const {
  groups_.groups_of(request.caller_id, [respond, rid = request.request_id](
                                        result<gathered_rows<group_index_row>> rows) {
    if (!rows)
      return respond(problem_response(rows.error(), rid));
    // Each node's part is in id order; so is the whole, within the same bound.
    auto& all = rows->rows;
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.group_id < b.group_id; });
    all.resize(std::min(all.size(), user_groups_max));
    boost::json::array items;
    for (const auto& r : all)
      items.push_back(boost::json::object{{"id", r.group_id}, {"name", r.name},
                                          {"status", r.status}});
    respond(json_response(200, boost::json::object{{"items", std::move(items)},
                                                   {"missing_nodes", node_list(rows->missing_nodes)},
                                                   {"complete", rows->missing_nodes.empty()}}));
  });
}

void group_routes::across(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  groups_.groups_of(request.caller_id, [this, respond, rid, caller = request.caller_id](
                                        result<gathered_rows<group_index_row>> rows) {
    if (!rows)
      return respond(problem_response(rows.error(), rid));
    std::vector<std::string> active;
    for (const auto& r : rows->rows)
      if (r.status == "active")
        active.push_back(r.group_id);
    groups_.gather_balances(caller, std::move(active),
                            [respond, caller, missing = rows->missing_nodes](
                              group_gateway::gathered answers) {
                              respond(json_response(200, across_json(caller, answers, missing)));
                            });
  });
}

} // namespace pfms
