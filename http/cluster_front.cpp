#include "http/cluster_front.hpp"

#include "cluster/owner_handle.hpp"
#include "events/caf_error.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/system_messages.hpp>

#include <memory>
#include <utility>

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

// Asks `front` to serve `request` and hands the answer to `done`. A request
// to a node whose connection drops while it waits answers node_unavailable
// at once (it would otherwise wait for `timeout`): the asker monitors it.
void relay(caf::actor_system& system, const front_actor& front, std::chrono::milliseconds timeout,
           relayed_request request, std::function<void(result<relayed_response>)> done) {
  system.spawn([=](caf::event_based_actor* self) mutable {
    auto answered = std::make_shared<bool>(false);
    auto once = [answered, done](result<relayed_response> r) {
      if (!std::exchange(*answered, true))
        done(std::move(r));
    };
    self->monitor(front);
    self->set_down_handler([=](caf::down_msg&) {
      once(make_failure(runtime_errc::node_unavailable,
                        "the node that holds this was lost while answering; retry shortly"));
      self->quit();
    });
    self->request(front, timeout, std::move(request))
      .then(
        [=](relayed_response& r) mutable {
          once(std::move(r));
          self->quit();
        },
        [=](caf::error& e) mutable {
          once(from_caf_error(e));
          self->quit();
        });
  });
}

} // namespace

void cluster_front::operator()(http_request request, responder respond) const {
  const auto signer = signer_of(request, tokens_);
  if (!signer || owner_of(status_, *signer) == status_.config().self_id)
    return local_(std::move(request), std::move(respond));
  auto front = owner_handle(status_, *signer, &node_directories::front);
  if (!front)
    return respond(problem_response(front.error(), request.request_id));
  auto rid = request.request_id;
  relay(system_, *front, timeout_, to_relayed(std::move(request)),
        [respond = std::move(respond), rid = std::move(rid)](result<relayed_response> answer) {
          if (!answer)
            return respond(problem_response(answer.error(), rid));
          respond({answer->status, std::move(answer->content_type), std::move(answer->body),
                   std::move(answer->headers)});
        });
}

void cluster_front::serve_relayed(relayed_request request, relay_slot::reply done) const {
  local_(from_relayed(std::move(request)), [done = std::move(done)](http_response r) {
    done({r.status, std::move(r.content_type), std::move(r.body), std::move(r.headers)});
  });
}

} // namespace pfms
