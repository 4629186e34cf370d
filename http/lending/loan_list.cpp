// GET /loans: the caller's loans, a page in id order; in a cluster each node
// answers its own, and `merge_pages` makes one page of them.

#include "http/lending/loan_routes.hpp"

#include "http/lending/loan_json.hpp"
#include "http/runtime/node_parts.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/responses.hpp"

#include <algorithm>

namespace pfms {

namespace {

constexpr std::size_t page_size_default = 50;

std::optional<std::uint64_t> limit_of(const http_request& request) {
  return query_number(query_value(request.query, "limit"), page_size_default, 1, loans_page_max);
}

// One loan of a page: its id, and its item (none: the loan did not answer).
struct page_entry {
  std::string loan_id;
  std::optional<boost::json::value> item;
};

boost::json::object page_json(std::vector<page_entry> entries, std::size_t limit,
                              const std::vector<std::string>& missing_nodes) {
  boost::json::array items;
  boost::json::array missing;
  for (auto& e : entries) {
    if (e.item)
      items.push_back(std::move(*e.item));
    else
      missing.push_back(boost::json::value(e.loan_id));
  }
  boost::json::object body{{"items", std::move(items)}, {"missing_loans", std::move(missing)},
                           {"missing_nodes", string_array(missing_nodes)}};
  body["next_page_token"] = entries.size() == limit && !entries.empty()
                              ? boost::json::value(entries.back().loan_id)
                              : boost::json::value(nullptr);
  return body;
}

} // namespace

void loan_routes::list(const http_request& request, responder respond) const {
  const auto limit = limit_of(request);
  const auto after = query_value(request.query, "page_token");
  const auto role = query_value(request.query, "role");
  if (!limit || (!after.empty() && !is_canonical_id(after))
      || !(role.empty() || role == "lender" || role == "borrower"))
    return respond(problem_response(
      make_failure(request_errc::invalid_query,
                   "limit must be 1 to 100; role lender or borrower; page_token a next_page_token pfms gave"),
      request.request_id));
  loans_.page_of({request.caller_id, after, *limit, role},
                 [respond, rid = request.request_id, limit = *limit](
                   result<loan_gateway::page> page) {
    if (!page)
      return respond(problem_response(page.error(), rid));
    std::vector<page_entry> entries;
    for (const auto& [row, loan] : *page)
      entries.push_back({row.loan_id, loan ? std::optional<boost::json::value>(boost::json::object{
                                                {"role", row.role}, {"loan", loan_json(*loan)}})
                                           : std::nullopt});
    respond(json_response(200, page_json(std::move(entries), limit, {})));
  });
}

http_response loan_routes::merge_pages(const http_request& request,
                                       std::span<const node_part> parts) {
  const auto limit = limit_of(request).value_or(page_size_default);
  auto parsed = parse_parts(parts);
  // Each node's page is the first `limit` of its loans after the token: the
  // first `limit` of them all are the page.
  std::vector<page_entry> entries;
  for (const auto& part : parsed.objects) {
    for (const auto& item : part.at("items").get_array()) {
      const auto* loan = item.is_object() ? item.get_object().if_contains("loan") : nullptr;
      entries.push_back({std::string(loan ? string_at(*loan, "id") : ""), item});
    }
    if (const auto* missing = part.if_contains("missing_loans"); missing && missing->is_array())
      for (const auto& id : missing->get_array())
        if (const auto* text = id.if_string())
          entries.push_back({std::string(*text), std::nullopt});
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.loan_id < b.loan_id; });
  entries.resize(std::min<std::size_t>(entries.size(), limit));
  return json_response(200, page_json(std::move(entries), limit, parsed.missing_nodes));
}

} // namespace pfms
