// An access token is good only while the session it was issued under lives:
// each way a session ends must end its access tokens at once, and the
// refused writes must change nothing. Against a real pfmsd, restarted too.

#include "tests/e2e/node_fixture.hpp"

#include <doctest/doctest.h>

#include <csignal>

using namespace pfms::test;

namespace {

constexpr const char* password = "correct horse";

struct session_pair {
  std::string access;
  std::string refresh;
};

session_pair log_in(std::uint16_t port, const std::string& email, const std::string& secret) {
  auto r = request(port, "POST", "/auth/login",
                   R"({"email":")" + email + R"(","password":")" + secret + R"("})",
                   "application/json");
  return {text(json_of(r), "access_token"), text(json_of(r), "refresh_token")};
}

client_response rename_me(std::uint16_t port, const std::string& token, const char* name) {
  return request(port, "PATCH", "/user/me", std::string(R"({"display_name":")") + name + "\"}",
                 "application/json", token);
}

client_response open_cash(std::uint16_t port, const std::string& token) {
  return request(port, "POST", "/finance/accounts",
                 R"({"name":"Cash","kind":"cash","currency":"EUR"})", "application/json", token);
}

// The token's writes are refused with 401 `unauthorized`, and neither the
// profile nor the accounts changed (as `witness`, a live session, sees them).
void check_refused(std::uint16_t port, const std::string& token, const std::string& witness) {
  auto renamed = rename_me(port, token, "Mallory");
  CHECK(renamed.status == 401);
  CHECK(text(json_of(renamed), "code") == "unauthorized");
  CHECK_FALSE(renamed.headers["www-authenticate"].empty());
  auto opened = open_cash(port, token);
  CHECK(opened.status == 401);
  CHECK(text(json_of(opened), "code") == "unauthorized");
  CHECK(request(port, "GET", "/user/me", "", "", token).status == 401);
  if (witness.empty())
    return;
  CHECK(text(json_of(request(port, "GET", "/user/me", "", "", witness)), "display_name")
        == "Tester");
  auto accounts = json_of(request(port, "GET", "/finance/accounts", "", "", witness));
  REQUIRE(accounts.is_object());
  CHECK(accounts.at("items").as_array().empty());
}

client_response post(std::uint16_t port, const std::string& path, const std::string& body,
                     const std::string& token = "") {
  return request(port, "POST", path, body, "application/json", token);
}

using fixture = fresh_node;

} // namespace

TEST_CASE_FIXTURE(fixture, "a logout ends the session's access tokens; other sessions go on") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(sign_up(port, "lo@example.org").empty());
  const auto ended = log_in(port, "lo@example.org", password);
  const auto other = log_in(port, "lo@example.org", password);
  REQUIRE(rename_me(port, ended.access, "Tester").status == 200);
  REQUIRE(post(port, "/auth/logout", R"({"refresh_token":")" + ended.refresh + "\"}").status == 204);
  check_refused(port, ended.access, other.access);
  CHECK(rename_me(port, other.access, "Tester").status == 200);
}

TEST_CASE_FIXTURE(fixture, "a password change in another session ends this session's access tokens") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(sign_up(port, "pw@example.org").empty());
  const auto victim = log_in(port, "pw@example.org", password);
  const auto owner = log_in(port, "pw@example.org", password);
  REQUIRE(post(port, "/user/me/password",
               R"({"current_password":"correct horse","new_password":"a new password"})",
               owner.access).status == 204);
  check_refused(port, victim.access, owner.access);
}

TEST_CASE_FIXTURE(fixture, "a reused refresh token revokes the family and its access tokens") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(sign_up(port, "re@example.org").empty());
  const auto stolen = log_in(port, "re@example.org", password);
  const auto witness = log_in(port, "re@example.org", password);
  auto rotated = post(port, "/auth/refresh", R"({"refresh_token":")" + stolen.refresh + "\"}");
  REQUIRE(rotated.status == 200);
  const auto newer = text(json_of(rotated), "access_token");
  REQUIRE(rename_me(port, newer, "Tester").status == 200);
  REQUIRE(post(port, "/auth/refresh", R"({"refresh_token":")" + stolen.refresh + "\"}").status
          == 401);
  check_refused(port, stolen.access, witness.access);
  check_refused(port, newer, witness.access);
}

TEST_CASE_FIXTURE(fixture, "an erasure ends every access token of the user") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(sign_up(port, "er@example.org").empty());
  const auto first = log_in(port, "er@example.org", password);
  const auto second = log_in(port, "er@example.org", password);
  REQUIRE(request(port, "DELETE", "/user/me", R"({"password":"correct horse"})",
                  "application/json", first.access).status == 204);
  check_refused(port, first.access, "");
  check_refused(port, second.access, "");
  CHECK(request(port, "GET", "/finance/accounts", "", "", second.access).status == 401);
  CHECK(request(port, "GET", "/user/me/export", "", "", second.access).status == 401);
}

TEST_CASE("after a restart a live session's token works and an ended one's does not") {
  temp_dir dir;
  session_pair live, ended;
  {
    node_process node(dir.sub("data"));
    REQUIRE(node.port() != 0);
    REQUIRE_FALSE(sign_up(node.port(), "rs@example.org").empty());
    live = log_in(node.port(), "rs@example.org", password);
    ended = log_in(node.port(), "rs@example.org", password);
    REQUIRE(post(node.port(), "/auth/logout", R"({"refresh_token":")" + ended.refresh + "\"}")
              .status == 204);
    REQUIRE(node.stop(SIGKILL) == 128 + SIGKILL);
  }
  // Nothing is published on the new process: the checks ask the user's actor.
  node_process node(dir.sub("data"));
  REQUIRE(node.port() != 0);
  check_refused(node.port(), ended.access, live.access);
  CHECK(rename_me(node.port(), live.access, "Tester").status == 200);
  CHECK(node.running());
}
