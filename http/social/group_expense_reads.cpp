// GET /social/groups/{id}/expenses and /expenses/{expense_id}: each expense
// created by a POST is at its own URL, and the group's are listed in pages.
// Members only; the group's actor answers from its state.

#include "http/social/group_routes.hpp"

#include "actors/social/core/group_error.hpp"
#include "events/ids.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/responses.hpp"
#include "http/social/group_json.hpp"

#include <boost/json/array.hpp>

namespace pfms {

namespace {

constexpr std::uint64_t expenses_page_default = 50;
constexpr std::uint64_t expenses_page_max = 200;

result<group_expenses_query> list_query(const http_request& request, std::string_view id) {
  const auto limit = query_number(query_value(request.query, "limit"), expenses_page_default, 1,
                                  expenses_page_max);
  const auto after = query_value(request.query, "page_token");
  const auto deleted = query_value(request.query, "include_deleted");
  if (!limit || (!after.empty() && !is_canonical_id(after))
      || !(deleted.empty() || deleted == "true" || deleted == "false"))
    return make_failure(request_errc::invalid_query,
                        "limit must be 1 to 200, include_deleted true or false, page_token a "
                        "next_page_token pfms gave");
  return group_expenses_query{std::string(id), request.caller_id, std::string(after),
                              static_cast<std::uint32_t>(*limit), deleted == "true"};
}

} // namespace

void group_routes::list_expenses(const http_request& request, std::string_view id,
                                 responder respond) const {
  const auto rid = request.request_id;
  auto query = list_query(request, id);
  if (!query)
    return respond(problem_response(query.error(), rid));
  groups_.query<expense_page>(std::move(*query), [respond, rid](result<expense_page> page) {
    if (!page)
      return respond(problem_response(page.error(), rid));
    boost::json::array items;
    for (auto& e : page->items)
      items.push_back(expense_json({page->group_id, std::move(e), page->version}));
    boost::json::object body{{"items", std::move(items)}};
    body["next_page_token"] = page->next.empty() ? boost::json::value(nullptr)
                                                 : boost::json::value(page->next);
    auto response = json_response(200, body);
    response.headers.emplace_back("ETag", etag(page->version));
    respond(std::move(response));
  });
}

void group_routes::get_expense(const http_request& request, std::string_view id,
                               std::string_view expense_id, responder respond) const {
  group_expenses_query query{std::string(id), request.caller_id};
  query.expense_id = std::string(expense_id);
  groups_.query<expense_page>(
    std::move(query), [respond, rid = request.request_id](result<expense_page> page) {
      if (!page)
        return respond(problem_response(page.error(), rid));
      auto response = json_response(
        200, expense_json({page->group_id, std::move(page->items.front()), page->version}));
      response.headers.emplace_back("ETag", etag(page->version));
      respond(std::move(response));
    });
}

} // namespace pfms
