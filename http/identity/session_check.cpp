#include "http/identity/auth_routes.hpp"

#include "http/identity/auth_error.hpp"
#include "http/runtime/problem.hpp"

#include <memory>

namespace pfms {

namespace {

failure session_over() {
  return make_failure(auth_errc::unauthorized, "the session of this access token has ended");
}

} // namespace

void auth_routes::within_session(http_request request, responder respond,
                                 std::function<void(http_request, responder)> next) const {
  if (request.session_checked) // by the cluster front that received it
    return next(std::move(request), std::move(respond));
  const auto now = tokens_.now_us();
  if (auto live = gateway_.published_session(request.caller_id, request.session_id, now)) {
    if (!*live)
      return respond(problem_response(session_over(), request.request_id));
    return next(std::move(request), std::move(respond));
  }
  // Not published here (restarted, evicted, or the user lives on another node).
  auto held = std::make_shared<http_request>(std::move(request));
  auto user = held->caller_id, family = held->session_id;
  gateway_.asked_session(std::move(user), std::move(family), now,
                         [held, respond = std::move(respond),
                          next = std::move(next)](result<bool> live) mutable {
                           if (!live)
                             return respond(problem_response(live.error(), held->request_id));
                           if (!*live)
                             return respond(problem_response(session_over(), held->request_id));
                           next(std::move(*held), std::move(respond));
                         });
}

} // namespace pfms
