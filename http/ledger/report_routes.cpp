// The caller's reports: the tax year and the monthly totals, summed from the
// transactions projection's rows of the period, and net worth in their base currency, converted at
// the rates their own completed cross-currency transfers recorded
// (projections/ledger/net_worth.hpp).

#include "http/ledger/report_routes.hpp"

#include "actors/identity/core/categories.hpp"
#include "actors/ledger/core/monthly_totals.hpp"
#include "actors/ledger/core/tax_report.hpp"
#include "events/store_error.hpp"
#include "http/ledger/projected_transactions.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/responses.hpp"
#include "http/runtime/rfc3339.hpp"

#include <boost/json/array.hpp>

#include <array>
#include <charconv>

namespace pfms {

namespace {

// The first instant of `year` (UTC), for 1970..9998.
std::optional<time_us> year_start(std::string_view year) {
  int y = 0;
  if (year.size() != 4 || std::from_chars(year.data(), year.data() + 4, y).ptr != year.data() + 4
      || y < 1970 || y > 9998)
    return std::nullopt;
  return parse_rfc3339(std::string(year) + "-01-01T00:00:00Z");
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

void report_routes::tax_year(const http_request& request, std::string_view year,
                               responder respond) const {
  const auto rid = request.request_id;
  const auto from = year_start(year);
  const auto until = from ? year_start(std::to_string(std::stoi(std::string(year)) + 1))
                          : std::nullopt;
  if (!from || !until)
    return respond(problem_response(
      make_failure(request_errc::route_not_found, "the year must be 1970 to 9998"), rid));
  const auto owner = request.caller_id;
  users_.user(owner, [this, respond, rid, owner, from = *from, until = *until,
                      year = std::string(year)](result<user_view> u) {
    if (!u)
      return respond(problem_response(u.error(), rid));
    gateway_.read_projection<std::vector<tax_line>>(
      transactions_projection.name,
      [owner, categories = effective_categories(u->categories), from,
       until](const event_store& store) -> result<std::vector<tax_line>> {
        auto entries = transactions_between(store, owner, from, until);
        if (!entries)
          return entries.error();
        return tax_summary(*entries, categories, from, until);
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

void report_routes::monthly(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  const auto year = query_number(query_value(request.query, "year"), 0, 1970, 9998);
  const auto starts = year && *year != 0 ? month_starts(static_cast<int>(*year)) : std::nullopt;
  if (!starts)
    return respond(problem_response(
      make_failure(request_errc::invalid_query, "year is required, 1970 to 9998"), rid));
  gateway_.read_projection<std::vector<monthly_total>>(
    transactions_projection.name,
    [owner = request.caller_id, starts = *starts](const event_store& store)
      -> result<std::vector<monthly_total>> {
      auto entries = transactions_between(store, owner, starts.front(), starts.back());
      if (!entries)
        return entries.error();
      return monthly_totals(*entries, starts);
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

void report_routes::net_worth(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  users_.user(request.caller_id, [this, respond, rid,
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

std::span<const route_def<report_routes>> report_routes::routes() {
  static constexpr route_def<report_routes> table[] = {
    {"GET", "/finance/tax/{year}", &report_routes::tax_year, signed_in},
    {"GET", "/finance/reports/monthly", &report_routes::monthly, signed_in},
    {"GET", "/finance/reports/net-worth", &report_routes::net_worth, signed_in},
  };
  return table;
}

} // namespace pfms
