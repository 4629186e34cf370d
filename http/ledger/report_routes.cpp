// The caller's reports: the tax year and the monthly totals in the caller's
// time zone, from their transactions (actors/ledger/core/category_report.hpp).
// Net worth is in net_worth_report.cpp.

#include "http/ledger/report_routes.hpp"

#include "actors/identity/core/categories.hpp"
#include "actors/ledger/core/account_error.hpp"
#include "actors/ledger/core/category_report.hpp"
#include "events/money.hpp"
#include "events/store_error.hpp"
#include "http/ledger/projected_transactions.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/responses.hpp"
#include "http/runtime/rfc3339.hpp"

#include <boost/json/array.hpp>

#include <charconv>

namespace pfms {

failure as_amount_overflow(const failure& f) {
  return is(f, money_errc::overflow) ? make_failure(account_errc::amount_overflow, f.detail) : f;
}

namespace {

// A year of four digits, 1970..9998.
std::optional<int> year_of(std::string_view year) {
  int y = 0;
  if (year.size() != 4 || std::from_chars(year.data(), year.data() + 4, y).ptr != year.data() + 4
      || y < 1970 || y > 9998)
    return std::nullopt;
  return y;
}

// `owner_id`'s totals of `year` in `zone`: their transactions whose local
// date falls in it, read newest first from the transactions projection.
result<std::vector<category_total>> totals_in_zone(const event_store& store,
                                                   const std::string& owner_id,
                                                   const time_zone& zone, int year,
                                                   bool by_month) {
  category_report report(zone, year, by_month);
  const auto window = year_window(year);
  std::size_t read = 0;
  auto scanned = read_transactions(store, owner_id, {window.until_us}, [&](listed_transaction line) {
    if (line.entry.content.occurred_at_us < window.from_us || ++read > report_routes::scan_max)
      return false;
    if (!line.transfer)
      report.add(line.entry);
    return true;
  });
  if (!scanned)
    return scanned.error();
  if (read > report_routes::scan_max)
    return make_failure(account_errc::report_too_large,
                        "a report reads at most " + std::to_string(report_routes::scan_max)
                          + " transactions of a year");
  return report.totals();
}

} // namespace

void report_routes::year_totals(const http_request& request, int year, bool by_month,
                                report_callback done) const {
  const auto owner = request.caller_id;
  users_.user(owner, [this, owner, year, by_month, done](result<user_view> user) {
    if (!user)
      return done(user.error());
    auto zone = zones_.zone(user->time_zone.empty() ? "UTC" : user->time_zone);
    if (!zone)
      return done(zone.error());
    gateway_.read_projection<std::vector<category_total>>(
      transactions_projection.name,
      [owner, zone = *zone, year, by_month](const event_store& store) {
        return totals_in_zone(store, owner, *zone, year, by_month);
      },
      [done, user = *user](result<std::vector<category_total>> totals) {
        if (!totals)
          return done(totals.error());
        done(report_input{user, std::move(*totals)});
      });
  });
}

void report_routes::tax_year(const http_request& request, std::string_view year,
                             responder respond) const {
  const auto rid = request.request_id;
  const auto number = year_of(year);
  if (!number)
    return respond(problem_response(
      make_failure(request_errc::route_not_found, "the year must be 1970 to 9998"), rid));
  year_totals(request, *number, false, [respond, rid, year = *number](result<report_input> in) {
    auto lines = in ? tax_totals(in->totals, effective_categories(in->user.categories))
                    : result<std::vector<tax_total>>(in.error());
    if (!lines)
      return respond(problem_response(as_amount_overflow(lines.error()), rid));
    boost::json::array items;
    for (const auto& l : *lines)
      items.push_back(boost::json::object{{"tax_category", l.tax_category},
                                          {"currency", l.currency},
                                          {"taxable_income_minor", l.taxable_income_minor},
                                          {"deductible_expenses_minor",
                                           l.deductible_expenses_minor}});
    respond(json_response(200, {{"year", year}, {"time_zone", in->user.time_zone},
                                {"lines", std::move(items)}}));
  });
}

void report_routes::monthly(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  const auto year = query_number(query_value(request.query, "year"), 0, 1970, 9998);
  if (!year || *year == 0)
    return respond(problem_response(
      make_failure(request_errc::invalid_query, "year is required, 1970 to 9998"), rid));
  year_totals(request, static_cast<int>(*year), true,
              [respond, rid, year = *year](result<report_input> in) {
                if (!in)
                  return respond(problem_response(as_amount_overflow(in.error()), rid));
                boost::json::array items;
                for (const auto& t : in->totals)
                  items.push_back(boost::json::object{{"month", t.month},
                                                      {"category", t.category},
                                                      {"currency", t.currency},
                                                      {"income_minor", t.income_minor},
                                                      {"expense_minor", t.expense_minor}});
                respond(json_response(200, {{"year", year}, {"time_zone", in->user.time_zone},
                                            {"totals", std::move(items)}}));
              });
}

std::span<const route_def<report_routes>> report_routes::routes() {
  static constexpr route_def<report_routes> table[] = {
    {"GET", "/finance/tax/{year}", &report_routes::tax_year, signed_in},
    {"GET", "/finance/reports/monthly", &report_routes::monthly, signed_in, no_merge, "year"},
    {"GET", "/finance/reports/net-worth", &report_routes::net_worth, signed_in | every_node,
     &report_routes::merge_net_worth, "include"},
  };
  return table;
}

} // namespace pfms
