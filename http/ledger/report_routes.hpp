#pragma once

#include "http/identity/identity_gateway.hpp"
#include "http/ledger/ledger_gateway.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/route_table.hpp"

#include <span>
#include <string_view>

namespace pfms {

/// The caller's reports:
///   GET  /finance/tax/{year}            → taxable income and deductible expenses by tax category
///   GET  /finance/reports/monthly?year= → income and expense by month and category
///   GET  /finance/reports/net-worth     → every account in the base currency
/// Borrows the gateways (the ledger's also reads the transactions projection).
class report_routes {
public:
  report_routes(const ledger_gateway& gateway, const identity_gateway& users)
    : gateway_(gateway), users_(users) {}

  /// The domain's routes: the reports.
  [[nodiscard]] static std::span<const route_def<report_routes>> routes();

  void tax_year(const http_request& request, std::string_view year, responder respond) const;
  /// GET /finance/reports/monthly?year=: income and expense per month, category, currency.
  void monthly(const http_request& request, responder respond) const;
  /// GET /finance/reports/net-worth: balances in the caller's base currency at
  /// the rates of their latest cross-currency transfers, read-your-writes.
  void net_worth(const http_request& request, responder respond) const;

private:
  const ledger_gateway& gateway_;
  const identity_gateway& users_;
};

} // namespace pfms
