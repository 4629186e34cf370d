#include "http/runtime/problem.hpp"

#include "events/money.hpp"
#include "events/store_error.hpp"
#include "http/identity/identity_problems.hpp"
#include "http/ledger/ledger_problems.hpp"
#include "http/lending/lending_problems.hpp"
#include "http/runtime/request_error.hpp"
#include "http/social/social_problems.hpp"

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
    case request_errc::invalid_if_match: return {400, "invalid_if_match", "Invalid If-Match"};
    case request_errc::rate_limited: return {429, "rate_limited", "Too many requests"};
    case request_errc::invalid_idempotency_key:
      return {400, "invalid_idempotency_key", "Invalid Idempotency-Key"};
    case request_errc::invalid_query: return {400, "invalid_query", "Invalid query"};
    case request_errc::malformed_request:
      return {400, "malformed_request", "Malformed request"};
    case request_errc::export_too_large:
      return {422, "export_too_large", "Export too large"};
    case request_errc::idempotency_in_flight:
      return {409, "idempotency_in_flight", "Request with this key in progress"};
  }
  return {400, "bad_request", "Bad request"};
}

problem_kind classify_store(store_errc code) {
  const auto name = code_name(code);
  switch (code) {
    case store_errc::version_conflict: return {409, name, "Version conflict"};
    case store_errc::idempotency_mismatch: return {422, name, "Idempotency key reused"};
    case store_errc::overloaded: return {503, name, "Overloaded"};
    case store_errc::not_found: return {404, name, "Not found"};
    case store_errc::subject_erased: return {410, name, "Erased"};
    case store_errc::io:
    case store_errc::read_only: return {503, name, "Storage unavailable"};
    default: return {500, name, "Storage failure"};
  }
}

} // namespace

problem_kind classify(const failure& f) {
  switch (f.domain) {
    case error_domain::request: return classify_request(static_cast<request_errc>(f.code));
    case error_domain::account: return problem_of(static_cast<account_errc>(f.code));
    case error_domain::store: return classify_store(static_cast<store_errc>(f.code));
    case error_domain::money:
      return {422, code_name(static_cast<money_errc>(f.code)), "Invalid amount"};
    case error_domain::runtime:
      if (f.code == static_cast<std::uint8_t>(runtime_errc::node_unavailable))
        return {503, "node_unavailable", "Node unavailable"};
      if (f.code == static_cast<std::uint8_t>(runtime_errc::deadline_passed))
        return {503, "deadline_passed", "Not started in time"};
      if (f.code == static_cast<std::uint8_t>(runtime_errc::outcome_unknown))
        return {202, "outcome_pending", "Accepted; outcome pending"};
      return {503, "unavailable", "Service unavailable"};
    case error_domain::auth: return problem_of(static_cast<auth_errc>(f.code));
    case error_domain::user: return problem_of(static_cast<user_errc>(f.code));
    case error_domain::group: return problem_of(static_cast<group_errc>(f.code));
    case error_domain::loan: return problem_of(static_cast<loan_errc>(f.code));
  }
  return {500, "internal", "Internal error"};
}

http_response problem_response(const failure& f, std::string_view request_id) {
  const auto kind = classify(f);
  // Server-side failures say nothing of internals: the detail stays in the log.
  const bool show_detail = kind.status < 500 || kind.code == "deadline_passed";
  boost::json::object body{
    {"type", "urn:pfms:problem:" + std::string(kind.code)},
    {"title", kind.title},
    {"status", kind.status},
    {"code", kind.code},
    {"detail", show_detail ? f.detail : std::string(kind.title)},
    {"request_id", request_id},
  };
  // A write whose outcome is pending is no failure: plain JSON, with where to look.
  if (kind.status == 202)
    body["outcome"] = "pending";
  http_response r{kind.status, kind.status == 202 ? "application/json" : "application/problem+json",
                  boost::json::serialize(body), {}};
  if (kind.status == 503 || kind.status == 429 || kind.status == 202)
    r.headers.emplace_back("Retry-After", "1");
  if (kind.status == 401)
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"pfms\"");
  return r;
}

} // namespace pfms
