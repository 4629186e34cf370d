#include "http/category_routes.hpp"

#include "actors/account_actor.hpp"
#include "actors/categories.hpp"
#include "actors/monthly_totals.hpp"
#include "actors/tax_report.hpp"
#include "events/store_error.hpp"
#include "http/json_body.hpp"
#include "http/problem.hpp"
#include "http/query_params.hpp"
#include "http/request_error.hpp"
#include "http/responses.hpp"
#include "http/rfc3339.hpp"
#include "projections/account_balance_projection.hpp"

#include <boost/json/array.hpp>

#include <array>
#include <charconv>

namespace pfms {

namespace {

boost::json::object categories_json(const user_view& u) {
  boost::json::array items;
  for (const auto& [name, tax] : effective_categories(u.categories))
    items.push_back(boost::json::object{{"name", name}, {"tax_category", tax}});
  return {{"categories", std::move(items)}};
}

// The first instant of `year` (UTC), for 1970..9998.
std::optional<time_us> year_start(std::string_view year) {
  int y = 0;
  if (year.size() != 4 || std::from_chars(year.data(), year.data() + 4, y).ptr != year.data() + 4
      || y < 1970 || y > 9998)
    return std::nullopt;
  return parse_rfc3339(std::string(year) + "-01-01T00:00:00Z");
}

// Every account of `owner` as it stands, from the log.
result<std::vector<account_state>> accounts_of(const event_store& store, const std::string& owner) {
  auto rows = balance_rows_owned_by(store, owner);
  if (!rows)
    return rows.error();
  std::vector<account_state> accounts;
  for (const auto& row : *rows) {
    auto state = recover_account(store, row.account_id);
    if (!state)
      return state.error();
    accounts.push_back(std::move(*state));
  }
  return accounts;
}

// The tax year of `owner` from the log.
result<std::vector<tax_line>> tax_from_log(const event_store& store, const std::string& owner,
                                           const std::map<std::string, std::string>& categories,
                                           time_us from, time_us until) {
  auto accounts = accounts_of(store, owner);
  if (!accounts)
    return accounts.error();
  return tax_summary(*accounts, categories, from, until);
}

// The first instants of the 12 months of `year` and of the next January (UTC).
std::optional<std::array<time_us, 13>> month_starts(int year) {
  std::array<time_us, 13> out{};
  for (int m = 0; m < 13; ++m) {
    const int y = year + m / 12, month = m % 12 + 1;
    auto at = parse_rfc3339(std::to_string(y) + "-" + (month < 10 ? "0" : "")
                            + std::to_string(month) + "-01T00:00:00Z");
    if (!at)
      return std::nullopt;
    out[static_cast<std::size_t>(m)] = *at;
  }
  return out;
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
  gateway_.user_command(define_category{request.caller_id, std::string(name), *tax},
                        {request.caller_id, rid}, [respond, rid](result<user_view> u) {
                          if (!u)
                            return respond(problem_response(u.error(), rid));
                          respond(json_response(200, categories_json(*u)));
                        });
}

void category_routes::tax_year(const http_request& request, std::string_view year,
                               responder respond) const {
  const auto rid = request.request_id;
  const auto from = year_start(year);
  const auto until = from ? year_start(std::to_string(std::stoi(std::string(year)) + 1))
                          : std::nullopt;
  if (!from || !until)
    return respond(problem_response(
      make_failure(request_errc::route_not_found, "the year must be 1970 to 9998"), rid));
  const auto owner = request.caller_id;
  gateway_.user(owner, [this, respond, rid, owner, from = *from, until = *until,
                        year = std::string(year)](result<user_view> u) {
    if (!u)
      return respond(problem_response(u.error(), rid));
    gateway_.read_log<std::vector<tax_line>>(
      [owner, categories = effective_categories(u->categories), from,
       until](const event_store& store) {
        return tax_from_log(store, owner, categories, from, until);
      },
      [respond, rid, year](result<std::vector<tax_line>> lines) {
        if (!lines)
          return respond(problem_response(lines.error(), rid));
        boost::json::array items;
        for (const auto& l : *lines)
          items.push_back(boost::json::object{{"tax_category", l.tax_category},
                                              {"currency", l.currency},
                                              {"taxable_income_minor", l.taxable_income_minor},
                                              {"deductible_expenses_minor",
                                               l.deductible_expenses_minor}});
        respond(json_response(200, {{"year", std::stoi(year)}, {"time_zone", "UTC"},
                                    {"lines", std::move(items)}}));
      });
  });
}

void category_routes::monthly(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  const auto year = query_number(query_value(request.query, "year"), 0, 1970, 9998);
  const auto starts = year && *year != 0 ? month_starts(static_cast<int>(*year)) : std::nullopt;
  if (!starts)
    return respond(problem_response(
      make_failure(request_errc::invalid_query, "year is required, 1970 to 9998"), rid));
  gateway_.read_log<std::vector<monthly_total>>(
    [owner = request.caller_id, starts = *starts](const event_store& store)
      -> result<std::vector<monthly_total>> {
      auto accounts = accounts_of(store, owner);
      if (!accounts)
        return accounts.error();
      return monthly_totals(*accounts, starts);
    },
    [respond, rid, year = *year](result<std::vector<monthly_total>> totals) {
      if (!totals)
        return respond(problem_response(totals.error(), rid));
      boost::json::array items;
      for (const auto& t : *totals)
        items.push_back(boost::json::object{{"month", t.month},
                                            {"category", t.category},
                                            {"currency", t.currency},
                                            {"income_minor", t.income_minor},
                                            {"expense_minor", t.expense_minor}});
      respond(json_response(200, {{"year", year}, {"time_zone", "UTC"},
                                  {"totals", std::move(items)}}));
    });
}

std::span<const route_def<category_routes>> category_routes::routes() {
  static constexpr route_def<category_routes> table[] = {
    {"GET", "/finance/categories", &category_routes::list, signed_in},
    {"PUT", "/finance/categories/{name}", &category_routes::define, signed_in},
    {"GET", "/finance/tax/{year}", &category_routes::tax_year, signed_in},
    {"GET", "/finance/reports/monthly", &category_routes::monthly, signed_in},
    {"GET", "/finance/reports/net-worth", &category_routes::net_worth, signed_in},
  };
  return table;
}

} // namespace pfms
