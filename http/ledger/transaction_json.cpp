#include "http/ledger/transaction_json.hpp"

#include "http/runtime/request_error.hpp"
#include "http/runtime/rfc3339.hpp"

#include <boost/json/array.hpp>

namespace pfms {

namespace {

boost::json::array tags_json(const std::vector<std::string>& tags) {
  boost::json::array out;
  for (const auto& tag : tags)
    out.emplace_back(tag);
  return out;
}

boost::json::array splits_json(const std::vector<split_line>& splits) {
  boost::json::array out;
  for (const auto& line : splits)
    out.push_back(boost::json::object{{"category", line.category},
                                      {"amount_minor", line.amount_minor}});
  return out;
}

} // namespace

// "tags": an array of strings.
result<std::vector<std::string>> tags_of(const json_body& body) {
  auto items = body.optional_array_field("tags");
  if (!items)
    return items.error();
  std::vector<std::string> out;
  for (const auto& item : *items) {
    if (!item.is_string())
      return make_failure(request_errc::invalid_field, "'tags' must be an array of strings");
    out.emplace_back(item.get_string());
  }
  return out;
}

// "lines": an array of {"category", "amount_minor"}.
result<std::vector<split_line>> splits_of(const json_body& body) {
  auto items = body.optional_array_field("lines");
  if (!items)
    return items.error();
  std::vector<split_line> out;
  for (const auto& item : *items) {
    auto line = json_body::of_object(item, {"category", "amount_minor"});
    auto category = line ? line->string_field("category") : result<std::string>(line.error());
    auto amount = category ? line->int_field("amount_minor") : result<std::int64_t>(category.error());
    if (!amount)
      return amount.error();
    out.push_back({*category, *amount});
  }
  return out;
}

boost::json::object receipt_json(const transaction_receipt& t) {
  return {{"id", t.transaction_id},
          {"account_id", t.account_id},
          {"kind", t.kind},
          {"amount_minor", t.amount_minor},
          {"currency", t.currency},
          {"occurred_at", format_rfc3339(t.occurred_at_us)},
          {"recorded_at", format_rfc3339(t.recorded_at_us)},
          {"balance_minor", t.balance_minor},
          {"version", t.version},
          {"position", t.position},
          {"category", t.category},
          {"note", t.note},
          {"payee", t.payee},
          {"tags", tags_json(t.tags)},
          {"lines", splits_json(t.splits)},
          {"voided", t.voided}};
}

boost::json::object listed_json(const listed_transaction& line) {
  // The names of the item (receipt_json), for the fields the list has.
  const auto& t = line.entry.content;
  boost::json::object item{{"id", t.transaction_id},
                           {"account_id", line.account_id},
                           {"kind", to_string(t.kind)},
                           {"amount_minor", t.amount_minor},
                           {"currency", t.currency},
                           {"occurred_at", format_rfc3339(t.occurred_at_us)},
                           {"category", t.category},
                           {"note", t.note},
                           {"payee", t.payee},
                           {"tags", tags_json(t.tags)},
                           {"lines", splits_json(t.splits)},
                           {"voided", line.entry.voided}};
  if (const auto& leg = line.transfer) {
    item["kind"] = "transfer";
    item["transfer"] = {{"id", leg->transfer_id},
                        {"direction", leg->outgoing ? "out" : "in"},
                        {"counterpart_account_id", leg->counterpart_account_id},
                        {"counterpart_amount_minor", leg->counterpart_amount_minor},
                        {"counterpart_currency", leg->counterpart_currency}};
  }
  return item;
}

} // namespace pfms
