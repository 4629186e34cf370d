// What an attacker's first tries at the front door get: look-alike emails
// name the account they look like, and password guesses through a stolen
// access token are counted like failed logins. Against a real pfmsd.

#include "tests/e2e/auth_fixture.hpp"

#include <doctest/doctest.h>

using namespace pfms::test;

using fixture = auth_fixture;

TEST_CASE_FIXTURE(fixture, "look-alike emails are one address: a fullwidth form is taken, an invisible one refused") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(sign_up(port, "victim@example.org").empty());
  struct row { const char* name; const char* email; int status; const char* code; };
  const row rows[] = {
    {"fullwidth", R"(\uff56\uff49\uff43\uff54\uff49\uff4d@example.org)", 409, "email_taken"},
    {"capitals", R"(VICTIM@EXAMPLE.ORG)", 409, "email_taken"},
    {"zero-width space", R"(victim@example.org\u200b)", 422, "invalid_email"},
    {"soft hyphen", R"(vic\u00adtim@example.org)", 422, "invalid_email"},
    {"ip literal", R"(victim@[127.0.0.1])", 422, "invalid_email"},
    {"dotted ipv4", R"(victim@127.0.0.1)", 422, "invalid_email"},
    {"double dot", R"(victim@example..org)", 422, "invalid_email"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto response = post("/auth/register", std::string(R"({"email":")") + r.email
                                             + R"(","password":"long enough","display_name":"M"})");
    CHECK(response.status == r.status);
    CHECK(text(json_of(response), "code") == r.code);
  }
  // The fullwidth form names the victim's account: its login is the victim's.
  auto fullwidth = login(R"(\uff56\uff49\uff43\uff54\uff49\uff4d@example.org)", "correct horse");
  REQUIRE(fullwidth.status == 200);
  auto me = request(port, "GET", "/user/me", "", "", text(json_of(fullwidth), "access_token"));
  CHECK(text(json_of(me), "email") == "victim@example.org");
  CHECK(login("victim@example.org", "long enough").status == 401);
  CHECK(node.running());
}

TEST_CASE_FIXTURE(fixture, "wrong current passwords on a password change are counted: 429 past the limit") {
  REQUIRE(port != 0);
  const auto token = sign_up(port, "guess@example.org");
  REQUIRE_FALSE(token.empty());
  const auto version = number(json_of(request(port, "GET", "/user/me", "", "", token)), "version");
  for (int i = 0; i < 5; ++i) {
    auto wrong = post("/user/me/password",
                      R"({"current_password":"guess )" + std::to_string(i)
                        + R"(","new_password":"new password 1"})", token);
    CHECK(wrong.status == 401);
    CHECK(text(json_of(wrong), "code") == "invalid_credentials");
  }
  // Locked now, even for the right password, and the account's logins with it.
  auto locked = post("/user/me/password",
                     R"({"current_password":"correct horse","new_password":"new password 1"})",
                     token);
  CHECK(locked.status == 429);
  CHECK(text(json_of(locked), "code") == "too_many_attempts");
  CHECK(std::stoi(locked.headers["retry-after"]) > 0);
  CHECK(login("guess@example.org", "correct horse").status == 429);
  auto me = json_of(request(port, "GET", "/user/me", "", "", token));
  CHECK(number(me, "version") == version);
  CHECK(node.running());
}
