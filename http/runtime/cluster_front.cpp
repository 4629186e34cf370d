#include "http/runtime/cluster_front.hpp"

#include "cluster/runtime/owner_handle.hpp"
#include "http/runtime/entity_port.hpp"
#include "http/runtime/idempotency.hpp"
#include "http/runtime/internal/ask.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/router.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

namespace pfms {

namespace {

relayed_request to_relayed(http_request r) {
  return {std::move(r.method),         std::move(r.path),          std::move(r.query),
          std::move(r.content_type),   std::move(r.body),          std::move(r.request_id),
          std::move(r.authorization),  std::move(r.if_match),      std::move(r.idempotency_header),
          std::move(r.client_address), std::move(r.caller_id),     std::move(r.session_id),
          r.session_checked,           r.node_part,                std::move(r.entity_id),
          r.deadline_us};
}

http_request from_relayed(relayed_request r) {
  http_request out;
  out.method = std::move(r.method);
  out.path = std::move(r.path);
  out.query = std::move(r.query);
  out.content_type = std::move(r.content_type);
  out.body = std::move(r.body);
  out.request_id = std::move(r.request_id);
  out.authorization = std::move(r.authorization);
  out.if_match = std::move(r.if_match);
  out.idempotency_header = std::move(r.idempotency_header);
  out.client_address = std::move(r.client_address);
  out.caller_checked = !r.caller_id.empty();
  out.session_checked = out.caller_checked && r.session_checked;
  out.caller_id = std::move(r.caller_id);
  out.session_id = std::move(r.session_id);
  out.node_part = r.node_part;
  out.entity_id = std::move(r.entity_id);
  out.deadline_us = r.deadline_us;
  return out;
}

// The shard key of the node that serves a signed request: the entity's on
// a route served on its entity's node or that creates one, else the caller's.
std::string relay_key(const http_request& request, std::string_view entity) {
  if (!entity.empty())
    return std::string(entity);
  return request.entity_id.empty() ? request.caller_id : request.entity_id;
}

// The id of the entity `request` creates: derived from its scoped
// Idempotency-Key when it has one (every retry, through any front, names
// the same entity and reaches the same node), else new.
std::string picked_id(const http_request& request, const id_generator& ids) {
  auto key = parse_idempotency_key(request.idempotency_header);
  if (request.idempotency_header.empty() || !key)
    return ids.next(); // a bad key is refused where the request is served
  return derived_id(scoped_idempotency_key(request.caller_id, *key), request.path);
}

// The parts of a view that spans owners, as they come in.
struct gathering {
  std::mutex mutex;
  std::vector<node_part> parts;
  std::size_t left = 0;
};

} // namespace

void cluster_front::operator()(http_request request, responder respond) const {
  const auto placed = router::placement_of(request.method, request.path);
  if (!placed.needs_caller)
    return local_(std::move(request), std::move(respond));
  if (placed.route != nullptr && query_misfit(request.query, placed.route->query))
    return local_(std::move(request), std::move(respond)); // its 400, answered here
  auto claims = tokens_.verify_bearer(request.authorization);
  if (!claims) // the local router answers why (or the route's own 404, 405, 415 first)
    return local_(std::move(request), std::move(respond));
  request.caller_id = std::move(claims->subject);
  request.session_id = std::move(claims->session_id);
  request.caller_checked = true;
  // A session this node publishes is checked here, once; any other where the
  // request is served (a session that ended: the local router answers 401).
  if (auto live = sessions_(request.caller_id, request.session_id)) {
    if (!*live)
      return local_(std::move(request), std::move(respond));
    request.session_checked = true;
  }
  const auto* route = placed.route;
  if (route != nullptr && (route->flags & every_node) != 0)
    return gather(std::move(request), route->merge, std::move(respond));
  if (route != nullptr && (route->flags & new_entity) != 0)
    request.entity_id = picked_id(request, ids_);
  const auto& owner = owner_of(status_, relay_key(request, placed.entity));
  auto rid = request.request_id;
  // A write waits for its outcome as the owner's gateway does.
  const bool write = request.method != "GET";
  serve_on(owner, std::move(request), write ? timeout_ + write_outcome_grace : timeout_,
           [respond = std::move(respond), rid = std::move(rid)](result<http_response> answer) {
             respond(answer ? std::move(*answer) : problem_response(answer.error(), rid));
           },
           write);
}

void cluster_front::serve_on(const std::string& node_id, http_request request,
                             std::chrono::milliseconds timeout,
                             std::function<void(result<http_response>)> done, bool write) const {
  if (node_id == status_.config().self_id)
    return local_(std::move(request), [done = std::move(done)](http_response r) {
      done(std::move(r));
    });
  auto front = status_.directories_of(node_id).front;
  if (!front)
    return done(make_failure(runtime_errc::node_unavailable,
                             "node " + node_id + ", which holds this, is unavailable; retry shortly"));
  // Watched: a request in flight when the owner dies answers at once.
  http::internal::ask_watching<relayed_response>(
    system_, front, timeout,
    [done = std::move(done), write](result<relayed_response> answer) {
      // A write sent off whose answer did not come back (the owner died or
      // took too long) may still land: pending, never a failure.
      if (!answer && write)
        return done(make_failure(runtime_errc::outcome_unknown, outcome_unknown_detail));
      if (!answer)
        return done(answer.error());
      done(http_response{answer->status, std::move(answer->content_type), std::move(answer->body),
                         std::move(answer->headers)});
    },
    to_relayed(std::move(request)));
}

void cluster_front::gather(http_request request, part_merge merge, responder respond) const {
  // This node's part first, then the others in node order.
  std::vector<std::string> nodes{status_.config().self_id};
  for (const auto& id : status_.node_ids())
    if (id != status_.config().self_id)
      nodes.push_back(id);
  auto state = std::make_shared<gathering>();
  state->left = nodes.size();
  for (const auto& id : nodes)
    state->parts.push_back({id, std::nullopt});
  auto whole = std::make_shared<const http_request>(request);
  request.node_part = true;
  const auto deadline = std::min(timeout_, part_deadline);
  for (std::size_t i = 0; i < nodes.size(); ++i)
    serve_on(nodes[i], request, i == 0 ? timeout_ : deadline,
             [=](result<http_response> answer) {
               std::unique_lock lock(state->mutex);
               // Another node's failure leaves its part out; this node's is the answer.
               if (answer && (i == 0 || answer->status == 200))
                 state->parts[i].response = std::move(*answer);
               else if (i == 0)
                 state->parts[i].response = problem_response(answer.error(), whole->request_id);
               if (--state->left > 0)
                 return;
               lock.unlock();
               const auto& own = *state->parts[0].response;
               respond(own.status == 200 ? merge(*whole, state->parts) : own);
             });
}

void cluster_front::serve_relayed(relayed_request request, relay_slot::reply done) const {
  local_(from_relayed(std::move(request)), [done = std::move(done)](http_response r) {
    done({r.status, std::move(r.content_type), std::move(r.body), std::move(r.headers)});
  });
}

} // namespace pfms
