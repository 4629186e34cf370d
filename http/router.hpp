#pragma once

#include "http/account_routes.hpp"
#include "http/auth_routes.hpp"
#include "http/category_routes.hpp"
#include "http/group_routes.hpp"
#include "http/http_message.hpp"
#include "http/idempotency.hpp"
#include "http/loan_routes.hpp"
#include "http/rate_limiter.hpp"
#include "http/token_issuer.hpp"
#include "http/transfer_routes.hpp"

#include <atomic>
#include <string>
#include <vector>

namespace pfms {

namespace http::internal {
struct route;
} // namespace http::internal

/// Maps method and path to a route. Every route but /livez, /readyz and
/// /auth/* needs `Authorization: Bearer <access token>`; the router verifies
/// it (401 otherwise), puts the user id into `caller_id`, and applies the
/// per-user rate (429 with `Retry-After`); on the POST routes that write it
/// scopes `Idempotency-Key` by the caller and refuses a second request with a
/// key still running (409). Unknown paths
/// answer 404, known paths with another method 405 with `Allow`; any request body
/// must be `application/json` (415 otherwise; a request without a body needs no type). `/readyz` answers 503 until
/// `ready`. Borrows everything; all must outlive it.
class router {
public:
  router(const account_routes& accounts, const auth_routes& auth,
         const category_routes& categories, const transfer_routes& transfers,
         const group_routes& groups, const loan_routes& loans, const token_issuer& tokens,
         rate_limiter& per_user, idempotency_guard& in_flight, const std::atomic<bool>& ready)
    : accounts_(accounts), auth_(auth), categories_(categories), transfers_(transfers),
      groups_(groups), loans_(loans), tokens_(tokens), per_user_(per_user), in_flight_(in_flight),
      ready_(ready) {}

  void operator()(http_request request, responder respond) const;

  /// Every route as "METHOD path" with OpenAPI-style parameters
  /// ("GET /finance/accounts/{id}"): what the OpenAPI document must list.
  [[nodiscard]] static std::vector<std::string> route_list();

  /// Whether `path` names routes that need an access token (the ones a
  /// cluster serves on the caller's node).
  [[nodiscard]] static bool needs_caller(std::string_view path);

  /// The route template `path` belongs to ("/finance/accounts/{id}"), or
  /// "other": a metrics label that never carries an id.
  [[nodiscard]] static std::string route_label(std::string_view path);

private:
  const account_routes& accounts_;
  const auth_routes& auth_;
  const category_routes& categories_;
  const transfer_routes& transfers_;
  const group_routes& groups_;
  const loan_routes& loans_;
  const token_issuer& tokens_;
  // The routes below one group (/social/groups/{id}…) or loan (/loans/{id}…),
  // by index into its family's item table.
  void item_route(bool loan, int index, http_request& request, responder respond) const;
  // Serves `request` on route `r`, its caller (if it needs one) checked:
  // `admit`, then the route's handler.
  void serve(const http::internal::route& r, http_request request, responder respond) const;
  // Why `request` may not run on `r`, if it may not: the per-user rate, then
  // its Idempotency-Key (held while the request runs).
  std::optional<failure> admit(const http::internal::route& r, http_request& request,
                               responder& respond) const;
  // Scopes the request's Idempotency-Key by the caller and holds it while the
  // request runs (the responder releases it); why not, if it may not run.
  std::optional<failure> hold_key(http_request& request, responder& respond) const;

  rate_limiter& per_user_;
  idempotency_guard& in_flight_;
  const std::atomic<bool>& ready_;
};

} // namespace pfms
