// /finance/transactions/{id}: a transaction at its own URL. GET answers it as
// the list does (from the transactions projection, read-your-writes); PATCH
// and DELETE find its account in the projection's id index and amend or void
// it there, as /finance/accounts/{account_id}/transactions/{id} does.
// Another user's transaction answers exactly as a missing one.

#include "http/ledger/account_routes.hpp"

#include "actors/ledger/core/account_error.hpp"
#include "http/ledger/projected_transactions.hpp"
#include "http/ledger/transaction_json.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/responses.hpp"

namespace pfms {

namespace {

failure no_such_transaction() {
  return make_failure(account_errc::transaction_not_found, "no such transaction");
}

} // namespace

void account_routes::find_transaction(const http_request& request, std::string_view id,
                                      reply_callback<listed_transaction> done) const {
  if (!is_canonical_id(id))
    return done(no_such_transaction());
  gateway_.read_projection<listed_transaction>(
    transactions_projection.name,
    [owner = request.caller_id, id = std::string(id)](const event_store& store)
      -> result<listed_transaction> {
      auto line = read_transaction(store, owner, id);
      if (!line)
        return line.error();
      if (!*line)
        return no_such_transaction();
      return std::move(**line);
    },
    std::move(done));
}

void account_routes::get_transaction(const http_request& request, std::string_view id,
                                     responder respond) const {
  find_transaction(request, id,
                   [respond, rid = request.request_id](result<listed_transaction> line) {
                     if (!line)
                       return respond(problem_response(line.error(), rid));
                     respond(json_response(200, listed_json(*line)));
                   });
}

void account_routes::on_account_of(const http_request& request, std::string_view id,
                                   responder respond, account_handler handler) const {
  find_transaction(request, id, [this, request, respond, handler](result<listed_transaction> line) {
    if (!line)
      return respond(problem_response(line.error(), request.request_id));
    (this->*handler)(request, line->account_id, line->entry.content.transaction_id,
                     std::move(respond));
  });
}

void account_routes::amend_transaction_by_id(const http_request& request, std::string_view id,
                                             responder respond) const {
  on_account_of(request, id, std::move(respond), &account_routes::amend_transaction);
}

void account_routes::void_transaction_by_id(const http_request& request, std::string_view id,
                                            responder respond) const {
  on_account_of(request, id, std::move(respond), &account_routes::void_transaction);
}

} // namespace pfms
