#pragma once

#include "tests/support/http_client.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

namespace pfms::test {

inline boost::json::value json_of(const client_response& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  return ec ? boost::json::value() : v;
}

inline std::string text(const boost::json::value& v, const char* key) {
  if (!v.is_object() || !v.as_object().contains(key) || !v.at(key).is_string())
    return {};
  return std::string(v.at(key).as_string());
}

inline std::int64_t number(const boost::json::value& v, const char* key) {
  if (!v.is_object() || !v.as_object().contains(key) || !v.at(key).is_int64())
    return -1;
  return v.at(key).as_int64();
}

/// Registers `email` (password "correct horse") and logs in; the access
/// token, empty on failure.
inline std::string sign_up(std::uint16_t port, const std::string& email) {
  const auto credentials = R"({"email":")" + email + R"(","password":"correct horse")";
  auto registered = request(port, "POST", "/auth/register",
                            credentials + R"(,"display_name":"Tester"})");
  auto login = request(port, "POST", "/auth/login", credentials + "}");
  return registered.status == 201 && login.status == 200 ? text(json_of(login), "access_token")
                                                        : std::string();
}

/// Opens an account over HTTP as the token's user; returns its id (empty on failure).
inline std::string open_account_http(std::uint16_t port, const std::string& token,
                                     std::int64_t opening = 0, const char* currency = "EUR") {
  auto r = request(port, "POST", "/finance/accounts",
                   R"({"name":"Main","kind":"checking","currency":")" + std::string(currency)
                     + R"(","opening_balance_minor":)" + std::to_string(opening) + "}",
                   "application/json", token);
  return r.status == 201 ? text(json_of(r), "id") : std::string();
}

inline std::string transaction_body(const std::string& account, const char* kind,
                                    std::int64_t amount, const char* currency = "EUR") {
  return R"({"account_id":")" + account + R"(","kind":")" + kind + R"(","amount_minor":)"
         + std::to_string(amount) + R"(,"currency":")" + currency
         + R"(","occurred_at":"2026-11-24T10:00:00Z","category":"food","note":"lunch"})";
}

inline client_response get_account_http(std::uint16_t port, const std::string& id,
                                        const std::string& token) {
  return request(port, "GET", "/finance/accounts/" + id, "", "", token);
}

/// The admin token pfmsd created in `data_dir`.
inline std::string read_admin_token(const std::string& data_dir) {
  std::ifstream in(data_dir + "/admin.token");
  std::string token;
  std::getline(in, token);
  return token;
}

/// The event types of `stream`, read through the admin listener (first 1000).
inline std::vector<std::string> stream_types(std::uint16_t admin_port, const std::string& admin_token,
                                             const std::string& stream) {
  std::vector<std::string> out;
  auto page = request(admin_port, "GET", "/admin/streams/" + stream + "?limit=1000", "", "",
                      admin_token);
  if (page.status != 200)
    return out;
  const auto body = json_of(page);
  for (const auto& e : body.at("events").as_array())
    out.emplace_back(e.at("type").as_string());
  return out;
}

inline client_response post_transaction(std::uint16_t port, const std::string& body,
                                        const std::string& token) {
  return request(port, "POST", "/finance/transactions", body, "application/json", token);
}

} // namespace pfms::test
