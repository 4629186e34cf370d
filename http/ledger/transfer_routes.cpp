#include "http/ledger/transfer_routes.hpp"

#include "actors/ledger/core/account_error.hpp"
#include "events/store_error.hpp"
#include "http/ledger/transaction_json.hpp"
#include "http/runtime/idempotency.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/responses.hpp"
#include "http/runtime/rfc3339.hpp"

#include <boost/json/object.hpp>

namespace pfms {

namespace {

result<hold_transfer> parse_transfer(const http_request& request, std::string id) {
  auto body = json_body::parse(request.body, {"from_account_id", "to_account_id", "amount_minor",
                                              "currency", "to_amount_minor"});
  if (!body)
    return body.error();
  auto from = body->string_field("from_account_id");
  auto to = from ? body->string_field("to_account_id") : from;
  auto currency = to ? body->string_field("currency") : to;
  if (!currency)
    return currency.error();
  auto amount = body->int_field("amount_minor");
  auto to_amount = amount ? body->optional_int_field("to_amount_minor") : amount;
  if (!to_amount)
    return to_amount.error();
  if (body->has("to_amount_minor") && *to_amount <= 0)
    return make_failure(account_errc::invalid_amount, "to_amount_minor must be greater than 0");
  return hold_transfer{*from, std::move(id), *to, *amount, *currency, {}, *to_amount,
                       request.caller_id};
}

boost::json::object transfer_json(const transfer_view& t) {
  boost::json::object out{{"id", t.transfer_id},           {"status", t.status},
                          {"from_account_id", t.from_account_id},
                          {"to_account_id", t.to_account_id},
                          {"amount_minor", t.amount_minor}, {"currency", t.currency},
                          {"to_amount_minor", t.to_amount_minor},
                          {"to_currency", t.to_currency}};
  if (!t.reason.empty())
    out["reason"] = t.reason;
  return out;
}

// Credited but not yet settled is still "pending": the saga has a step to go.
const char* status_name(std::uint32_t status) {
  return status == 2 ? "completed" : status == 3 ? "released" : "pending";
}

} // namespace

void transfer_routes::create(const http_request& request, responder respond) const {
  auto command = parse_transfer(request, new_entity_id(request, ids_, "transfer"));
  if (!command)
    return respond(problem_response(command.error(), request.request_id));
  gateway_.command(std::move(*command), context_of(request),
                    [respond, rid = request.request_id,
                     keyed = !request.idempotency_key.empty()](result<transfer_view> reply) {
                      // The id came from the key: another transfer under it is the
                      // key reused for another request.
                      if (!reply && keyed && is(reply.error(), account_errc::transfer_exists))
                        return respond(problem_response(
                          make_failure(store_errc::idempotency_mismatch,
                                       "this Idempotency-Key was used for another transfer"),
                          rid));
                      if (!reply)
                        return respond(problem_response(reply.error(), rid));
                      auto r = json_response(201, transfer_json(*reply));
                      r.headers.emplace_back("Location", "/finance/transfers/" + reply->transfer_id);
                      respond(std::move(r));
                    });
}

void transfer_routes::get(const http_request& request, std::string_view id,
                          responder respond) const {
  gateway_.transfer_row_of(
    std::string(id),
    [respond, rid = request.request_id, caller = request.caller_id](result<transfer_row> row) {
      // Another user's transfer answers exactly as a missing one.
      if ((!row && is(row.error(), store_errc::not_found)) || (row && row->owner_id != caller))
        return respond(problem_response(
          make_failure(account_errc::transfer_not_found, "no such transfer"), rid));
      if (!row)
        return respond(problem_response(row.error(), rid));
      auto body = transfer_json({row->transfer_id, row->from_account_id, row->to_account_id,
                                 row->amount_minor, row->currency, row->to_amount_minor,
                                 row->to_currency, status_name(row->status),
                                 row->reason, 0});
      body["held_at"] = format_rfc3339(row->held_at_us);
      respond(json_response(200, body));
    });
}

std::span<const route_def<transfer_routes>> transfer_routes::routes() {
  static constexpr route_def<transfer_routes> table[] = {
    {"POST", "/finance/transfers", &transfer_routes::create, signed_in | idempotent},
    {"GET", "/finance/transfers/{id}", &transfer_routes::get, signed_in},
  };
  return table;
}

} // namespace pfms
