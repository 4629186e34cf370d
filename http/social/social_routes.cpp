// GET /social/groups (the caller's groups) and GET /social/balances (what the
// caller owes and is owed across every group, per person and currency).

#include "http/social/group_routes.hpp"

#include "actors/social/core/group_error.hpp"
#include "http/runtime/node_parts.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/responses.hpp"
#include "http/social/balances_across.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <map>

namespace pfms {

namespace {

// The answer from the totals per person and currency; zero ones are left
// out of a whole answer, and kept in a node's part (other nodes' groups may
// move them).
boost::json::object totals_json(const std::map<counterparty, owed_total>& totals,
                                const std::vector<std::string>& missing_groups,
                                const std::vector<std::string>& missing_nodes,
                                bool keep_zero = false) {
  boost::json::array items;
  for (const auto& [key, total] : totals) {
    if (total.amount_minor == 0 && !keep_zero)
      continue;
    items.push_back(boost::json::object{{"user_id", key.first}, {"currency", key.second},
                                        {"balance_minor", total.amount_minor},
                                        {"groups", string_array(total.groups)}});
  }
  const bool complete = missing_groups.empty() && missing_nodes.empty();
  return {{"items", std::move(items)}, {"missing_groups", string_array(missing_groups)},
          {"missing_nodes", string_array(missing_nodes)}, {"complete", complete}};
}

} // namespace

void group_routes::list(const http_request& request, responder respond) const {
  groups_.groups_of(request.caller_id, [respond, rid = request.request_id](
                                        result<std::vector<group_index_row>> rows) {
    if (!rows)
      return respond(problem_response(rows.error(), rid));
    boost::json::array items;
    for (const auto& r : *rows) // in id order, at most user_groups_max
      items.push_back(boost::json::object{{"id", r.group_id}, {"name", r.name},
                                          {"status", r.status}});
    respond(json_response(200, boost::json::object{{"items", std::move(items)},
                                                   {"missing_nodes", boost::json::array()},
                                                   {"complete", true}}));
  });
}

void group_routes::across(const http_request& request, responder respond) const {
  gather_debts(groups_, request.caller_id, [respond, rid = request.request_id,
                                            part = request.node_part](result<debts_across> debts) {
    if (!debts)
      return respond(problem_response(debts.error(), rid));
    respond(json_response(200, totals_json(debts->totals, debts->missing_groups, {}, part)));
  });
}

http_response group_routes::merge_lists(const http_request&, std::span<const node_part> parts) {
  auto parsed = parse_parts(parts);
  auto items = all_items(parsed);
  // Each node's part is in id order; so is the whole, within the same bound.
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return string_at(a, "id") < string_at(b, "id");
  });
  if (items.size() > user_groups_max)
    items.resize(user_groups_max);
  const bool complete = parsed.missing_nodes.empty();
  return json_response(200, boost::json::object{{"items", std::move(items)},
                                                {"missing_nodes", string_array(parsed.missing_nodes)},
                                                {"complete", complete}});
}

http_response group_routes::merge_across(const http_request& request,
                                         std::span<const node_part> parts) {
  auto parsed = parse_parts(parts);
  std::map<counterparty, owed_total> totals;
  std::vector<std::string> missing_groups;
  boost::json::object names; // each node named the people of its own part
  for (const auto& part : parsed.objects) {
    if (const auto* missing = part.if_contains("missing_groups"); missing && missing->is_array())
      for (const auto& g : missing->get_array())
        if (const auto* id = g.if_string())
          missing_groups.emplace_back(*id);
    if (const auto* named = part.if_contains("names"); named && named->is_object())
      for (const auto& [id, name] : named->get_object())
        names[id] = name;
    for (const auto& item : part.at("items").get_array()) {
      const auto* amount = item.is_object() ? item.get_object().if_contains("balance_minor") : nullptr;
      auto& total = totals[{std::string(string_at(item, "user_id")),
                            std::string(string_at(item, "currency"))}];
      if (amount == nullptr || !amount->is_int64()
          || __builtin_add_overflow(total.amount_minor, amount->get_int64(), &total.amount_minor))
        return problem_response(totals_overflow(), request.request_id);
      if (const auto* groups = item.get_object().if_contains("groups"); groups && groups->is_array())
        for (const auto& g : groups->get_array())
          if (const auto* id = g.if_string())
            total.groups.emplace_back(*id);
    }
  }
  auto body = totals_json(totals, missing_groups, parsed.missing_nodes);
  if (!names.empty())
    body["names"] = std::move(names);
  return json_response(200, body);
}

} // namespace pfms
