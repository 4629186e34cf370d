#pragma once

#include "http/http_message.hpp"
#include "http/route_table.hpp"
#include "http/ledger_gateway.hpp"

#include <span>
#include <string_view>

namespace pfms {

/// The caller's categories and their tax year:
///   GET  /finance/categories          → the defaults with the caller's own laid over
///   PUT  /finance/categories/{name}   → tax_category ("" for none) → 200 with the list
///   GET  /finance/tax/{year}          → taxable income and deductible expenses by tax category
///   GET  /finance/reports/monthly?year= → income and expense by month and category
///   GET  /finance/reports/net-worth     → every account in the base currency (net_worth_route.cpp)
/// Borrows the gateway.
class category_routes {
public:
  explicit category_routes(const ledger_gateway& gateway) : gateway_(gateway) {}

  /// The domain's routes: categories, the tax year and the reports.
  [[nodiscard]] static std::span<const route_def<category_routes>> routes();

  void list(const http_request& request, responder respond) const;
  void define(const http_request& request, std::string_view name, responder respond) const;
  void tax_year(const http_request& request, std::string_view year, responder respond) const;
  /// GET /finance/reports/monthly?year=: income and expense per month, category, currency.
  void monthly(const http_request& request, responder respond) const;
  /// GET /finance/reports/net-worth: balances in the caller's base currency at
  /// the rates of their latest cross-currency transfers, read-your-writes.
  void net_worth(const http_request& request, responder respond) const;

private:
  const ledger_gateway& gateway_;
};

} // namespace pfms
