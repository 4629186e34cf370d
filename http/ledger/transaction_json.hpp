#pragma once

// Transactions in the HTTP API: the optional lists of a request body (tags,
// split lines) and a transaction as answered.

#include "actors/ledger/account_messages.hpp"
#include "actors/ledger/core/transaction_query.hpp"
#include "events/result.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/request_context.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace pfms {

/// "tags": an array of strings (empty when absent).
[[nodiscard]] result<std::vector<std::string>> tags_of(const json_body& body);

/// "lines": an array of {"category", "amount_minor"} (empty when absent).
[[nodiscard]] result<std::vector<split_line>> splits_of(const json_body& body);

/// A transaction as the routes answer it.
[[nodiscard]] boost::json::object receipt_json(const transaction_receipt& t);

/// A line of a transaction list: a transaction, or a transfer's leg (kind
/// "transfer", with the transfer's id, direction and other account).
[[nodiscard]] boost::json::object listed_json(const listed_transaction& line);

} // namespace pfms
