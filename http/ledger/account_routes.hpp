#pragma once

#include "events/clock.hpp"
#include "events/ids.hpp"
#include "actors/ledger/core/transaction_query.hpp"
#include "http/ledger/ledger_gateway.hpp"
#include "http/runtime/log_reader.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/route_table.hpp"

#include <span>
#include <string_view>

namespace pfms {

/// The walking-skeleton ledger routes. Each one validates the request,
/// sends one command or query through the gateway and responds from the
/// callback: validate → send → (actor decides, appends, replies) → respond.
/// Borrows the gateway, ids and clock, which must outlive it.
class account_routes {
public:
  account_routes(const ledger_gateway& gateway, const log_reader& log, const id_generator& ids)
    : gateway_(gateway), log_(log), ids_(ids) {}

  /// The domain's routes: accounts and their transactions.
  [[nodiscard]] static std::span<const route_def<account_routes>> routes();

  /// POST /finance/accounts → 201 with the account, `ETag` and `Location`.
  void create_account(const http_request& request, responder respond) const;
  /// POST /finance/transactions → 201 with the transaction and its position.
  void record_transaction(const http_request& request, responder respond) const;
  /// GET /finance/accounts/{id} → 200 with balance and version from the projection.
  void get_account(const http_request& request, std::string_view id, responder respond) const;
  void get_account_as_of(const http_request& request, std::string_view id, time_us when,
                         responder respond) const;
  /// GET /finance/transactions?…: the caller's transactions, filtered, newest first, paged.
  void list_transactions(const http_request& request, responder respond) const;
  /// GET /finance/accounts?limit=&page_token=: the caller's accounts, a page at a time.
  void list_accounts(const http_request& request, responder respond) const;
  static constexpr std::uint32_t page_size_default = 50;
  static constexpr std::uint32_t page_size_max = 200;
  /// PATCH /finance/accounts/{id}: name (If-Match optional) → 200 with the account.
  void rename_account(const http_request& request, std::string_view id, responder respond) const;
  /// PATCH /finance/accounts/{id}/transactions/{tx}: the fields given change → 200.
  void amend_transaction(const http_request& request, std::string_view account_id,
                         std::string_view transaction_id, responder respond) const;
  /// DELETE /finance/accounts/{id}/transactions/{tx} → 200 with the voided transaction.
  void void_transaction(const http_request& request, std::string_view account_id,
                        std::string_view transaction_id, responder respond) const;
  /// GET /finance/transactions/{id} → 200 with the transaction as the list shows it.
  void get_transaction(const http_request& request, std::string_view id, responder respond) const;
  /// PATCH and DELETE /finance/transactions/{id}: as on its account's URL.
  void amend_transaction_by_id(const http_request& request, std::string_view id,
                               responder respond) const;
  void void_transaction_by_id(const http_request& request, std::string_view id,
                              responder respond) const;
  /// POST /finance/accounts/{id}/reconcile: statement_date, statement_balance_minor → 200.
  void reconcile_account(const http_request& request, std::string_view id,
                         responder respond) const;
  /// POST /finance/accounts/{id}/close (If-Match optional) → 200; only at a zero balance,
  /// or with `transfer_to_account_id`: the whole balance moves to (or, when
  /// negative, from) that account of the caller's first, then the account closes.
  void close_account(const http_request& request, std::string_view id, responder respond) const;

private:
  /// The caller's transaction `id` from the transactions projection, once it
  /// is current; `transaction_not_found` when the caller has none by that id.
  void find_transaction(const http_request& request, std::string_view id,
                        reply_callback<listed_transaction> done) const;
  /// `handler` called with the account of the caller's transaction `id` (found as above).
  using account_handler = void (account_routes::*)(const http_request&, std::string_view,
                                                   std::string_view, responder) const;
  void on_account_of(const http_request& request, std::string_view id, responder respond,
                     account_handler handler) const;
  void close_with_transfer(const http_request& request, pfms::close_account command,
                           std::string other, responder respond) const;
  const ledger_gateway& gateway_;
  const log_reader& log_;
  const id_generator& ids_;
};

} // namespace pfms
