#include "http/ledger/account_routes.hpp"

#include "actors/ledger/core/account_error.hpp"
#include "events/store_error.hpp"
#include "http/identity/jwt.hpp"
#include "http/ledger/transaction_json.hpp"
#include "http/runtime/idempotency.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/responses.hpp"
#include "http/runtime/rfc3339.hpp"

#include <boost/json/value.hpp>

namespace pfms {

namespace {

result<open_account> parse_open(const http_request& request, std::string id) {
  // The owner is the authenticated caller, never a body field.
  auto body = json_body::parse(request.body, {"name", "kind", "currency",
                                              "opening_balance_minor", "credit_limit_minor"});
  if (!body)
    return body.error();
  auto name = body->string_field("name");
  auto kind = name ? body->string_field("kind") : name;
  auto currency = kind ? body->string_field("currency") : kind;
  if (!currency)
    return currency.error();
  auto opening = body->optional_int_field("opening_balance_minor");
  auto limit = opening ? body->optional_int_field("credit_limit_minor") : opening;
  if (!limit)
    return limit.error();
  return open_account{std::move(id), *name, *kind, *currency, *opening, *limit, request.caller_id};
}

result<record_transaction> parse_record(const http_request& request, std::string id) {
  auto body = json_body::parse(request.body, {"account_id", "kind", "amount_minor", "currency",
                                              "occurred_at", "category", "note", "payee",
                                              "tags", "lines", "override_lock"});
  if (!body)
    return body.error();
  auto account = body->string_field("account_id");
  auto kind = account ? body->string_field("kind") : account;
  auto currency = kind ? body->string_field("currency") : kind;
  auto occurred = currency ? body->string_field("occurred_at") : currency;
  auto category = occurred ? body->optional_string_field("category") : occurred;
  auto note = category ? body->optional_string_field("note") : category;
  auto payee = note ? body->optional_string_field("payee") : note;
  if (!payee)
    return payee.error();
  auto tags = tags_of(*body);
  if (!tags)
    return tags.error();
  auto splits = splits_of(*body);
  if (!splits)
    return splits.error();
  auto override_lock = body->optional_bool_field("override_lock");
  if (!override_lock)
    return override_lock.error();
  auto amount = body->int_field("amount_minor");
  if (!amount)
    return amount.error();
  // If-Match travels in the context (versioned_context_of); refused here when malformed.
  if (auto version = if_match_version(request.if_match); !version)
    return version.error();
  auto when = parse_rfc3339(*occurred);
  if (!when)
    return make_failure(request_errc::invalid_timestamp,
                        "'occurred_at' must be RFC 3339 with an offset, e.g. "
                        "2026-11-25T10:00:00Z");
  return record_transaction{*account, std::move(id), *kind,  *amount,           *currency,
                            *when,     *category,     *note,  request.caller_id,
                            *payee,    std::move(*tags), std::move(*splits), *override_lock};
}

boost::json::object account_json(const account_view& a) {
  return {{"id", a.account_id},           {"name", a.name},
          {"kind", a.kind},               {"currency", a.currency},
          {"balance_minor", a.balance_minor}, {"credit_limit_minor", a.credit_limit_minor},
          {"closed", a.closed},           {"version", a.version},
          {"position", a.position}};
}

// Answers a changed account: 200 with its ETag.
reply_callback<account_view> answer_account(responder respond, std::string rid) {
  return [respond = std::move(respond), rid = std::move(rid)](result<account_view> reply) {
    if (!reply)
      return respond(problem_response(reply.error(), rid));
    auto r = json_response(200, account_json(*reply));
    r.headers.emplace_back("ETag", etag(reply->version));
    respond(std::move(r));
  };
}

} // namespace

void account_routes::create_account(const http_request& request, responder respond) const {
  auto command = parse_open(request, new_entity_id(request, ids_, "account"));
  if (!command)
    return respond(problem_response(command.error(), request.request_id));
  gateway_.command(std::move(*command), context_of(request),
                [respond, rid = request.request_id](result<account_view> reply) {
                  if (!reply)
                    return respond(problem_response(reply.error(), rid));
                  auto r = json_response(201, account_json(*reply));
                  r.headers.emplace_back("ETag", etag(reply->version));
                  r.headers.emplace_back("Location", "/finance/accounts/" + reply->account_id);
                  respond(std::move(r));
                });
}

void account_routes::record_transaction(const http_request& request, responder respond) const {
  auto command = parse_record(request, new_entity_id(request, ids_, "transaction"));
  if (!command)
    return respond(problem_response(command.error(), request.request_id));
  gateway_.command(std::move(*command), versioned_context_of(request),
                  [respond, rid = request.request_id](result<transaction_receipt> reply) {
                    if (!reply)
                      return respond(problem_response(reply.error(), rid));
                    auto r = json_response(201, receipt_json(*reply));
                    r.headers.emplace_back("ETag", etag(reply->version));
                    r.headers.emplace_back("Location",
                                           "/finance/transactions/" + reply->transaction_id);
                    respond(std::move(r));
                  });
}

void account_routes::get_account(const http_request& request, std::string_view id,
                                 responder respond) const {
  if (!is_canonical_id(id))
    return respond(problem_response(
      make_failure(account_errc::account_not_found, "no such account"), request.request_id));
  auto as_of = query_time(request.query, "as_of");
  if (!as_of)
    return respond(problem_response(as_of.error(), request.request_id));
  if (*as_of)
    return get_account_as_of(request, id, **as_of, std::move(respond));
  gateway_.balance(std::string(id), [respond, rid = request.request_id,
                                     caller = request.caller_id](result<balance_row> reply) {
    // Another user's account answers exactly as a missing one.
    if ((!reply && is(reply.error(), store_errc::not_found))
        || (reply && reply->owner_id != caller))
      return respond(problem_response(
        make_failure(account_errc::account_not_found, "no such account"), rid));
    if (!reply)
      return respond(problem_response(reply.error(), rid));
    const auto& b = *reply;
    auto r = json_response(200, account_json({b.account_id, b.name, b.kind, b.currency,
                                              b.balance_minor, b.credit_limit_minor,
                                              b.version, b.position, b.closed}));
    r.headers.emplace_back("ETag", etag(b.version));
    respond(std::move(r));
  });
}

void account_routes::rename_account(const http_request& request, std::string_view id,
                                    responder respond) const {
  auto body = json_body::parse(request.body, {"name"});
  auto name = body ? body->string_field("name") : result<std::string>(body.error());
  auto version = name ? if_match_version(request.if_match) : result<std::uint64_t>(name.error());
  if (!version)
    return respond(problem_response(version.error(), request.request_id));
  gateway_.command(
    pfms::rename_account{std::string(id), *name, request.caller_id},
    context_of(request, *version), answer_account(std::move(respond), request.request_id));
}

void account_routes::close_account(const http_request& request, std::string_view id,
                                   responder respond) const {
  auto body = json_body::parse(request.body.empty() ? "{}" : request.body,
                               {"transfer_to_account_id"});
  auto other = body ? body->optional_string_field("transfer_to_account_id") : body.error();
  if (!other)
    return respond(problem_response(other.error(), request.request_id));
  auto version = if_match_version(request.if_match);
  if (!version)
    return respond(problem_response(version.error(), request.request_id));
  pfms::close_account command{std::string(id), request.caller_id};
  if (other->empty())
    return gateway_.command(std::move(command), context_of(request, *version),
                                             answer_account(std::move(respond), request.request_id));
  close_with_transfer(request, std::move(command), std::move(*other), std::move(respond));
}

void account_routes::close_with_transfer(const http_request& request,
                                         pfms::close_account command, std::string other,
                                         responder respond) const {
  const auto rid = request.request_id;
  auto close = [this, context = context_of(request), respond, rid](
                 pfms::close_account closing) mutable {
    gateway_.command(std::move(closing), std::move(context),
                                      answer_account(std::move(respond), rid));
  };
  // If-Match names the account as it was before the closing transfer.
  const auto expected = versioned_context_of(request).if_version;
  gateway_.balance(command.account_id, [this, command, other, close, respond, rid, expected,
                                        transfer_id = new_entity_id(request, ids_, "closing"),
                                        context = context_of(request)](result<balance_row> row) mutable {
    // Another user's account answers exactly as a missing one.
    if (!row || row->owner_id != command.caller_id)
      return respond(problem_response(
        make_failure(account_errc::account_not_found, "no such account"), rid));
    if (expected != 0 && expected != row->version)
      return respond(problem_response(
        make_failure(account_errc::precondition_failed,
                     "the account is at version " + std::to_string(row->version)), rid));
    if (row->balance_minor == 0)
      return close(command);
    // The whole balance moves: out of this account, or into it when negative.
    const bool out = row->balance_minor > 0;
    hold_transfer move{out ? command.account_id : other, transfer_id,
                       out ? other : command.account_id,
                       out ? row->balance_minor : -row->balance_minor,
                       row->currency, {}, 0, command.caller_id};
    context.idempotency_key.clear();
    gateway_.command(std::move(move), std::move(context),
                      [close, command, respond, rid](result<transfer_view> moved) mutable {
                        if (!moved)
                          return respond(problem_response(moved.error(), rid));
                        close(command);
                      });
  });
}

void account_routes::list_accounts(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  const auto limit = query_number(query_value(request.query, "limit"), page_size_default, 1,
                                  page_size_max);
  // The cursor is opaque to clients: base64url of the last account id given.
  const auto cursor = query_value(request.query, "page_token");
  std::string after;
  if (!limit || (!cursor.empty() && (!base64url_decode(cursor, after) || !is_canonical_id(after))))
    return respond(problem_response(
      make_failure(request_errc::invalid_query,
                   "limit must be 1 to 200; page_token must be a next_page_token pfms gave"),
      rid));
  gateway_.accounts(request.caller_id, after, static_cast<std::uint32_t>(*limit),
                    [respond, rid](result<account_page> page) {
                      if (!page)
                        return respond(problem_response(page.error(), rid));
                      boost::json::array items;
                      for (const auto& b : page->rows)
                        items.push_back(account_json({b.account_id, b.name, b.kind, b.currency,
                                                      b.balance_minor, b.credit_limit_minor,
                                                      b.version, b.position, b.closed}));
                      boost::json::object body{{"items", std::move(items)}};
                      body["next_page_token"] = page->more
                                              ? boost::json::value(base64url_encode(
                                                  page->rows.back().account_id))
                                              : boost::json::value(nullptr);
                      respond(json_response(200, body));
                    });
}

// GET /finance/accounts/{id}?as_of=RFC3339: what the log said then (by
// record time). No ETag: a past version is no precondition for a write.
void account_routes::get_account_as_of(const http_request& request, std::string_view id,
                                       time_us when, responder respond) const {
  const auto rid = request.request_id;
  gateway_.account_as_of(std::string(id), when, [respond, rid, caller = request.caller_id,
                                                 when](result<account_state> state) {
    // Another user's account answers exactly as a missing one.
    if ((!state && is(state.error(), store_errc::not_found))
        || (state && state->owner_id != caller))
      return respond(problem_response(
        make_failure(account_errc::account_not_found, "no such account at that time"), rid));
    if (!state)
      return respond(problem_response(state.error(), rid));
    const auto& a = *state;
    auto body = account_json({a.account_id, a.name, std::string(to_string(a.kind)), a.currency,
                              a.balance_minor, a.credit_limit_minor, a.version, 0, a.closed});
    body.erase("position");
    body["as_of"] = format_rfc3339(when);
    respond(json_response(200, body));
  });
}

std::span<const route_def<account_routes>> account_routes::routes() {
  static constexpr route_def<account_routes> table[] = {
    {"POST", "/finance/accounts", &account_routes::create_account, signed_in | idempotent},
    {"GET", "/finance/accounts", &account_routes::list_accounts, signed_in, no_merge,
     "limit,page_token"},
    {"GET", "/finance/accounts/{id}", &account_routes::get_account, signed_in, no_merge, "as_of"},
    {"PATCH", "/finance/accounts/{id}", &account_routes::rename_account, signed_in},
    {"POST", "/finance/accounts/{id}/close", &account_routes::close_account, signed_in},
    {"POST", "/finance/accounts/{id}/reconcile", &account_routes::reconcile_account, signed_in},
    {"PATCH", "/finance/accounts/{id}/transactions/{transaction_id}",
     &account_routes::amend_transaction, signed_in},
    {"DELETE", "/finance/accounts/{id}/transactions/{transaction_id}",
     &account_routes::void_transaction, signed_in, no_merge, "override_lock"},
    {"POST", "/finance/transactions", &account_routes::record_transaction, signed_in | idempotent},
    {"GET", "/finance/transactions", &account_routes::list_transactions, signed_in, no_merge,
     "account_id,from,to,category,tag,payee,min_amount,max_amount,include_voided,as_of,limit,"
     "page_token"},
    {"GET", "/finance/transactions/{id}", &account_routes::get_transaction, signed_in},
    {"PATCH", "/finance/transactions/{id}", &account_routes::amend_transaction_by_id, signed_in},
    {"DELETE", "/finance/transactions/{id}", &account_routes::void_transaction_by_id, signed_in,
     no_merge, "override_lock"},
  };
  return table;
}

} // namespace pfms
