#include "http/problem.hpp"

#include "actors/account_error.hpp"
#include "events/money.hpp"
#include "events/store_error.hpp"
#include "http/request_error.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace pfms {

failure make_failure(request_errc code, std::string detail) {
  return {error_domain::request, static_cast<std::uint8_t>(code), std::move(detail)};
}

namespace {

problem_kind classify_request(request_errc code) {
  switch (code) {
    case request_errc::malformed_json: return {400, "malformed_json", "Malformed JSON"};
    case request_errc::missing_field: return {422, "missing_field", "Missing field"};
    case request_errc::unknown_field: return {422, "unknown_field", "Unknown field"};
    case request_errc::invalid_field: return {422, "invalid_field", "Invalid field"};
    case request_errc::amount_out_of_range:
      return {422, "amount_out_of_range", "Amount out of range"};
    case request_errc::invalid_timestamp:
      return {422, "invalid_timestamp", "Invalid timestamp"};
    case request_errc::unsupported_media_type:
      return {415, "unsupported_media_type", "Unsupported media type"};
    case request_errc::route_not_found: return {404, "route_not_found", "Not found"};
    case request_errc::method_not_allowed:
      return {405, "method_not_allowed", "Method not allowed"};
    case request_errc::body_too_large: return {413, "body_too_large", "Body too large"};
    case request_errc::headers_too_large:
      return {431, "headers_too_large", "Headers too large"};
    case request_errc::not_ready: return {503, "not_ready", "Not ready"};
  }
  return {400, "bad_request", "Bad request"};
}

problem_kind classify_account(account_errc code) {
  const auto name = code_name(code);
  switch (code) {
    case account_errc::account_not_found: return {404, name, "Account not found"};
    case account_errc::account_exists: return {409, name, "Account exists"};
    case account_errc::insufficient_funds: return {422, name, "Insufficient funds"};
    default: return {422, name, "Invalid request"};
  }
}

problem_kind classify_store(store_errc code) {
  const auto name = code_name(code);
  switch (code) {
    case store_errc::version_conflict: return {409, name, "Version conflict"};
    case store_errc::not_found: return {404, name, "Not found"};
    case store_errc::io:
    case store_errc::read_only: return {503, name, "Storage unavailable"};
    default: return {500, name, "Storage failure"};
  }
}

} // namespace

problem_kind classify(const failure& f) {
  switch (f.domain) {
    case error_domain::request: return classify_request(static_cast<request_errc>(f.code));
    case error_domain::account: return classify_account(static_cast<account_errc>(f.code));
    case error_domain::store: return classify_store(static_cast<store_errc>(f.code));
    case error_domain::money:
      return {422, code_name(static_cast<money_errc>(f.code)), "Invalid amount"};
    case error_domain::runtime: return {503, "unavailable", "Service unavailable"};
  }
  return {500, "internal", "Internal error"};
}

http_response problem_response(const failure& f, std::string_view request_id) {
  const auto kind = classify(f);
  // Server-side failures say nothing of internals: the detail stays in the log.
  const bool show_detail = kind.status < 500;
  boost::json::object body{
    {"type", "urn:pfms:problem:" + std::string(kind.code)},
    {"title", kind.title},
    {"status", kind.status},
    {"code", kind.code},
    {"detail", show_detail ? f.detail : std::string(kind.title)},
    {"request_id", request_id},
  };
  http_response r{kind.status, "application/problem+json", boost::json::serialize(body), {}};
  if (kind.status == 503)
    r.headers.emplace_back("Retry-After", "1");
  return r;
}

} // namespace pfms
