// Idempotency-Key on the writing POST routes, against a real pfmsd: replays,
// mismatches, per-user scope, a key still running, and a retry after kill -9.

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <future>
#include <set>
#include <thread>

using namespace pfms::test;

namespace {

std::string key_header(const std::string& key) {
  return "Idempotency-Key: " + key + "\r\n";
}

client_response post_keyed(std::uint16_t port, const std::string& path, const std::string& body,
                           const std::string& token, const std::string& key) {
  return request(port, "POST", path, body, "application/json", token, key_header(key));
}

const std::string account_body =
  R"({"name":"Main","kind":"checking","currency":"EUR","opening_balance_minor":1000})";

std::int64_t version_of(std::uint16_t port, const std::string& id, const std::string& token) {
  return number(json_of(get_account_http(port, id, token)), "version");
}

struct fixture {
  temp_dir dir;
  node_process node{dir.sub("data")};
  std::uint16_t port = node.port();
  std::string token = port ? sign_up(port, "keys@example.org") : "";
};

} // namespace

TEST_CASE_FIXTURE(fixture, "a retried POST answers the first response and writes nothing") {
  REQUIRE(port != 0);
  auto opened = post_keyed(port, "/finance/accounts", account_body, token, "\"open-1\"");
  REQUIRE(opened.status == 201);
  auto reopened = post_keyed(port, "/finance/accounts", account_body, token, "\"open-1\"");
  CHECK(reopened.status == 201);
  CHECK(reopened.body == opened.body);
  CHECK(reopened.headers["location"] == opened.headers["location"]);
  const auto id = text(json_of(opened), "id");
  CHECK(version_of(port, id, token) == 1);

  const auto body = transaction_body(id, "expense", 300);
  auto first = post_keyed(port, "/finance/transactions", body, token, "tx-1");
  REQUIRE(first.status == 201);
  CHECK(first.headers["etag"] == "\"2\"");
  // Another write moves the account on; the retry still answers as the first did.
  REQUIRE(post_transaction(port, transaction_body(id, "income", 50), token).status == 201);
  auto retry = post_keyed(port, "/finance/transactions", body, token, "tx-1");
  CHECK(retry.status == 201);
  CHECK(retry.body == first.body);
  CHECK(number(json_of(retry), "balance_minor") == 700);
  auto now = json_of(get_account_http(port, id, token));
  CHECK(number(now, "balance_minor") == 750);
  CHECK(number(now, "version") == 3);
}

TEST_CASE_FIXTURE(fixture, "the same key on another request is 422 and changes nothing") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 1000);
  REQUIRE(post_keyed(port, "/finance/transactions", transaction_body(id, "expense", 300), token,
                     "k")
            .status
          == 201);
  struct row { std::string name; std::string path; std::string body; };
  const row rows[] = {
    {"other amount", "/finance/transactions", transaction_body(id, "expense", 301)},
    {"other route", "/finance/accounts", account_body},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto refused = post_keyed(port, r.path, r.body, token, "k");
    CHECK(refused.status == 422);
    CHECK(text(json_of(refused), "code") == "idempotency_key_reused");
  }
  CHECK(version_of(port, id, token) == 2);
  CHECK(number(json_of(get_account_http(port, id, token)), "balance_minor") == 700);
}

TEST_CASE_FIXTURE(fixture, "keys are scoped per user") {
  REQUIRE(port != 0);
  const auto other = sign_up(port, "other@example.org");
  REQUIRE_FALSE(other.empty());
  auto mine = post_keyed(port, "/finance/accounts", account_body, token, "same");
  auto theirs = post_keyed(port, "/finance/accounts", account_body, other, "same");
  REQUIRE(mine.status == 201);
  REQUIRE(theirs.status == 201);
  CHECK(text(json_of(mine), "id") != text(json_of(theirs), "id"));
  CHECK(get_account_http(port, text(json_of(theirs), "id"), token).status == 404);
}

TEST_CASE_FIXTURE(fixture, "malformed keys are refused before anything runs") {
  REQUIRE(port != 0);
  for (const std::string& bad : {std::string("\"\""), std::string(129, 'k'), std::string("a\"b"),
                                 std::string("\"a\\\\b\"")}) {
    CAPTURE(bad);
    auto refused = post_keyed(port, "/finance/accounts", account_body, token, bad);
    CHECK(refused.status == 400);
    CHECK(text(json_of(refused), "code") == "invalid_idempotency_key");
  }
  CHECK(node.running());
}

