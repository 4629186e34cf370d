#include "http/ledger/transfer_routes.hpp"

#include "actors/ledger/core/account_error.hpp"
#include "events/store_error.hpp"
#include "http/ledger/time_page_token.hpp"
#include "http/ledger/transaction_json.hpp"
#include "http/runtime/idempotency.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/responses.hpp"
#include "http/runtime/rfc3339.hpp"

#include <boost/json/array.hpp>
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

// A projected transfer: the item of GET /finance/transfers/{id} and of the list.
boost::json::object row_json(const transfer_row& row) {
  auto body = transfer_json({row.transfer_id, row.from_account_id, row.to_account_id,
                             row.amount_minor, row.currency, row.to_amount_minor,
                             row.to_currency, status_name(row.status), row.reason, 0});
  body["held_at"] = format_rfc3339(row.held_at_us);
  return body;
}

// A page of the caller's transfers, and where the next one starts.
struct transfer_page {
  std::vector<transfer_row> items;
  std::optional<time_page_token> next;
};

result<transfer_page> page_of(const event_store& store, const std::string& owner,
                              const std::optional<time_page_token>& after, std::size_t limit) {
  transfer_page page;
  std::optional<std::pair<time_us, std::string>> from;
  if (after)
    from = std::pair{after->at, after->id};
  auto scanned = scan_owner_transfers(store, owner, from, [&](transfer_row row) {
    if (page.items.size() == limit) {
      const auto& last = page.items.back();
      page.next = time_page_token{last.held_at_us, last.transfer_id};
      return false;
    }
    page.items.push_back(std::move(row));
    return true;
  });
  if (!scanned)
    return scanned.error();
  return page;
}

} // namespace

void transfer_routes::list(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  const auto limit = query_number(query_value(request.query, "limit"), page_size_default, 1,
                                  page_size_max);
  auto after = page_token_param(request.query);
  if (!limit)
    after = make_failure(request_errc::invalid_query, "limit must be 1 to 200");
  if (!after)
    return respond(problem_response(after.error(), rid));
  gateway_.read_projection<transfer_page>(
    transfers_projection.name,
    [owner = request.caller_id, after = *after, limit = *limit](const event_store& store) {
      return page_of(store, owner, after, limit);
    },
    [respond, rid](result<transfer_page> page) {
      if (!page)
        return respond(problem_response(page.error(), rid));
      boost::json::array items;
      for (const auto& row : page->items)
        items.push_back(row_json(row));
      boost::json::object body{{"items", std::move(items)}};
      body["next_page_token"] = page->next ? boost::json::value(encode_page_token(
                                               page->next->at, page->next->id))
                                           : boost::json::value(nullptr);
      respond(json_response(200, body));
    });
}

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
      respond(json_response(200, row_json(*row)));
    });
}

std::span<const route_def<transfer_routes>> transfer_routes::routes() {
  static constexpr route_def<transfer_routes> table[] = {
    {"POST", "/finance/transfers", &transfer_routes::create, signed_in | idempotent},
    {"GET", "/finance/transfers", &transfer_routes::list, signed_in, no_merge,
     "limit,page_token"},
    {"GET", "/finance/transfers/{id}", &transfer_routes::get, signed_in},
  };
  return table;
}

} // namespace pfms
