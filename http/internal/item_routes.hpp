#pragma once

// The routes below one item of the API (a group, a loan), by what follows its
// id in the path. Only router.cpp includes it; the handlers take the index.

#include <string>
#include <string_view>

namespace pfms::http::internal {

inline constexpr std::string_view groups_prefix = "/social/groups/";
inline constexpr std::string_view loans_prefix = "/loans/";

// The routes below one item (a group, a loan), by what follows its id.
struct item_route {
  std::string_view suffix; ///< "" for the item itself; "/expenses/" takes an expense id
  std::string_view method;
  bool idempotent;
};
inline constexpr item_route group_items[] = {
  {"", "GET", false},          {"/members", "POST", true},  {"/join", "POST", false},
  {"/leave", "POST", false},   {"/expenses", "POST", true}, {"/expenses/", "DELETE", false},
  {"/settlements", "POST", true}, {"/balances", "GET", false},
  {"/expenses/", "PATCH", false}, {"/members/", "DELETE", false}, {"/archive", "POST", false},
  {"/activity", "GET", false},
};
// In the order loan_routes::item takes them.
inline constexpr item_route loan_items[] = {
  {"", "GET", false},           {"/accept", "POST", false},     {"/disburse", "POST", true},
  {"/repayments", "POST", true}, {"/prepayments", "POST", true}, {"/rate-changes", "POST", true},
  {"/schedule", "GET", false},  {"/what-if", "POST", false},    {"/payoff", "GET", false},
  {"/write-off", "POST", false}, {"/close", "POST", false},
};

// The path parameter after a group suffix that takes one ("/members/" → "{user_id}").
inline std::string item_parameter(std::string_view suffix) {
  if (suffix == "/members/")
    return "{user_id}";
  return suffix.ends_with('/') ? "{expense_id}" : "";
}

} // namespace pfms::http::internal
