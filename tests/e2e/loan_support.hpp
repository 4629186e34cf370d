#pragma once

// Loans over HTTP in the end-to-end tests: users, requests as one of them,
// offers and days.

#include "tests/e2e/e2e_support.hpp"

#include <chrono>
#include <cstdio>
#include <string>

namespace pfms::test {

struct person {
  std::string id;
  std::string token;
};

inline person join_pfms(std::uint16_t port, const std::string& email) {
  const auto token = sign_up(port, email);
  return {text(json_of(request(port, "GET", "/user/me", "", "", token)), "id"), token};
}

inline client_response post(std::uint16_t port, const person& who, const std::string& path,
                     const std::string& body, const std::string& extra = "") {
  return request(port, "POST", path, body, body.empty() ? "" : "application/json", who.token, extra);
}

inline client_response get(std::uint16_t port, const person& who, const std::string& path) {
  return request(port, "GET", path, "", "", who.token);
}

// The UTC day `offset` days from today, as YYYY-MM-DD.
inline std::string day(int offset) {
  using namespace std::chrono;
  const year_month_day d{floor<days>(system_clock::now()) + days(offset)};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return out;
}

// The UTC day `months` calendar months from today (clamped to the month's
// end), as YYYY-MM-DD: a first period of exactly whole months.
inline std::string month_later(int months) {
  using namespace std::chrono;
  const year_month_day today{floor<days>(system_clock::now())};
  auto d = today + std::chrono::months(months);
  if (!d.ok())
    d = d.year() / d.month() / last;
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return out;
}

inline std::string offer(const person& borrower, const std::string& start, const std::string& first_due,
                  const std::string& extra = "") {
  return R"({"lender":{"user_id":"LENDER"},"borrower":{"user_id":")" + borrower.id
         + R"("},"currency":"EUR","principal_minor":1000000,"annual_rate_bps":500,"term_months":12,)"
           R"("start_on":")" + start + R"(","first_due_on":")" + first_due + "\"" + extra + "}";
}

inline std::string with_lender(std::string body, const person& lender) {
  body.replace(body.find("LENDER"), 6, lender.id);
  return body;
}

inline std::string code_of(const client_response& r) {
  return text(json_of(r), "code");
}

} // namespace pfms::test
