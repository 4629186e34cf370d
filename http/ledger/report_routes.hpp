#pragma once

#include "http/identity/identity_gateway.hpp"
#include "actors/ledger/core/category_report.hpp"
#include "http/ledger/ledger_gateway.hpp"
#include "http/ledger/time_zone_book.hpp"
#include "http/lending/loan_gateway.hpp"
#include "http/social/group_gateway.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/route_table.hpp"

#include <functional>
#include <span>
#include <vector>
#include <string_view>

namespace pfms {

/// The caller's reports:
///   GET  /finance/tax/{year}            → taxable income and deductible expenses by tax category
///   GET  /finance/reports/monthly?year= → income and expense by month and category
///   GET  /finance/reports/net-worth     → every account in the base currency
/// Borrows the gateways (the ledger's also reads the transactions projection)
/// and the time zones.
class report_routes {
public:
  report_routes(const ledger_gateway& gateway, const identity_gateway& users,
                const loan_gateway& loans, const group_gateway& groups,
                const time_zone_book& zones)
    : gateway_(gateway), users_(users), loans_(loans), groups_(groups), zones_(zones) {}
  /// The most transactions one report reads (of one year, plus two days each way).
  static constexpr std::size_t scan_max = 200'000;

  /// The domain's routes: the reports.
  [[nodiscard]] static std::span<const route_def<report_routes>> routes();

  void tax_year(const http_request& request, std::string_view year, responder respond) const;
  /// GET /finance/reports/monthly?year=: income and expense per month, category, currency.
  void monthly(const http_request& request, responder respond) const;
  /// GET /finance/reports/net-worth: the caller's accounts, and what their
  /// loans owe them or they owe, in their base currency at the rates of their
  /// latest cross-currency transfers, read-your-writes. In a cluster each node
  /// answers its part (its loans; the caller's node also the accounts and
  /// rates), and `merge_net_worth` values them together.
  void net_worth(const http_request& request, responder respond) const;
  [[nodiscard]] static http_response merge_net_worth(const http_request& request,
                                                     std::span<const node_part> parts);
  /// The most loans of one node a net worth counts (past them it is not complete).
  static constexpr std::size_t loans_max = loans_page_max;

private:
  struct report_input {
    user_view user;
    std::vector<category_total> totals;
  };
  using report_callback = std::function<void(result<report_input>)>;
  /// The caller's totals of `year` (by month or whole) in their time zone,
  /// read-your-writes, with the caller as they are.
  void year_totals(const http_request& request, int year, bool by_month,
                   report_callback done) const;

  const ledger_gateway& gateway_;
  const identity_gateway& users_;
  const loan_gateway& loans_;
  const group_gateway& groups_;
  const time_zone_book& zones_;
};

/// A total past int64, answered as the ledger's other sums are (amount_overflow).
[[nodiscard]] failure as_amount_overflow(const failure& f);

} // namespace pfms
