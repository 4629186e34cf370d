#include "http/router.hpp"

#include "http/problem.hpp"
#include "http/request_error.hpp"

namespace pfms {

namespace {

constexpr std::string_view accounts_prefix = "/finance/accounts/";

bool is_json(std::string_view content_type) {
  const auto base = content_type.substr(0, content_type.find(';'));
  return base == "application/json";
}

http_response status_ok() {
  return {200, "application/json", R"({"status":"ok"})", {}};
}

http_response wrong_method(const http_request& request, std::string_view allow) {
  auto r = problem_response(
    make_failure(request_errc::method_not_allowed, "use " + std::string(allow) + " here"),
    request.request_id);
  r.headers.emplace_back("Allow", std::string(allow));
  return r;
}

} // namespace

void router::operator()(http_request request, responder respond) const {
  const auto& path = request.path;
  const auto& method = request.method;
  const bool account_item =
    path.starts_with(accounts_prefix) && path.size() > accounts_prefix.size()
    && path.find('/', accounts_prefix.size()) == std::string::npos;
  std::string_view allow;
  if (path == "/livez" || path == "/readyz" || account_item)
    allow = "GET";
  else if (path == "/finance/accounts" || path == "/finance/transactions")
    allow = "POST";
  else
    return respond(problem_response(
      make_failure(request_errc::route_not_found, "no route " + path), request.request_id));
  if (method != allow)
    return respond(wrong_method(request, allow));
  if (method == "POST" && !is_json(request.content_type))
    return respond(problem_response(
      make_failure(request_errc::unsupported_media_type, "send Content-Type: application/json"),
      request.request_id));
  if (path == "/livez")
    return respond(status_ok());
  if (path == "/readyz")
    return respond(ready_.load() ? status_ok()
                                 : problem_response(make_failure(request_errc::not_ready,
                                                                 "the node is not serving"),
                                                    request.request_id));
  if (path == "/finance/accounts")
    return accounts_.create_account(request, std::move(respond));
  if (path == "/finance/transactions")
    return accounts_.record_transaction(request, std::move(respond));
  accounts_.get_account(request, std::string_view(path).substr(accounts_prefix.size()),
                        std::move(respond));
}

} // namespace pfms
