#include "http/social/group_json.hpp"

#include "http/runtime/json_body.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/rfc3339.hpp"

#include <boost/json/array.hpp>

namespace pfms {

namespace {

// A list of {"user_id", <amount_key>} objects under `key`.
result<std::vector<member_amount>> member_list(const json_body& body, std::string_view key,
                                               std::string_view amount_key, bool amount_required) {
  auto items = body.optional_array_field(key);
  if (!items)
    return items.error();
  std::vector<member_amount> out;
  for (const auto& item : *items) {
    auto entry = json_body::of_object(item, {"user_id", amount_key});
    auto user = entry ? entry->string_field("user_id") : result<std::string>(entry.error());
    auto amount = !user ? result<std::int64_t>(user.error())
                  : amount_required ? entry->int_field(amount_key)
                                    : entry->optional_int_field(amount_key);
    if (!amount)
      return amount.error();
    out.push_back({*user, *amount});
  }
  return out;
}

boost::json::array amounts_json(const std::vector<member_amount>& list) {
  boost::json::array out;
  for (const auto& m : list)
    out.push_back(boost::json::object{{"user_id", m.user_id}, {"amount_minor", m.amount_minor}});
  return out;
}

boost::json::array entries_json(const std::vector<balance_entry>& list) {
  boost::json::array out;
  for (const auto& e : list)
    out.push_back(boost::json::object{{"id", e.entry_id}, {"kind", e.kind},
                                      {"description", e.description},
                                      {"effect_minor", e.delta_minor}});
  return out;
}

boost::json::object payment_json(const payment& p, const std::string& currency) {
  return {{"from", p.from}, {"to", p.to}, {"amount_minor", p.amount_minor}, {"currency", currency}};
}

} // namespace

result<record_group_expense> parse_group_expense(const http_request& request, std::string group_id,
                                                 std::string expense_id) {
  auto body = json_body::parse(request.body, {"amount_minor", "currency", "description",
                                              "category", "occurred_at", "paid_by", "split"});
  if (!body)
    return body.error();
  auto amount = body->int_field("amount_minor");
  auto currency = amount ? body->string_field("currency") : result<std::string>(amount.error());
  auto description = currency ? body->string_field("description") : currency;
  auto category = description ? body->optional_string_field("category") : description;
  auto when = category ? body->optional_string_field("occurred_at") : category;
  if (!when)
    return when.error();
  auto occurred = when->empty() ? std::optional<time_us>(0) : parse_rfc3339(*when);
  if (!occurred)
    return make_failure(request_errc::invalid_timestamp, "'occurred_at' must be RFC 3339");
  if (!body->has("paid_by"))
    return make_failure(request_errc::missing_field, "'paid_by' is required");
  auto paid = member_list(*body, "paid_by", "amount_minor", true);
  if (!paid)
    return paid.error();
  auto split = body->object_field("split", {"method", "parts"});
  auto method_name = split ? split->string_field("method") : result<std::string>(split.error());
  auto method = method_name ? parse_split_method(*method_name)
                            : result<split_method>(method_name.error());
  auto parts = method ? member_list(*split, "parts", "value", *method != split_method::equal)
                      : result<std::vector<member_amount>>(method.error());
  if (!parts)
    return parts.error();
  record_group_expense c{std::move(group_id), request.caller_id, std::move(expense_id), *amount,
                         *currency, *description, *category, *occurred, std::move(*paid),
                         *method, {}};
  for (const auto& p : *parts)
    c.parts.push_back({p.user_id, p.amount_minor});
  return c;
}

result<record_settlement> parse_settlement(const http_request& request, std::string group_id,
                                           std::string settlement_id) {
  auto body = json_body::parse(request.body, {"from_user_id", "to_user_id", "amount_minor",
                                              "currency", "transfer_id"});
  if (!body)
    return body.error();
  auto from = body->string_field("from_user_id");
  auto to = from ? body->string_field("to_user_id") : from;
  auto currency = to ? body->string_field("currency") : to;
  auto transfer = currency ? body->optional_string_field("transfer_id") : currency;
  if (!transfer)
    return transfer.error();
  auto amount = body->int_field("amount_minor");
  if (!amount)
    return amount.error();
  return record_settlement{std::move(group_id), request.caller_id, std::move(settlement_id),
                           *from, *to, *amount, *currency, *transfer};
}

boost::json::object group_json(const group_view& g) {
  boost::json::array members;
  for (const auto& m : g.members)
  {
    boost::json::object member{{"user_id", m.user_id}, {"status", m.status}, {"role", m.role}};
    if (!m.name.empty())
      member["name"] = m.name;
    members.push_back(std::move(member));
  }
  return {{"id", g.group_id},        {"name", g.name},       {"currency", g.currency},
          {"members", std::move(members)}, {"version", g.version}, {"archived", g.archived}};
}

boost::json::object expense_json(const expense_view& v) {
  const auto& e = v.expense;
  boost::json::object out{{"id", e.expense_id},           {"group_id", v.group_id},
                          {"amount_minor", e.amount_minor}, {"currency", e.currency},
                          {"description", e.description}, {"category", e.category},
                          {"paid_by", amounts_json(e.paid)}, {"owed", amounts_json(e.owed)},
                          {"method", to_string(e.method)}, {"deleted", e.deleted},
                          {"version", v.version}};
  if (e.occurred_at_us != 0)
    out["occurred_at"] = format_rfc3339(e.occurred_at_us);
  return out;
}

boost::json::object settlement_json(const settlement_view& v) {
  const auto& s = v.settlement;
  boost::json::object out{{"id", s.settlement_id},     {"group_id", v.group_id},
                          {"from_user_id", s.from},    {"to_user_id", s.to},
                          {"amount_minor", s.amount_minor}, {"currency", s.currency},
                          {"version", v.version}};
  if (!s.transfer_id.empty())
    out["transfer_id"] = s.transfer_id;
  return out;
}

boost::json::object balances_json(const group_balances& b) {
  boost::json::array balances;
  for (const auto& m : b.balances)
    balances.push_back(boost::json::object{{"user_id", m.user_id}, {"currency", m.currency},
                                           {"balance_minor", m.balance_minor}});
  boost::json::array simplified;
  for (const auto& p : b.simplified) {
    auto item = payment_json(p.pay, p.currency);
    item["because"] = boost::json::object{{"from", entries_json(p.from_entries)},
                                          {"to", entries_json(p.to_entries)}};
    simplified.push_back(std::move(item));
  }
  boost::json::array pairwise;
  for (const auto& d : b.pairwise)
    pairwise.push_back(payment_json(d.pay, d.currency));
  return {{"balances", std::move(balances)}, {"simplified", std::move(simplified)},
          {"pairwise", std::move(pairwise)}};
}

boost::json::object group_event_json(const group_event& e) {
  if (const auto* c = std::get_if<group_created>(&e))
    return {{"name", c->name}, {"currency", c->currency}, {"owner_id", c->owner_id}};
  if (const auto* i = std::get_if<member_invited>(&e))
    return {{"user_id", i->user_id}, {"invited_by", i->invited_by}};
  if (const auto* j = std::get_if<member_joined>(&e))
    return {{"user_id", j->user_id}};
  if (const auto* l = std::get_if<member_left>(&e))
    return {{"user_id", l->user_id}};
  if (const auto* r = std::get_if<expense_recorded>(&e))
    return expense_json({{}, r->expense, 0});
  if (const auto* d = std::get_if<expense_deleted>(&e))
    return {{"expense_id", d->expense_id}};
  if (const auto* s = std::get_if<settlement_recorded>(&e))
    return settlement_json({{}, s->settlement, 0});
  if (const auto* x = std::get_if<expense_edited>(&e))
    return {{"before", expense_json({{}, x->before, 0})}, {"now", expense_json({{}, x->now, 0})}};
  if (const auto* p = std::get_if<participant_added>(&e))
    return {{"participant_id", p->participant_id}, {"name", p->name}};
  if (const auto* m = std::get_if<member_removed>(&e))
    return {{"user_id", m->user_id}, {"removed_by", m->removed_by}};
  return {};
}

} // namespace pfms
