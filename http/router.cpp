#include "http/router.hpp"

#include "http/auth_error.hpp"
#include "http/problem.hpp"
#include "http/request_error.hpp"

namespace pfms {

namespace {

constexpr std::string_view accounts_prefix = "/finance/accounts/";

enum class route_id {
  livez, readyz, register_user, login, refresh, logout, me,
  create_account, get_account, record_transaction,
};

struct route {
  route_id id;
  std::string_view method;
  bool authenticated;
};

// The route of `path` (nullopt for none); account items match by prefix.
std::optional<route> find_route(std::string_view path) {
  struct entry {
    std::string_view path;
    route r;
  };
  static constexpr entry table[] = {
    {"/livez", {route_id::livez, "GET", false}},
    {"/readyz", {route_id::readyz, "GET", false}},
    {"/auth/register", {route_id::register_user, "POST", false}},
    {"/auth/login", {route_id::login, "POST", false}},
    {"/auth/refresh", {route_id::refresh, "POST", false}},
    {"/auth/logout", {route_id::logout, "POST", false}},
    {"/user/me", {route_id::me, "GET", true}},
    {"/finance/accounts", {route_id::create_account, "POST", true}},
    {"/finance/transactions", {route_id::record_transaction, "POST", true}},
  };
  for (const auto& e : table)
    if (e.path == path)
      return e.r;
  if (path.starts_with(accounts_prefix) && path.size() > accounts_prefix.size()
      && path.find('/', accounts_prefix.size()) == std::string_view::npos)
    return route{route_id::get_account, "GET", true};
  return std::nullopt;
}

bool is_json(std::string_view content_type) {
  return content_type.substr(0, content_type.find(';')) == "application/json";
}

http_response status_ok() {
  return {200, "application/json", R"({"status":"ok"})", {}};
}

// Why `request` may not reach `r`, if it may not.
std::optional<failure> refusal(const http_request& request, const route& r) {
  if (request.method != r.method)
    return make_failure(request_errc::method_not_allowed, "use " + std::string(r.method) + " here");
  if (r.method == "POST" && !is_json(request.content_type))
    return make_failure(request_errc::unsupported_media_type, "send Content-Type: application/json");
  return std::nullopt;
}

} // namespace

void router::operator()(http_request request, responder respond) const {
  const auto r = find_route(request.path);
  if (!r)
    return respond(problem_response(
      make_failure(request_errc::route_not_found, "no route " + request.path), request.request_id));
  if (auto refused = refusal(request, *r)) {
    auto response = problem_response(*refused, request.request_id);
    if (is(*refused, request_errc::method_not_allowed))
      response.headers.emplace_back("Allow", std::string(r->method));
    return respond(std::move(response));
  }
  if (r->authenticated) {
    constexpr std::string_view scheme = "Bearer ";
    auto claims = request.authorization.starts_with(scheme)
                    ? tokens_.verify_access(std::string_view(request.authorization).substr(scheme.size()))
                    : result<access_claims>(make_failure(auth_errc::unauthorized, "a valid access token is required"));
    if (!claims)
      return respond(problem_response(claims.error(), request.request_id));
    request.caller_id = claims->subject;
  }
  switch (r->id) {
    case route_id::livez: return respond(status_ok());
    case route_id::readyz:
      return respond(ready_.load() ? status_ok()
                                   : problem_response(make_failure(request_errc::not_ready,
                                                                   "the node is not serving"),
                                                      request.request_id));
    case route_id::register_user: return auth_.register_user(request, std::move(respond));
    case route_id::login: return auth_.login(request, std::move(respond));
    case route_id::refresh: return auth_.refresh(request, std::move(respond));
    case route_id::logout: return auth_.logout(request, std::move(respond));
    case route_id::me: return auth_.me(request, std::move(respond));
    case route_id::create_account: return accounts_.create_account(request, std::move(respond));
    case route_id::record_transaction:
      return accounts_.record_transaction(request, std::move(respond));
    case route_id::get_account:
      return accounts_.get_account(
        request, std::string_view(request.path).substr(accounts_prefix.size()), std::move(respond));
  }
}

} // namespace pfms
