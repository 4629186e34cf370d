// A user's life beyond login: stronger password hashing on the next login,
// and (below) export and erasure.

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/files.hpp"
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

namespace {

client_response erase(std::uint16_t port, const std::string& token, const std::string& body,
                      const std::string& type = "application/json") {
  return request(port, "DELETE", "/user/me", body, type, token);
}

// Erin's spending, with text that is hers: a payee, a category of her own,
// a tag and a split line.
void record_personal_spending(std::uint16_t port, const std::string& token,
                              const std::string& account) {
  auto body = transaction_body(account, "income", 900);
  body.replace(body.find("lunch"), 5, "rent to Bob");
  REQUIRE(post_transaction(port, body, token).status == 201);
  REQUIRE(request(port, "PUT", "/finance/categories/quackdoctor_visits",
                  R"({"tax_category":""})", "application/json", token).status == 200);
  REQUIRE(post_transaction(
            port,
            R"({"account_id":")" + account + R"(","kind":"expense","amount_minor":300,)"
              R"("currency":"EUR","occurred_at":"2026-11-24T10:00:00Z",)"
              R"("category":"quackdoctor_visits","tags":["lumbago_relief"],"lines":[)"
              R"({"category":"quackdoctor_split","amount_minor":100},)"
              R"({"category":"quackdoctor_visits","amount_minor":200}]})",
            token).status == 201);
}

} // namespace

TEST_CASE("export returns everything about the caller; erasure makes it unreadable for good") {
  temp_dir dir;
  const auto data = dir.sub("data");
  const std::vector<std::string> personal{"erin@example.org", "Erin Example", "Erin's savings",
                                          "rent to Bob", "quackdoctor_visits", "lumbago_relief",
                                          "quackdoctor_split"};
  std::string account, account_token;
  {
    node_process node(data);
    const auto port = node.port();
    REQUIRE(port != 0);
    const auto token = sign_up(port, "erin@example.org");
    REQUIRE(request(port, "PATCH", "/user/me", R"({"display_name":"Erin Example"})",
                    "application/json", token).status == 200);
    auto opened = request(port, "POST", "/finance/accounts",
                          R"({"name":"Erin's savings","kind":"savings","currency":"EUR"})",
                          "application/json", token);
    REQUIRE(opened.status == 201);
    account = text(json_of(opened), "id");
    record_personal_spending(port, token, account);

    auto exported = request(port, "GET", "/user/me/export", "", "", token);
    REQUIRE(exported.status == 200);
    for (const auto& text_item : personal)
      CHECK(exported.body.find(text_item) != std::string::npos);
    CHECK(exported.body.find("$argon2id") == std::string::npos);
    auto doc = json_of(exported);
    CHECK(doc.at("streams").as_array().size() == 2);
    CHECK(doc.at("read_models").at("account_balances").as_array().size() == 1);
    CHECK(doc.at("user").at("display_name").as_string() == "Erin Example");

    // Bad erasure requests change nothing.
    CHECK(erase(port, token, R"({"password":"wrong password"})").status == 401);
    CHECK(erase(port, token, R"({"password":"correct horse"})", "text/plain").status == 415);
    CHECK(erase(port, token, R"({})").status == 422);
    CHECK(request(port, "GET", "/user/me", "", "", token).status == 200);

    CHECK(erase(port, token, R"({"password":"correct horse"})").status == 204);
    // Erasure ended every session: the user's tokens read and write nothing.
    CHECK(request(port, "GET", "/user/me", "", "", token).status == 401);
    CHECK(request(port, "GET", "/user/me/export", "", "", token).status == 401);
    CHECK(request(port, "POST", "/auth/login",
                  R"({"email":"erin@example.org","password":"correct horse"})").status == 401);
    CHECK(get_account_http(port, account, token).status == 401);
    auto refused = post_transaction(port, transaction_body(account, "income", 1), token);
    CHECK(refused.status == 401);
    CHECK(text(json_of(refused), "code") == "unauthorized");
    // The email is free again.
    CHECK_FALSE(sign_up(port, "erin@example.org").empty());
    CHECK(node.stop(SIGTERM) == 0);
  }
  std::string out;
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data}, out) == 0);
  REQUIRE(run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream", "account-" + account},
                   out) == 0);
  CHECK(out.find("[erased]") != std::string::npos);
  CHECK(out.find("Erin") == std::string::npos);
  for (const auto& text_item : personal) {
    CAPTURE(text_item);
    CHECK_FALSE(any_file_contains(data, text_item));
  }
}

TEST_CASE("an email change needs the password, moves login to the new address and frees the old") {
  temp_dir dir;
  node_process node(dir.sub("data"));
  const auto port = node.port();
  REQUIRE(port != 0);
  const auto token = sign_up(port, "old@example.org");
  REQUIRE_FALSE(sign_up(port, "taken@example.org").empty());
  auto change = [&](const std::string& email, const std::string& password) {
    return request(port, "POST", "/user/me/email",
                   R"({"new_email":")" + email + R"(","password":")" + password + R"("})",
                   "application/json", token);
  };
  auto login = [&](const std::string& email) {
    return request(port, "POST", "/auth/login",
                   R"({"email":")" + email + R"(","password":"correct horse"})").status;
  };
  CHECK(change("new@example.org", "wrong password").status == 401);
  CHECK(text(json_of(change("taken@example.org", "correct horse")), "code") == "email_taken");
  CHECK(change("not an email", "correct horse").status == 422);
  CHECK(text(json_of(request(port, "GET", "/user/me", "", "", token)), "email") == "old@example.org");
  auto moved = change("New@Example.org", "correct horse");
  REQUIRE(moved.status == 200);
  CHECK(text(json_of(moved), "email") == "new@example.org");
  CHECK(change("new@example.org", "correct horse").status == 200); // same address: no change
  CHECK(login("new@example.org") == 200);
  CHECK(login("old@example.org") == 401);
  CHECK_FALSE(sign_up(port, "old@example.org").empty()); // the old address is free
  CHECK(text(json_of(request(port, "GET", "/user/me", "", "", token)), "email") == "new@example.org");
}
