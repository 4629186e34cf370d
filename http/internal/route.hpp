#pragma once

// A route as the router's table names it: which handler, which method, and
// what the request needs before it runs. Only the router includes it.

#include <string_view>

namespace pfms::http::internal {

enum class route_id {
  livez, readyz, register_user, login, refresh, logout, me, update_me, change_password,
  create_account, get_account, rename_account, close_account, record_transaction, openapi,
  amend_transaction, void_transaction, list_accounts, reconcile_account, list_categories,
  define_category, tax_year, list_transactions, monthly_report,
  export_me, erase_me, change_email, create_transfer, get_transfer, net_worth, create_group,
  list_groups, social_balances, originate_loan, list_loans,
  group_item, ///< one of group_items, by `item`
  loan_item,  ///< one of loan_items, by `item`
};

struct route {
  route_id id;
  std::string_view method;
  bool authenticated;
  bool idempotent; ///< honours Idempotency-Key
  int item = -1;   ///< for an item route: the index into its family's items
};

} // namespace pfms::http::internal
