#include "http/admin_router.hpp"

#include "http/auth_error.hpp"
#include "http/problem.hpp"
#include "http/request_error.hpp"

#include <openssl/crypto.h>

namespace pfms {

namespace {

bool same_secret(std::string_view presented, const std::string& expected) {
  return presented.size() == expected.size()
         && CRYPTO_memcmp(presented.data(), expected.data(), expected.size()) == 0;
}

} // namespace

void admin_router::operator()(http_request request, responder respond) const {
  constexpr std::string_view scheme = "Bearer ";
  const std::string_view header = request.authorization;
  const auto token = header.starts_with(scheme) ? header.substr(scheme.size()) : std::string_view();
  if (!same_secret(token, admin_token_)) {
    // A user who is who they say, but no admin: 403. Anyone else: 401.
    const bool user = !token.empty() && tokens_.verify_access(token);
    return respond(problem_response(
      user ? make_failure(auth_errc::forbidden, "this listener needs the admin token")
           : make_failure(auth_errc::unauthorized, "the admin token is required"),
      request.request_id));
  }
  if (request.path != "/metrics")
    return respond(problem_response(
      make_failure(request_errc::route_not_found, "no route " + request.path), request.request_id));
  if (request.method != "GET") {
    auto r = problem_response(make_failure(request_errc::method_not_allowed, "use GET here"),
                              request.request_id);
    r.headers.emplace_back("Allow", "GET");
    return respond(std::move(r));
  }
  respond({200, "text/plain; version=0.0.4", metrics_.prometheus() + store_metrics_(), {}});
}

} // namespace pfms
