#include "http/runtime/router.hpp"

#include "http/identity/auth_error.hpp"
#include "http/runtime/header_values.hpp"
#include "http/runtime/openapi_document.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/responses.hpp"

#include <algorithm>
#include <cassert>
#include <vector>

namespace pfms {

namespace {

template <class Routes>
void add_shapes(std::vector<route_shape>& out) {
  for (const auto& d : Routes::routes()) {
    assert(parameter_count(d.pattern) == d.handler.index());
    assert(((d.flags & every_node) != 0) == (d.merge != nullptr));
    out.push_back({d.method, d.pattern, d.flags, d.merge, d.query});
  }
}

template <class... Routes>
std::vector<route_shape> shapes_of() {
  std::vector<route_shape> out;
  (add_shapes<Routes>(out), ...);
  return out;
}

http_response status_ok() {
  return {200, "application/json", R"({"status":"ok"})", {}};
}

// Why `request` may not reach `r`, if it may not.
std::optional<failure> refusal(const http_request& request) {
  // Content-Type describes a body: a request without one (POST …/join) needs none.
  if (!request.body.empty() && !is_json_media_type(request.content_type))
    return make_failure(request_errc::unsupported_media_type, "send Content-Type: application/json");
  return std::nullopt;
}

} // namespace

std::span<const route_shape> router::shapes() {
  // The order of `router::router`'s bind_all.
  static const auto all = shapes_of<router, auth_routes, account_routes, category_routes,
                                    report_routes, transfer_routes, group_routes, loan_routes>();
  return all;
}

template <class... Routes>
std::vector<router::bound_route> router::bind_all(const Routes&... routes) {
  std::vector<bound_route> out;
  auto add = [&out](const auto& r) {
    for (const auto& d : std::remove_cvref_t<decltype(r)>::routes())
      out.push_back({d.pattern, bind_route(r, d)});
  };
  (add(routes), ...);
  return out;
}

router::router(const account_routes& accounts, const auth_routes& auth,
               const category_routes& categories, const report_routes& reports,
               const transfer_routes& transfers, const group_routes& groups,
               const loan_routes& loans, const token_issuer& tokens, rate_limiter& per_user,
               idempotency_guard& in_flight, const people_names& names,
               const std::atomic<bool>& ready)
  : tokens_(tokens), auth_(auth), per_user_(per_user), in_flight_(in_flight), names_(names),
    ready_(ready),
    bound_(bind_all(*this, auth, accounts, categories, reports, transfers, groups, loans)) {
  assert(bound_.size() == shapes().size());
  for (std::size_t i = 0; i < bound_.size(); ++i)
    assert(bound_[i].pattern == shapes()[i].pattern);
}

std::span<const route_def<router>> router::routes() {
  static constexpr route_def<router> table[] = {
    {"GET", "/livez", &router::livez, open},
    {"GET", "/readyz", &router::readyz, open},
    {"GET", "/openapi.json", &router::openapi, open},
  };
  return table;
}

void router::livez(const http_request&, responder respond) const { respond(status_ok()); }

void router::readyz(const http_request& request, responder respond) const {
  respond(ready_.load() ? status_ok()
                        : problem_response(make_failure(request_errc::not_ready,
                                                        "the node is not serving"),
                                           request.request_id));
}

void router::openapi(const http_request&, responder respond) const {
  respond({200, "application/json", std::string(openapi_document()), {}});
}

std::optional<failure> router::hold_key(http_request& request, responder& respond) const {
  auto key = parse_idempotency_key(request.idempotency_header);
  if (!key)
    return key.error();
  request.idempotency_key =
    scoped_idempotency_key(request.caller_id, *key);
  request.request_fingerprint = request_fingerprint(request);
  if (!in_flight_.try_enter(request.idempotency_key))
    return make_failure(request_errc::idempotency_in_flight,
                        "a request with this Idempotency-Key is still running; retry later");
  respond = [respond = std::move(respond), &in_flight = in_flight_,
             key = request.idempotency_key](http_response response) {
    in_flight.leave(key);
    respond(std::move(response));
  };
  return std::nullopt;
}

void router::operator()(http_request request, responder respond) const {
  const auto all = shapes();
  std::optional<std::size_t> chosen;
  std::string allow;
  path_params params;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (!match_pattern(all[i].pattern, request.path, params))
      continue;
    allow += (allow.empty() ? "" : ", ") + std::string(all[i].method);
    if (!chosen && all[i].method == request.method)
      chosen = i;
  }
  if (allow.empty())
    return respond(problem_response(
      make_failure(request_errc::route_not_found, "no route " + request.path), request.request_id));
  if (!chosen) {
    auto response = problem_response(
      make_failure(request_errc::method_not_allowed, "use " + allow + " here"), request.request_id);
    response.headers.emplace_back("Allow", allow);
    return respond(std::move(response));
  }
  if (auto refused = refusal(request))
    return respond(problem_response(*refused, request.request_id));
  if ((all[*chosen].flags & signed_in) == 0)
    return serve(*chosen, std::move(request), std::move(respond));
  if (!request.caller_checked) {
    auto claims = tokens_.verify_bearer(request.authorization);
    if (!claims)
      return respond(problem_response(claims.error(), request.request_id));
    request.caller_id = claims->subject;
    request.session_id = claims->session_id;
  }
  assert(!request.caller_id.empty());
  auth_.within_session(std::move(request), std::move(respond),
                       [this, index = *chosen](http_request checked, responder answer) {
                         serve(index, std::move(checked), std::move(answer));
                       });
}

std::optional<failure> router::admit(const route_shape& r, http_request& request,
                                     responder& respond) const {
  if ((r.flags & signed_in) != 0 && !per_user_.allow(request.caller_id))
    return make_failure(request_errc::rate_limited, "too many requests; slow down");
  if ((r.flags & idempotent) != 0 && !request.idempotency_header.empty())
    return hold_key(request, respond);
  if ((r.flags & versioned) != 0)
    if (auto version = if_match_version(request.if_match); !version)
      return version.error();
  return std::nullopt;
}

void router::serve(std::size_t index, http_request request, responder respond) const {
  const auto& shape = shapes()[index];
  if (auto misfit = query_misfit(request.query, shape.query))
    return respond(problem_response(make_failure(request_errc::invalid_query, std::move(*misfit)),
                                    request.request_id));
  if (auto refused = admit(shape, request, respond))
    return respond(problem_response(*refused, request.request_id));
  if ((shape.flags & names_people) != 0)
    respond = names_.wrap(std::move(respond));
  path_params params;
  [[maybe_unused]] const bool matched = match_pattern(shape.pattern, request.path, params);
  assert(matched); // as when the route was chosen: the path has not changed
  bound_[index].handle(request, params, std::move(respond));
}

std::string router::route_label(std::string_view path) {
  path_params params;
  for (const auto& r : shapes())
    if (match_pattern(r.pattern, path, params))
      return std::string(r.pattern);
  return "other";
}

router::placement router::placement_of(std::string_view method, std::string_view path) {
  placement out;
  path_params params;
  for (const auto& r : shapes()) {
    if (!match_pattern(r.pattern, path, params))
      continue;
    out.needs_caller = out.needs_caller || (r.flags & signed_in) != 0;
    if (out.route == nullptr && r.method == method) {
      out.route = &r;
      if ((r.flags & entity_node) != 0)
        out.entity = params.values[0];
    }
  }
  return out;
}

std::vector<std::string> router::route_list() {
  std::vector<std::string> out;
  for (const auto& r : shapes())
    out.push_back(std::string(r.method) + " " + std::string(r.pattern));
  return out;
}

} // namespace pfms
