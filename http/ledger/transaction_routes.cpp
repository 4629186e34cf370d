// PATCH and DELETE /finance/accounts/{account_id}/transactions/{transaction_id}:
// amend and void a recorded transaction. Both write new events; the history stays.

#include "http/ledger/account_routes.hpp"

#include "http/ledger/transaction_json.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/responses.hpp"
#include "http/runtime/rfc3339.hpp"

namespace pfms {

namespace {

// Sets the string field `key` of the amendment when the body has it.
status take_string(const json_body& body, std::string_view key, amend_field bit,
                   amend_transaction& c, std::string amend_transaction::*field) {
  if (!body.has(key))
    return done{};
  auto value = body.string_field(key);
  if (!value)
    return value.error();
  c.*field = std::move(*value);
  c.set |= bit;
  return done{};
}

// The amendment a PATCH body asks for: only the fields it names change.
result<amend_transaction> parse_amend(const http_request& request, std::string account_id,
                                      std::string transaction_id) {
  auto body = json_body::parse(request.body, {"kind", "amount_minor", "occurred_at", "category",
                                              "note", "payee", "tags", "lines",
                                              "override_lock"});
  if (!body)
    return body.error();
  amend_transaction c{std::move(account_id), std::move(transaction_id), request.caller_id};
  for (auto [key, bit, field] : {std::tuple{"kind", amend_kind, &amend_transaction::kind},
                                 std::tuple{"category", amend_category, &amend_transaction::category},
                                 std::tuple{"note", amend_note, &amend_transaction::note},
                                 std::tuple{"payee", amend_payee, &amend_transaction::payee}})
    if (auto ok = take_string(*body, key, bit, c, field); !ok)
      return ok.error();
  if (body->has("amount_minor")) {
    auto amount = body->int_field("amount_minor");
    if (!amount)
      return amount.error();
    c.amount_minor = *amount;
    c.set |= amend_amount;
  }
  if (body->has("occurred_at")) {
    auto text = body->string_field("occurred_at");
    auto when = text ? parse_rfc3339(*text) : std::nullopt;
    if (!when)
      return make_failure(request_errc::invalid_timestamp,
                          "'occurred_at' must be RFC 3339 with an offset");
    c.occurred_at_us = *when;
    c.set |= amend_occurred_at;
  }
  if (body->has("tags")) {
    auto tags = tags_of(*body);
    if (!tags)
      return tags.error();
    c.tags = std::move(*tags);
    c.set |= amend_tags;
  }
  if (body->has("lines")) {
    auto splits = splits_of(*body);
    if (!splits)
      return splits.error();
    c.splits = std::move(*splits);
    c.set |= amend_splits;
  }
  auto override_lock = body->optional_bool_field("override_lock");
  if (!override_lock)
    return override_lock.error();
  c.override_lock = *override_lock;
  // If-Match travels in the context (versioned_context_of); refused here when malformed.
  if (auto version = if_match_version(request.if_match); !version)
    return version.error();
  return c;
}

reply_callback<transaction_receipt> answer_transaction(responder respond, std::string rid) {
  return [respond = std::move(respond), rid = std::move(rid)](result<transaction_receipt> reply) {
    if (!reply)
      return respond(problem_response(reply.error(), rid));
    auto r = json_response(200, receipt_json(*reply));
    r.headers.emplace_back("ETag", etag(reply->version));
    respond(std::move(r));
  };
}

} // namespace

void account_routes::amend_transaction(const http_request& request, std::string_view account_id,
                                       std::string_view transaction_id, responder respond) const {
  auto command = parse_amend(request, std::string(account_id), std::string(transaction_id));
  if (!command)
    return respond(problem_response(command.error(), request.request_id));
  gateway_.command(std::move(*command), versioned_context_of(request),
                              answer_transaction(std::move(respond), request.request_id));
}

void account_routes::void_transaction(const http_request& request, std::string_view account_id,
                                      std::string_view transaction_id, responder respond) const {
  auto version = if_match_version(request.if_match);
  if (!version)
    return respond(problem_response(version.error(), request.request_id));
  const auto override_lock = query_value(request.query, "override_lock");
  if (!override_lock.empty() && override_lock != "true" && override_lock != "false")
    return respond(problem_response(
      make_failure(request_errc::invalid_query, "override_lock must be true or false"),
      request.request_id));
  gateway_.command(pfms::void_transaction{std::string(account_id),
                                                     std::string(transaction_id),
                                                     request.caller_id,
                                                     override_lock == "true"},
                              context_of(request, *version),
                              answer_transaction(std::move(respond), request.request_id));
}

void account_routes::reconcile_account(const http_request& request, std::string_view id,
                                       responder respond) const {
  const auto rid = request.request_id;
  auto body = json_body::parse(request.body, {"statement_date", "statement_balance_minor"});
  auto date = body ? body->string_field("statement_date") : result<std::string>(body.error());
  auto balance = date ? body->int_field("statement_balance_minor")
                      : result<std::int64_t>(date.error());
  if (!balance)
    return respond(problem_response(balance.error(), rid));
  const auto when = parse_rfc3339(*date);
  if (!when)
    return respond(problem_response(
      make_failure(request_errc::invalid_timestamp,
                   "'statement_date' must be RFC 3339 with an offset"),
      rid));
  auto version = if_match_version(request.if_match);
  if (!version)
    return respond(problem_response(version.error(), rid));
  gateway_.command(
    pfms::reconcile_account{std::string(id), request.caller_id, *when, *balance},
    context_of(request, *version), [respond, rid](result<reconciliation_receipt> r) {
      if (!r)
        return respond(problem_response(r.error(), rid));
      boost::json::object out{
        {"account_id", r->account_id},
        {"statement_date", format_rfc3339(r->statement_date_us)},
        {"statement_balance_minor", r->statement_balance_minor},
        {"computed_balance_minor", r->computed_balance_minor},
        {"difference_minor", r->statement_balance_minor - r->computed_balance_minor},
        {"matched", r->matched},
        {"version", r->version}};
      out["locked_until"] = r->locked_until_us == 0
                              ? boost::json::value(nullptr)
                              : boost::json::value(format_rfc3339(r->locked_until_us));
      auto response = json_response(200, out);
      response.headers.emplace_back("ETag", etag(r->version));
      respond(std::move(response));
    });
}

} // namespace pfms
