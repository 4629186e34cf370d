#include "http/lending/loan_routes.hpp"

#include "actors/ledger/core/account_error.hpp"
#include "actors/lending/core/loan_error.hpp"
#include "http/lending/loan_json.hpp"
#include "http/runtime/idempotency.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/request_context.hpp"
#include "http/runtime/responses.hpp"

namespace pfms {

namespace {


using answer_fn = std::function<void(result<loan_snapshot>)>;

// Answers the loan as `status` with `to_json`, its version as ETag, or the problem.
template <class ToJson>
answer_fn answer(responder respond, std::string rid, int status, ToJson to_json) {
  return [respond = std::move(respond), rid = std::move(rid), status,
          to_json](result<loan_snapshot> reply) {
    if (!reply)
      return respond(problem_response(reply.error(), rid));
    auto response = json_response(status, to_json(*reply));
    response.headers.emplace_back("ETag", etag(reply->state.version));
    respond(std::move(response));
  };
}

answer_fn loan_answer(responder respond, const http_request& request, int status = 200) {
  return answer(std::move(respond), request.request_id, status, loan_json);
}

result<json_body> body_of(const http_request& request, std::initializer_list<std::string_view> allowed) {
  return json_body::parse(request.body.empty() ? "{}" : request.body, allowed);
}

std::int64_t total_interest(const loan_state& s) {
  std::int64_t out = 0;
  for (const auto& i : s.schedule)
    out += i.interest_minor;
  return out;
}

// The loan after the scenario in `body`, computed on a copy; nothing is written.
result<loan_state> scenario_of(const loan_snapshot& snap, const json_body& body) {
  const auto& s = snap.state;
  if (body.has("prepayment") == body.has("rate_change"))
    return make_failure(request_errc::invalid_field, "give one of prepayment and rate_change");
  result<std::vector<loan_event>> events = std::vector<loan_event>{};
  if (body.has("prepayment")) {
    auto p = body.object_field("prepayment", {"amount_minor", "mode"});
    auto amount = p ? p->int_field("amount_minor") : result<std::int64_t>(p.error());
    auto mode_text = amount ? p->string_field("mode") : result<std::string>(amount.error());
    auto mode = mode_text ? parse_prepayment_mode(*mode_text) : result<prepayment_mode>(mode_text.error());
    if (!mode)
      return mode.error();
    events = decide(s, prepay_loan{s.offer.loan_id, borrower_side(s), "what-if", *amount, *mode,
                                   snap.today, snap.today});
  } else {
    auto r = body.object_field("rate_change", {"annual_rate_bps", "from"});
    auto rate = r ? r->int_field("annual_rate_bps") : result<std::int64_t>(r.error());
    auto from_text = rate ? r->string_field("from") : result<std::string>(rate.error());
    auto from = from_text ? parse_civil_date(*from_text) : result<civil_date>(from_text.error());
    if (!from)
      return from.error();
    if (*rate < 0 || *rate > loan_rate_bps_max)
      return make_failure(loan_errc::invalid_loan_terms, "annual_rate_bps must be 0 to 100000");
    events = decide(s, change_loan_rate{s.offer.loan_id, lender_side(s), static_cast<int>(*rate),
                                        *from, snap.today});
  }
  if (!events)
    return events.error();
  auto copy = s;
  for (const auto& e : *events)
    copy = evolve(std::move(copy), e);
  return copy;
}

} // namespace

void loan_routes::originate(const http_request& request, responder respond) const {
  auto offer = parse_loan_offer(request, created_entity_id(request, ids_, "loan"),
                                civil_day_of(time_.now_us()));
  if (!offer)
    return respond(problem_response(offer.error(), request.request_id));
  const auto& other = offer->lender.user_id == request.caller_id ? offer->borrower.user_id
                                                                 : offer->lender.user_id;
  // The new loan is at its own URL.
  responder located = [respond, at = "/loans/" + offer->loan_id](http_response r) {
    if (r.status == 201)
      r.headers.emplace_back("Location", at);
    respond(std::move(r));
  };
  auto send = [this, command = originate_loan{*offer, {}}, context = versioned_context_of(request),
               done = loan_answer(std::move(located), request, 201)]() mutable {
    loans_.command(std::move(command), std::move(context), std::move(done));
  };
  auto check_other = [this, other, send, respond, rid = request.request_id]() mutable {
    users_.user(other, [send, respond, rid](result<user_view> found) mutable {
      if (!found)
        return respond(problem_response(found.error(), rid));
      send();
    });
  };
  if (other.empty() || other == request.caller_id)
    return send(); // a named party, or an offer the core refuses
  if (offer->receiving_account_id.empty() || offer->borrower.user_id != request.caller_id)
    return check_other(); // no account to check, or one the core refuses
  with_account(offer->receiving_account_id, request.caller_id, offer->currency, 0, respond,
               request.request_id, check_other);
}

std::span<const route_def<loan_routes>> loan_routes::routes() {
  constexpr auto on_loan = signed_in | entity_node; // served on the loan's node
  static constexpr route_def<loan_routes> table[] = {
    {"POST", "/loans", &loan_routes::originate, signed_in | idempotent | new_entity},
    {"GET", "/loans", &loan_routes::list, signed_in | every_node, &loan_routes::merge_pages,
     "role,limit,page_token"},
    {"GET", "/loans/{id}", &loan_routes::get, on_loan | versioned},
    {"POST", "/loans/{id}/accept", &loan_routes::accept, on_loan | versioned},
    {"POST", "/loans/{id}/disburse", &loan_routes::disburse, on_loan | idempotent | versioned},
    {"POST", "/loans/{id}/repayments", &loan_routes::repay, on_loan | idempotent | versioned},
    {"POST", "/loans/{id}/prepayments", &loan_routes::prepay, on_loan | idempotent | versioned},
    {"POST", "/loans/{id}/rate-changes", &loan_routes::change_rate,
     on_loan | idempotent | versioned},
    {"GET", "/loans/{id}/schedule", &loan_routes::schedule, on_loan | versioned},
    {"POST", "/loans/{id}/what-if", &loan_routes::what_if, on_loan | versioned},
    {"GET", "/loans/{id}/payoff", &loan_routes::payoff, on_loan | versioned, no_merge, "on"},
    {"POST", "/loans/{id}/write-off", &loan_routes::write_off, on_loan | versioned},
    {"POST", "/loans/{id}/close", &loan_routes::close, on_loan | versioned},
  };
  return table;
}

void loan_routes::get(const http_request& request, std::string_view id, responder respond) const {
  loans_.query<loan_snapshot>(loan_query{std::string(id), request.caller_id}, loan_answer(std::move(respond), request));
}

void loan_routes::schedule(const http_request& request, std::string_view id,
                           responder respond) const {
  loans_.query<loan_snapshot>(loan_query{std::string(id), request.caller_id},
             answer(std::move(respond), request.request_id, 200, schedule_json));
}

// A body with at most `on`.
void loan_routes::write_off(const http_request& request, std::string_view id,
                            responder respond) const {
  auto body = body_of(request, {"on"});
  auto on = body ? optional_day(*body, "on") : result<civil_date>(body.error());
  if (!on)
    return respond(problem_response(on.error(), request.request_id));
  loans_.command(write_off_loan{std::string(id), request.caller_id, *on, {}},
                 versioned_context_of(request), loan_answer(std::move(respond), request));
}

// An empty body.
void loan_routes::close(const http_request& request, std::string_view id,
                        responder respond) const {
  if (auto body = body_of(request, {}); !body)
    return respond(problem_response(body.error(), request.request_id));
  loans_.command(close_loan{std::string(id), request.caller_id}, versioned_context_of(request),
                 loan_answer(std::move(respond), request));
}

void loan_routes::with_account(const std::string& account_id, const std::string& owner,
                               const std::string& currency, std::int64_t needed_minor,
                               responder respond, const std::string& request_id,
                               std::function<void()> then) const {
  ledger_.account_terms(account_id, owner, [=](result<account_view> account) {
    auto refusal = [&]() -> std::optional<failure> {
      if (!account)
        return account.error();
      if (account->closed)
        return make_failure(account_errc::account_closed, "the account " + account_id + " is closed");
      if (account->currency != currency)
        return make_failure(account_errc::currency_mismatch,
                            "the account is in " + account->currency + ", the loan in " + currency);
      if (needed_minor > 0 && account->balance_minor - needed_minor < -account->credit_limit_minor)
        return make_failure(account_errc::insufficient_funds,
                            "the account's balance is " + std::to_string(account->balance_minor)
                              + " and its credit limit " + std::to_string(account->credit_limit_minor));
      return std::nullopt;
    }();
    if (refusal)
      return respond(problem_response(*refusal, request_id));
    then();
  });
}

// POST /loans/{id}/accept {"receiving_account_id"?}: the borrower may name the
// account a disbursement through the ledger credits.
void loan_routes::accept(const http_request& request, std::string_view id, responder respond) const {
  auto body = body_of(request, {"receiving_account_id"});
  auto account = body ? body->optional_string_field("receiving_account_id")
                      : result<std::string>(body.error());
  if (!account)
    return respond(problem_response(account.error(), request.request_id));
  auto send = [this, command = accept_loan{std::string(id), request.caller_id, *account},
               context = versioned_context_of(request),
               done = loan_answer(respond, request)]() mutable {
    loans_.command(std::move(command), std::move(context), std::move(done));
  };
  if (account->empty())
    return send();
  loans_.query<loan_snapshot>(loan_query{std::string(id), request.caller_id},
             [=, this, caller = request.caller_id, rid = request.request_id](
               result<loan_snapshot> loan) mutable {
               if (!loan || loan->state.offer.borrower.user_id != caller)
                 return send(); // the core answers: not found, or not the borrower's to name
               with_account(*account, caller, loan->state.offer.currency, 0, respond, rid, send);
             });
}

// POST /loans/{id}/disburse {"on"?, "from_account_id"?}: with an account, the
// principal moves to the borrower's receiving account (200 when the transfer
// completed, 202 while it is pending).
void loan_routes::disburse(const http_request& request, std::string_view id, responder respond) const {
  auto body = body_of(request, {"on", "from_account_id"});
  auto on = body ? optional_day(*body, "on") : result<civil_date>(body.error());
  auto from = on ? body->optional_string_field("from_account_id") : result<std::string>(on.error());
  if (!from)
    return respond(problem_response(from.error(), request.request_id));
  auto send = [this, context = versioned_context_of(request), respond, rid = request.request_id,
               command = disburse_loan{std::string(id), request.caller_id, *on, {}, *from,
                                       from->empty() ? "" : new_entity_id(request, ids_, "transfer")}]() mutable {
    loans_.command(std::move(command), std::move(context), [respond, rid](result<loan_snapshot> reply) {
      const bool pending = reply && !reply->state.disbursing.transfer_id.empty();
      answer(respond, rid, pending ? 202 : 200, loan_json)(std::move(reply));
    });
  };
  if (from->empty())
    return send();
  loans_.query<loan_snapshot>(loan_query{std::string(id), request.caller_id},
             [=, this, caller = request.caller_id, rid = request.request_id](
               result<loan_snapshot> loan) mutable {
               // Checked only for a new disbursement the lender may make; the core answers the rest.
               const bool fresh = loan && loan->state.status == loan_status::accepted
                                  && loan->state.disbursing.transfer_id.empty()
                                  && loan->state.offer.lender.user_id == caller;
               if (!fresh)
                 return send();
               with_account(*from, caller, loan->state.offer.currency, loan->state.offer.principal_minor,
                            respond, rid, send);
             });
}

void loan_routes::repay(const http_request& request, std::string_view id, responder respond) const {
  auto body = body_of(request, {"amount_minor", "on"});
  auto amount = body ? body->int_field("amount_minor") : result<std::int64_t>(body.error());
  auto on = amount ? optional_day(*body, "on") : result<civil_date>(amount.error());
  if (!on)
    return respond(problem_response(on.error(), request.request_id));
  loans_.command(record_repayment{std::string(id), request.caller_id,
                                  new_entity_id(request, ids_, "repayment"), *amount, *on, {}},
                 versioned_context_of(request), loan_answer(std::move(respond), request, 201));
}

void loan_routes::prepay(const http_request& request, std::string_view id, responder respond) const {
  auto body = body_of(request, {"amount_minor", "mode", "on"});
  auto amount = body ? body->int_field("amount_minor") : result<std::int64_t>(body.error());
  auto text = amount ? body->string_field("mode") : result<std::string>(amount.error());
  auto mode = text ? parse_prepayment_mode(*text) : result<prepayment_mode>(text.error());
  auto on = mode ? optional_day(*body, "on") : result<civil_date>(mode.error());
  if (!on)
    return respond(problem_response(on.error(), request.request_id));
  loans_.command(prepay_loan{std::string(id), request.caller_id,
                             new_entity_id(request, ids_, "prepayment"), *amount, *mode, *on, {}},
                 versioned_context_of(request), loan_answer(std::move(respond), request, 201));
}

void loan_routes::change_rate(const http_request& request, std::string_view id,
                              responder respond) const {
  auto body = body_of(request, {"annual_rate_bps", "from"});
  auto rate = body ? body->int_field("annual_rate_bps") : result<std::int64_t>(body.error());
  auto text = rate ? body->string_field("from") : result<std::string>(rate.error());
  auto from = text ? parse_civil_date(*text) : result<civil_date>(text.error());
  if (!from)
    return respond(problem_response(from.error(), request.request_id));
  if (*rate < 0 || *rate > loan_rate_bps_max)
    return respond(problem_response(
      make_failure(loan_errc::invalid_loan_terms, "annual_rate_bps must be 0 to 100000"),
      request.request_id));
  loans_.command(change_loan_rate{std::string(id), request.caller_id, static_cast<int>(*rate), *from, {}},
                 versioned_context_of(request), loan_answer(std::move(respond), request, 201));
}

void loan_routes::what_if(const http_request& request, std::string_view id,
                          responder respond) const {
  auto body = body_of(request, {"prepayment", "rate_change"});
  if (!body)
    return respond(problem_response(body.error(), request.request_id));
  loans_.query<loan_snapshot>(loan_query{std::string(id), request.caller_id},
             [respond, body = *body, rid = request.request_id](result<loan_snapshot> snap) {
    if (!snap)
      return respond(problem_response(snap.error(), rid));
    auto after = scenario_of(*snap, body);
    if (!after)
      return respond(problem_response(after.error(), rid));
    const auto now = total_interest(snap->state);
    const auto then = total_interest(*after);
    respond(json_response(200, boost::json::object{
      {"loan_id", snap->state.offer.loan_id}, {"as_of", to_string(snap->today)},
      {"items", installments_json(*after, snap->today)}, {"total_interest_minor", then},
      {"current_total_interest_minor", now}, {"interest_saved_minor", now - then}}));
  });
}

void loan_routes::payoff(const http_request& request, std::string_view id, responder respond) const {
  const auto text = query_value(request.query, "on");
  auto on = text.empty() ? result<civil_date>(civil_date{}) : parse_civil_date(text);
  if (!on)
    return respond(problem_response(on.error(), request.request_id));
  loans_.query<loan_snapshot>(loan_query{std::string(id), request.caller_id},
             [respond, on = *on, rid = request.request_id](result<loan_snapshot> snap) {
    if (!snap)
      return respond(problem_response(snap.error(), rid));
    const auto& s = snap->state;
    const auto day = on == civil_date{} ? snap->today : on;
    if (s.status != loan_status::active)
      return respond(problem_response(
        make_failure(loan_errc::loan_state_conflict, "only an active loan has a payoff quote"), rid));
    if (day < s.last_dated)
      return respond(problem_response(
        make_failure(loan_errc::invalid_date, "the quote must be on or after " + to_string(s.last_dated)),
        rid));
    respond(json_response(200, quote_json(s.offer.loan_id, quote_on(s, day))));
  });
}

} // namespace pfms
