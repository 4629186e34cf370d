// Identity across a 3-node cluster: a session ended through one front ends
// its access tokens on every front, and failed logins are counted by the
// node that owns the account, whichever front they come through, durably.

#include "tests/e2e/cluster_support.hpp"

using namespace pfms::test;

namespace {

client_response log_in(std::uint16_t port, const std::string& email, const char* password) {
  return request(port, "POST", "/auth/login",
                 R"({"email":")" + email + R"(","password":")" + password + R"("})",
                 "application/json");
}

int me_status(std::uint16_t port, const std::string& token) {
  return request(port, "GET", "/user/me", "", "", token).status;
}

// A fresh cluster's user on node 0 (registered through `front`), and its email.
std::pair<person, std::string> first_user(cluster& c, const std::string& prefix, int front) {
  c.start_all();
  auto who = c.join_on(0, prefix, front);
  auto email = text(json_of(request(c.port(0), "GET", "/user/me", "", "", who.token)), "email");
  REQUIRE_FALSE(email.empty());
  return {who, email};
}

} // namespace

TEST_CASE("a session ended through one front ends its access tokens on every front") {
  cluster c;
  const auto [who, email] = first_user(c, "session", 1);
  auto other = json_of(log_in(c.port(1), email, "correct horse"));
  const auto access = text(other, "access_token");
  for (int i = 0; i < 3; ++i)
    REQUIRE(me_status(c.port(i), access) == 200);
  REQUIRE(request(c.port(2), "POST", "/auth/logout",
                  R"({"refresh_token":")" + text(other, "refresh_token") + "\"}", "application/json")
            .status == 204);
  for (int i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(me_status(c.port(i), access) == 401);
    CHECK(request(c.port(i), "POST", "/finance/accounts",
                  R"({"name":"A","kind":"cash","currency":"EUR"})", "application/json", access)
            .status == 401);
    CHECK(me_status(c.port(i), who.token) == 200);
  }
  c.stop_all_and_verify();
}

TEST_CASE("failed logins count across every front, and the lock outlives a kill -9 of every node") {
  cluster c;
  const auto [who, email] = first_user(c, "locked", 0);
  // Five wrong passwords, spread over the three fronts: one account's limit.
  for (int i = 0; i < 5; ++i)
    CHECK(log_in(c.port(i % 3), email, "wrong password").status == 401);
  for (int i = 0; i < 3; ++i) {
    CAPTURE(i);
    auto locked = log_in(c.port(i), email, "correct horse");
    CHECK(locked.status == 429);
    CHECK(text(json_of(locked), "code") == "too_many_attempts");
  }
  for (auto& node : c.running)
    CHECK(node->stop(SIGKILL) == 128 + SIGKILL);
  for (int i = 0; i < 3; ++i) {
    c.start(i);
    REQUIRE(c.port(i) != 0);
  }
  c.await_all_up();
  for (int i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(log_in(c.port(i), email, "correct horse").status == 429);
  }
  // Another account is not locked by them.
  const auto fresh = c.join_on(1, "fresh", 2);
  CHECK_FALSE(fresh.token.empty());
  c.stop_all_and_verify();
}
