#pragma once

#include "events/clock.hpp"
#include "http/identity/identity_gateway.hpp"
#include "http/ledger/ledger_gateway.hpp"
#include "http/lending/loan_gateway.hpp"
#include "events/ids.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/route_table.hpp"

#include <span>
#include <string_view>

namespace pfms {

/// Loans under /loans. Only the two parties see a loan; anyone else gets 404
/// `loan_not_found`, as for a loan that does not exist. What-if and payoff
/// quotes are computed from the loan's state by the pure core and write
/// nothing. In a cluster a loan's routes are served on its node, and the
/// list on every node (route_table.hpp). Borrows the gateway, ids and clock,
/// which must outlive it.
class loan_routes {
public:
  loan_routes(const loan_gateway& loans, const identity_gateway& users,
              const ledger_gateway& ledger, const id_generator& ids, const clock& time)
    : loans_(loans), users_(users), ledger_(ledger), ids_(ids), time_(time) {}

  /// POST /loans: the offer → 201 with the loan (proposed, or accepted when
  /// the other party is not a user). The other party, if a user, must be
  /// registered (404 user_not_found otherwise); a receiving account the
  /// borrower names must be the borrower's, open, in the loan's currency.
  void originate(const http_request& request, responder respond) const;
  /// GET /loans?role=&limit=&page_token=: the caller's loans (of that
  /// role), in id order (loan_list.cpp).
  void list(const http_request& request, responder respond) const;
  /// In a cluster each node answers `list` for its own loans; this makes one
  /// page of the nodes' pages.
  [[nodiscard]] static http_response merge_pages(const http_request& request,
                                                 std::span<const node_part> parts);

  /// The domain's routes: /loans and everything below one loan.
  [[nodiscard]] static std::span<const route_def<loan_routes>> routes();

private:
  void get(const http_request& request, std::string_view id, responder respond) const;
  void schedule(const http_request& request, std::string_view id, responder respond) const;
  void write_off(const http_request& request, std::string_view id, responder respond) const;
  void close(const http_request& request, std::string_view id, responder respond) const;
  void accept(const http_request& request, std::string_view id, responder respond) const;
  void disburse(const http_request& request, std::string_view id, responder respond) const;
  /// Runs `then` when `account_id` is `owner`'s open account in `currency`
  /// that can pay `needed_minor` within its credit limit; answers the refusal
  /// (account_not_found, account_closed, currency_mismatch, insufficient_funds) otherwise.
  void with_account(const std::string& account_id, const std::string& owner,
                    const std::string& currency, std::int64_t needed_minor, responder respond,
                    const std::string& request_id, std::function<void()> then) const;
  void repay(const http_request& request, std::string_view id, responder respond) const;
  void prepay(const http_request& request, std::string_view id, responder respond) const;
  void change_rate(const http_request& request, std::string_view id, responder respond) const;
  void what_if(const http_request& request, std::string_view id, responder respond) const;
  void payoff(const http_request& request, std::string_view id, responder respond) const;

  const loan_gateway& loans_;
  const identity_gateway& users_;
  const ledger_gateway& ledger_; ///< the accounts that loans pay into
  const id_generator& ids_; ///< a new loan's id is one this node owns
  const clock& time_;
};

} // namespace pfms
