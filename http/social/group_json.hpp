#pragma once

// Groups in the HTTP API: requests read into commands, replies written as JSON.

#include "actors/social/group_messages.hpp"
#include "events/result.hpp"
#include "http/runtime/http_message.hpp"

#include <boost/json/object.hpp>

namespace pfms {

[[nodiscard]] result<record_group_expense> parse_group_expense(const http_request& request,
                                                               std::string group_id,
                                                               std::string expense_id);
[[nodiscard]] result<record_settlement> parse_settlement(const http_request& request,
                                                         std::string group_id,
                                                         std::string settlement_id);

[[nodiscard]] boost::json::object group_json(const group_view& g);
[[nodiscard]] boost::json::object expense_json(const expense_view& e);
[[nodiscard]] boost::json::object settlement_json(const settlement_view& s);
[[nodiscard]] boost::json::object balances_json(const group_balances& b);
/// One event of a group's history as the activity feed shows it.
[[nodiscard]] boost::json::object group_event_json(const group_event& e);

} // namespace pfms
