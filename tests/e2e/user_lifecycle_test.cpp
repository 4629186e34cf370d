// A user's life beyond login: stronger password hashing on the next login,
// and (below) export and erasure.

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <thread>

using namespace pfms::test;

namespace {

const std::string credentials = R"({"email":"rehash@example.org","password":"correct horse"})";

long count_of(const std::vector<std::string>& types, const std::string& type) {
  return std::count(types.begin(), types.end(), type);
}

// Polls until `stream` holds `want` events of `type` (the rehash lands after
// the login's answer), up to 10 s; the count seen last.
long wait_for_count(const node_process& node, const std::string& admin_token,
                    const std::string& stream, const std::string& type, long want) {
  long seen = 0;
  for (int i = 0; i < 200; ++i) {
    seen = count_of(stream_types(node.admin_port(), admin_token, stream), type);
    if (seen >= want)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return seen;
}

} // namespace

TEST_CASE("a login under stronger argon2 parameters rehashes once and keeps every session") {
  temp_dir dir;
  std::string user_id, first_refresh;
  {
    node_process node(dir.sub("data"));
    REQUIRE(node.port() != 0);
    const auto token = sign_up(node.port(), "rehash@example.org");
    REQUIRE_FALSE(token.empty());
    user_id = text(json_of(request(node.port(), "GET", "/user/me", "", "", token)), "id");
    first_refresh = text(json_of(request(node.port(), "POST", "/auth/login", credentials)),
                         "refresh_token");
    CHECK(node.stop(SIGTERM) == 0);
  }
  node_process node(dir.sub("data"), {"PFMS_PASSWORD_HASH_PASSES=3"});
  REQUIRE(node.port() != 0);
  const auto admin_token = read_admin_token(dir.sub("data"));
  const auto stream = "user-" + user_id;
  CHECK(count_of(stream_types(node.admin_port(), admin_token, stream), "PasswordChanged") == 0);
  REQUIRE(request(node.port(), "POST", "/auth/login", credentials).status == 200);
  CHECK(wait_for_count(node, admin_token, stream, "PasswordChanged", 1) == 1);
  // The new hash verifies the same password and is current: no second rehash.
  REQUIRE(request(node.port(), "POST", "/auth/login", credentials).status == 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(count_of(stream_types(node.admin_port(), admin_token, stream), "PasswordChanged") == 1);
  CHECK(request(node.port(), "POST", "/auth/refresh",
                R"({"refresh_token":")" + first_refresh + "\"}")
          .status
        == 200);
}