TEST_CASE_FIXTURE(fixture, "a key whose first request still runs is 409; a later retry replays") {
  REQUIRE(port != 0);
  // A password change hashes twice with argon2id: long enough to overlap.
  const std::string change = R"({"current_password":"correct horse","new_password":"battery staple"})";
  auto first = std::async(std::launch::async, [&] {
    return post_keyed(port, "/user/me/password", change, token, "pw-1");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto second = post_keyed(port, "/user/me/password", change, token, "pw-1");
  CHECK(second.status == 409);
  CHECK(text(json_of(second), "code") == "idempotency_in_flight");
  REQUIRE(first.get().status == 204);
  // A new session after the change; a replay must not end it as a re-run would.
  auto login = request(port, "POST", "/auth/login",
                       R"({"email":"keys@example.org","password":"battery staple"})");
  REQUIRE(login.status == 200);
  auto replay = post_keyed(port, "/user/me/password", change, token, "pw-1");
  CHECK(replay.status == 204);
  auto refreshed = request(port, "POST", "/auth/refresh",
                           R"({"refresh_token":")" + text(json_of(login), "refresh_token") + "\"}");
  CHECK(refreshed.status == 200);
}

TEST_CASE("a retry after kill -9 answers the acknowledged write") {
  temp_dir dir;
  std::string first_body, id, token;
  {
    node_process node(dir.sub("data"));
    REQUIRE(node.port() != 0);
    token = sign_up(node.port(), "crash@example.org");
    id = open_account_http(node.port(), token, 1000);
    auto first = post_keyed(node.port(), "/finance/transactions",
                            transaction_body(id, "expense", 250), token, "after-crash");
    REQUIRE(first.status == 201);
    first_body = first.body;
    CHECK(node.stop(SIGKILL) == 128 + SIGKILL);
  }
  node_process node(dir.sub("data"));
  REQUIRE(node.port() != 0);
  auto retry = post_keyed(node.port(), "/finance/transactions",
                          transaction_body(id, "expense", 250), token, "after-crash");
  CHECK(retry.status == 201);
  CHECK(retry.body == first_body);
  CHECK(version_of(node.port(), id, token) == 2);
}

TEST_CASE("a retried registration with its key answers the same user and registers once") {
  temp_dir dir;
  node_process node(dir.sub("data"));
  REQUIRE(node.port() != 0);
  const std::string body =
    R"({"email":"again@example.org","password":"correct horse","display_name":"Again"})";
  auto first = post_keyed(node.port(), "/auth/register", body, "", "reg-1");
  REQUIRE(first.status == 201);
  auto retry = post_keyed(node.port(), "/auth/register", body, "", "reg-1");
  CHECK(retry.status == 201);
  CHECK(retry.body == first.body);
  // Without the key it is a second registration of a taken email.
  CHECK(request(node.port(), "POST", "/auth/register", body).status == 409);
  auto other = post_keyed(node.port(), "/auth/register",
                          R"({"email":"other@example.org","password":"correct horse","display_name":"O"})",
                          "", "reg-1");
  CHECK(other.status == 422);
  const auto admin = read_admin_token(dir.sub("data"));
  const auto types = stream_types(node.admin_port(), admin, "user-" + text(json_of(first), "id"));
  CHECK(types == std::vector<std::string>{"UserRegistered"});
}

namespace {

// The amounts of every transaction of the caller's `account`, all pages.
std::set<std::int64_t> amounts_on(std::uint16_t port, const std::string& token,
                                  const std::string& account) {
  std::set<std::int64_t> out;
  std::string cursor;
  do {
    const auto page = json_of(request(port, "GET", "/finance/transactions?limit=200&account_id="
                                                     + account + (cursor.empty() ? "" : "&page_token=" + cursor),
                                      "", "", token));
    for (const auto& item : page.at("items").as_array())
      out.insert(item.at("amount_minor").as_int64());
    cursor = page.at("next_page_token").is_null() ? "" : text(page, "next_page_token");
  } while (!cursor.empty());
  return out;
}

} // namespace

TEST_CASE("a write refused for its deadline never lands, and none is answered a failure that lands") {
  temp_dir dir;
  const auto data = dir.sub("data");
  std::string token, account;
  {
    node_process node(data);
    REQUIRE(node.port() != 0);
    token = sign_up(node.port(), "late@example.org");
    account = open_account_http(node.port(), token, 100'000);
    REQUIRE(node.stop(SIGTERM) == 0);
  }
  // A 20 ms request timeout, and 192 writes at once on one account, whose
  // appends run one after another: the later ones are past their deadline
  // before the account takes them.
  node_process node(data, {"PFMS_REQUEST_TIMEOUT_MS=20", "PFMS_RATE_LIMIT_USER_RPS=0"});
  REQUIRE(node.port() != 0);
  constexpr int writers = 64, each = 3;
  std::vector<std::future<std::vector<std::pair<std::int64_t, client_response>>>> all;
  for (int w = 0; w < writers; ++w)
    all.push_back(std::async(std::launch::async, [&, w] {
      std::vector<std::pair<std::int64_t, client_response>> out;
      for (int i = 0; i < each; ++i) {
        const std::int64_t amount = 1 + w * each + i;
        out.emplace_back(amount, post_transaction(node.port(), transaction_body(account, "expense", amount), token));
      }
      return out;
    }));
  std::set<std::int64_t> acknowledged, refused, pending;
  for (auto& f : all)
    for (auto& [amount, r] : f.get()) {
      CAPTURE(r.body);
      if (r.status == 201) {
        acknowledged.insert(amount);
      } else if (r.status == 503 && text(json_of(r), "code") == "deadline_passed") {
        refused.insert(amount);
      } else {
        CHECK(r.status == 202); // the only other honest answer: pending
        CHECK(text(json_of(r), "code") == "outcome_pending");
        pending.insert(amount);
      }
    }
  MESSAGE("acknowledged " << acknowledged.size() << ", refused for the deadline " << refused.size()
                          << ", pending " << pending.size());
  CHECK_FALSE(refused.empty()); // the case this is about happened
  // Read back on a node with the usual timeout, after a restart.
  REQUIRE(node.stop(SIGTERM) == 0);
  node_process again(data);
  REQUIRE(again.port() != 0);
  const auto landed = amounts_on(again.port(), token, account);
  for (auto amount : acknowledged)
    CHECK(landed.contains(amount));
  for (auto amount : refused) {
    CAPTURE(amount);
    CHECK_FALSE(landed.contains(amount));
  }
  CHECK(landed.size() >= acknowledged.size());
  CHECK(landed.size() <= acknowledged.size() + pending.size());
}
