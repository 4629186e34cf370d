#include "http/ledger/category_routes.hpp"

#include "actors/identity/core/categories.hpp"
#include "events/currency_table.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/responses.hpp"

#include <boost/json/array.hpp>

#include <cstdio>

namespace pfms {

namespace {

boost::json::object categories_json(const user_view& u) {
  boost::json::array items;
  for (const auto& [name, tax] : effective_categories(u.categories))
    items.push_back(boost::json::object{{"name", name}, {"tax_category", tax}});
  return {{"categories", std::move(items)}};
}

} // namespace

void category_routes::list(const http_request& request, responder respond) const {
  gateway_.user(request.caller_id, [respond, rid = request.request_id](result<user_view> u) {
    if (!u)
      return respond(problem_response(u.error(), rid));
    respond(json_response(200, categories_json(*u)));
  });
}

void category_routes::define(const http_request& request, std::string_view name,
                             responder respond) const {
  const auto rid = request.request_id;
  auto body = json_body::parse(request.body, {"tax_category"});
  auto tax = body ? body->optional_string_field("tax_category") : result<std::string>(body.error());
  if (!tax)
    return respond(problem_response(tax.error(), rid));
  gateway_.command(define_category{request.caller_id, std::string(name), *tax},
                        {request.caller_id, rid}, [respond, rid](result<user_view> u) {
                          if (!u)
                            return respond(problem_response(u.error(), rid));
                          respond(json_response(200, categories_json(*u)));
                        });
}

void category_routes::currencies(const http_request&, responder respond) const {
  boost::json::array items;
  for (const auto& c : iso_currencies()) {
    char numeric[4];
    std::snprintf(numeric, sizeof numeric, "%03d", c.numeric);
    items.push_back(boost::json::object{{"code", c.code},
                                        {"numeric", numeric},
                                        {"minor_units", c.minor_units},
                                        {"name", c.name}});
  }
  respond(json_response(200, boost::json::object{{"items", std::move(items)}}));
}

std::span<const route_def<category_routes>> category_routes::routes() {
  static constexpr route_def<category_routes> table[] = {
    {"GET", "/finance/categories", &category_routes::list, signed_in},
    {"PUT", "/finance/categories/{name}", &category_routes::define, signed_in},
    {"GET", "/finance/currencies", &category_routes::currencies, open},
  };
  return table;
}

} // namespace pfms
