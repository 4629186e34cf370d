#include "http/runtime/cluster_front.hpp"

#include "cluster/runtime/owner_handle.hpp"
#include "http/runtime/internal/ask.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/router.hpp"

namespace pfms {

namespace {

relayed_request to_relayed(http_request r) {
  return {std::move(r.method),  std::move(r.path),          std::move(r.query),
          std::move(r.content_type), std::move(r.body),      std::move(r.request_id),
          std::move(r.authorization), std::move(r.if_match), std::move(r.idempotency_header),
          std::move(r.client_address)};
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
  return out;
}

// The user who signed `request`, if its access token verifies.
std::optional<std::string> signer_of(const http_request& request, const token_issuer& tokens) {
  constexpr std::string_view scheme = "Bearer ";
  if (!request.authorization.starts_with(scheme) || !router::needs_caller(request.path))
    return std::nullopt;
  auto claims =
    tokens.verify_access(std::string_view(request.authorization).substr(scheme.size()));
  if (!claims)
    return std::nullopt;
  return claims->subject;
}

// The shard key of the node that serves a signed request: the signer's,
// except on a route served on its entity's node (a group's activity feed,
// which reads the group's own log).
std::string relay_key(const http_request& request, std::string signer) {
  if (auto entity = router::entity_key(request.path))
    return std::move(*entity);
  return signer;
}

} // namespace

void cluster_front::operator()(http_request request, responder respond) const {
  const auto signer = signer_of(request, tokens_);
  const auto key = signer ? relay_key(request, *signer) : std::string();
  if (!signer || owner_of(status_, key) == status_.config().self_id)
    return local_(std::move(request), std::move(respond));
  auto front = owner_handle(status_, key, &node_directories::front);
  if (!front)
    return respond(problem_response(front.error(), request.request_id));
  auto rid = request.request_id;
  // Watched: a request in flight when the owner dies answers 503 at once.
  http::internal::ask_watching<relayed_response>(
    system_, *front, timeout_,
    [respond = std::move(respond), rid = std::move(rid)](result<relayed_response> answer) {
      if (!answer)
        return respond(problem_response(answer.error(), rid));
      respond({answer->status, std::move(answer->content_type), std::move(answer->body),
               std::move(answer->headers)});
    },
    to_relayed(std::move(request)));
}

void cluster_front::serve_relayed(relayed_request request, relay_slot::reply done) const {
  local_(from_relayed(std::move(request)), [done = std::move(done)](http_response r) {
    done({r.status, std::move(r.content_type), std::move(r.body), std::move(r.headers)});
  });
}

} // namespace pfms
