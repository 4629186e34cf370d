#pragma once

#include "http/identity/auth_routes.hpp"
#include "http/identity/people_names.hpp"
#include "http/identity/token_issuer.hpp"
#include "http/ledger/account_routes.hpp"
#include "http/ledger/category_routes.hpp"
#include "http/ledger/report_routes.hpp"
#include "http/ledger/transfer_routes.hpp"
#include "http/lending/loan_routes.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/idempotency.hpp"
#include "http/runtime/rate_limiter.hpp"
#include "http/runtime/route_table.hpp"
#include "http/social/group_routes.hpp"

#include <atomic>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pfms {

/// Maps method and path to a route of the domains' tables (route_table.hpp),
/// matched in order: the router's own, then auth, accounts, categories,
/// reports, transfers, groups, loans. Every route but /livez, /readyz, /openapi.json and
/// /auth/* needs `Authorization: Bearer <access token>`; the router verifies
/// it (401 otherwise; unless the cluster front did, `caller_checked`), puts the user id into `caller_id`, and applies the
/// per-user rate (429 with `Retry-After`); on the POST routes that write it
/// scopes `Idempotency-Key` by the caller and refuses a second request with a
/// key still running (409). Unknown paths
/// answer 404, known paths with another method 405 with `Allow`; any request body
/// must be `application/json` (415 otherwise; a request without a body needs no type). `/readyz` answers 503 until
/// `ready`. Borrows everything; all must outlive it.
class router {
public:
  router(const account_routes& accounts, const auth_routes& auth,
         const category_routes& categories, const report_routes& reports,
         const transfer_routes& transfers, const group_routes& groups, const loan_routes& loans,
         const token_issuer& tokens, rate_limiter& per_user, idempotency_guard& in_flight,
         const people_names& names, const std::atomic<bool>& ready);

  void operator()(http_request request, responder respond) const;

  /// Every route as "METHOD path" with OpenAPI-style parameters
  /// ("GET /finance/accounts/{id}"): what the OpenAPI document must list.
  [[nodiscard]] static std::vector<std::string> route_list();

  /// The route template `path` belongs to ("/finance/accounts/{id}"), or
  /// "other": a metrics label that never carries an id.
  [[nodiscard]] static std::string route_label(std::string_view path);

  /// Where a cluster serves a request (cluster_front.hpp), found in one pass
  /// over the tables.
  struct placement {
    bool needs_caller = false;          ///< a signed route has this path (under any method)
    const route_shape* route = nullptr; ///< the route of this method and path, if any
    std::string_view entity;            ///< on an `entity_node` route: its first `{id}`
  };
  /// `path` must outlive the answer (`entity` views into it).
  [[nodiscard]] static placement placement_of(std::string_view method, std::string_view path);

  /// Every route of every domain, in matching order.
  [[nodiscard]] static std::span<const route_shape> shapes();

  /// The router's own routes: /livez, /readyz, /openapi.json.
  [[nodiscard]] static std::span<const route_def<router>> routes();

private:
  struct bound_route {
    std::string_view pattern;
    bound_handler handle;
  };
  template <class... Routes>
  [[nodiscard]] static std::vector<bound_route> bind_all(const Routes&... routes);

  void livez(const http_request& request, responder respond) const;
  void readyz(const http_request& request, responder respond) const;
  void openapi(const http_request& request, responder respond) const;

  const token_issuer& tokens_;
  const auth_routes& auth_;
  // Serves `request` on route `index` of `shapes()`, its caller (if it needs
  // one) checked: `admit`, If-Match, then the route's handler.
  void serve(std::size_t index, http_request request, responder respond) const;
  // Why `request` may not run on `r`, if it may not: the per-user rate, then
  // its Idempotency-Key (held while the request runs).
  std::optional<failure> admit(const route_shape& r, http_request& request,
                               responder& respond) const;
  // Scopes the request's Idempotency-Key by the caller and holds it while the
  // request runs (the responder releases it); why not, if it may not run.
  std::optional<failure> hold_key(http_request& request, responder& respond) const;

  rate_limiter& per_user_;
  idempotency_guard& in_flight_;
  const people_names& names_;
  const std::atomic<bool>& ready_;
  std::vector<bound_route> bound_; ///< as `shapes()`
};

} // namespace pfms
