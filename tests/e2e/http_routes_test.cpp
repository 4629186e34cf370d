#include "tests/e2e/e2e_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <csignal>

using namespace pfms::test;

namespace {

// A fresh node and data directory for each test case.
struct fixture {
  temp_dir dir;
  node_process node{dir.sub("data")};
  std::uint16_t port = node.port();
  std::string token = port ? sign_up(port, "owner@example.org") : "";
};

// The account's balance and version, read over HTTP.
std::pair<std::int64_t, std::int64_t> balance_of(std::uint16_t port, const std::string& id,
                                                 const std::string& token) {
  auto v = json_of(get_account_http(port, id, token));
  return {number(v, "balance_minor"), number(v, "version")};
}

} // namespace

TEST_CASE_FIXTURE(fixture, "health routes answer while the node runs") {
  REQUIRE(port != 0);
  CHECK(request(port, "GET", "/livez", "", "").status == 200);
  CHECK(request(port, "GET", "/readyz", "", "").status == 200);
}

TEST_CASE_FIXTURE(fixture, "an account is created, takes transactions and reads back") {
  REQUIRE(port != 0);
  auto created = request(port, "POST", "/finance/accounts",
                         R"({"name":"Main","kind":"checking","currency":"EUR","opening_balance_minor":1000})",
                         "application/json", token);
  REQUIRE(created.status == 201);
  CHECK(created.headers["etag"] == "\"1\"");
  const auto id = text(json_of(created), "id");
  CHECK(created.headers["location"] == "/finance/accounts/" + id);
  auto spent = post_transaction(port, transaction_body(id, "expense", 250), token);
  REQUIRE(spent.status == 201);
  auto v = json_of(spent);
  CHECK(text(v, "account_id") == id);
  CHECK(number(v, "amount_minor") == 250);
  CHECK(text(v, "occurred_at") == "2026-11-24T10:00:00Z");
  CHECK(number(v, "position") > 0);
  REQUIRE(post_transaction(port, transaction_body(id, "income", 100), token).status == 201);
  auto read = get_account_http(port, id, token);
  REQUIRE(read.status == 200);
  CHECK(read.headers["etag"] == "\"3\"");
  CHECK(number(json_of(read), "balance_minor") == 850);
  CHECK(text(json_of(read), "currency") == "EUR");
}

TEST_CASE_FIXTURE(fixture, "bad transactions get a problem, change nothing, and the node lives") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 500);
  REQUIRE_FALSE(id.empty());
  struct row { const char* name; std::string body; int status; const char* code; };
  const std::string base = R"({"account_id":")" + id + R"(","kind":"expense","currency":"EUR","occurred_at":"2026-11-24T10:00:00Z",)";
  const row rows[] = {
    {"malformed JSON", "{\"account_id\":", 400, "malformed_json"},
    {"not an object", "[]", 400, "malformed_json"},
    {"missing amount", base.substr(0, base.size() - 1) + "}", 422, "missing_field"},
    {"extra field", base + R"("amount_minor":1,"owner":"x"})", 422, "unknown_field"},
    {"zero amount", base + R"("amount_minor":0})", 422, "invalid_amount"},
    {"negative amount", base + R"("amount_minor":-5})", 422, "invalid_amount"},
    {"amount past int64", base + R"("amount_minor":9223372036854775808})", 422, "amount_out_of_range"},
    {"fractional amount", base + R"("amount_minor":1.5})", 422, "invalid_field"},
    {"amount as string", base + R"("amount_minor":"5"})", 422, "invalid_field"},
    {"wrong currency", transaction_body(id, "expense", 5, "USD"), 422, "currency_mismatch"},
    {"unknown currency", transaction_body(id, "expense", 5, "XYZ"), 422, "unknown_currency"},
    {"unknown kind", transaction_body(id, "refund", 5), 422, "invalid_kind"},
    {"past the balance", transaction_body(id, "expense", 501), 422, "insufficient_funds"},
    {"unknown account", transaction_body("0192f3c4-0000-7000-8000-00000000dead", "income", 5), 404, "account_not_found"},
    {"malformed account id", transaction_body("nope", "income", 5), 404, "account_not_found"},
    {"bad timestamp", R"({"account_id":")" + id + R"(","kind":"income","amount_minor":1,"currency":"EUR","occurred_at":"2026-11-24"})", 422, "invalid_timestamp"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto response = post_transaction(port, r.body, token);
    CHECK(response.status == r.status);
    CHECK(response.headers["content-type"] == "application/problem+json");
    auto problem = json_of(response);
    CHECK(text(problem, "code") == r.code);
    CHECK(number(problem, "status") == r.status);
    CHECK_FALSE(text(problem, "type").empty());
    CHECK_FALSE(text(problem, "title").empty());
  }
  CHECK(balance_of(port, id, token) == std::pair<std::int64_t, std::int64_t>{500, 1});
  CHECK(node.running());
}

TEST_CASE_FIXTURE(fixture, "bad account creations get a problem and create nothing") {
  REQUIRE(port != 0);
  struct row { const char* name; const char* body; int status; const char* code; };
  const row rows[] = {
    {"missing currency", R"({"name":"A","kind":"cash"})", 422, "missing_field"},
    {"unknown kind", R"({"name":"A","kind":"piggy","currency":"EUR"})", 422, "invalid_kind"},
    {"empty name", R"({"name":"","kind":"cash","currency":"EUR"})", 422, "invalid_name"},
    {"lower-case currency", R"({"name":"A","kind":"cash","currency":"eur"})", 422, "unknown_currency"},
    {"client-chosen id", R"({"id":"x","name":"A","kind":"cash","currency":"EUR"})", 422, "unknown_field"},
    {"balance field", R"({"balance_minor":5,"name":"A","kind":"cash","currency":"EUR"})", 422, "unknown_field"},
    {"negative credit limit", R"({"name":"A","kind":"cash","currency":"EUR","credit_limit_minor":-1})", 422, "invalid_amount"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto response = request(port, "POST", "/finance/accounts", r.body, "application/json", token);
    CHECK(response.status == r.status);
    CHECK(text(json_of(response), "code") == r.code);
  }
  // Nothing was written: the user's registration events came before, and the
  // account lands right after them.
  const auto before = number(json_of(request(port, "POST", "/finance/accounts",
                                             R"({"name":"A","kind":"cash","currency":"EUR"})",
                                             "application/json", token)),
                             "position");
  CHECK(before > 0);
  auto created = request(port, "POST", "/finance/accounts",
                         R"({"name":"B","kind":"cash","currency":"EUR"})", "application/json", token);
  CHECK(number(json_of(created), "position") == before + 1);
}

TEST_CASE_FIXTURE(fixture, "protocol-level mistakes get the right 4xx") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token);
  auto no_type = request(port, "POST", "/finance/accounts", R"({"name":"A"})", "", token);
  CHECK(no_type.status == 415);
  auto text_type = request(port, "POST", "/finance/accounts", R"({"name":"A"})", "text/plain", token);
  CHECK(text_type.status == 415);
  CHECK(text(json_of(text_type), "code") == "unsupported_media_type");
  auto wrong_method = request(port, "DELETE", "/finance/accounts", "", "");
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.headers["allow"] == "POST");
  CHECK(request(port, "GET", "/nowhere", "", "").status == 404);
  CHECK(get_account_http(port, "0192f3c4-0000-7000-8000-00000000dead", token).status == 404);
  CHECK(get_account_http(port, "not-an-id", token).status == 404);
  auto big = post_transaction(port, R"({"note":")" + std::string(100 * 1024, 'x') + "\"}", token);
  CHECK(big.status == 413);
  CHECK(text(json_of(big), "code") == "body_too_large");
  auto headers = send_raw(port, "GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: "
                                  + std::string(16 * 1024, 'h') + "\r\n\r\n");
  CHECK(headers.status == 431);
  CHECK(send_raw(port, "NONSENSE\r\n\r\n").status == 0); // closed, no crash
  CHECK(balance_of(port, id, token) == std::pair<std::int64_t, std::int64_t>{0, 1});
  CHECK(node.running());
}

TEST_CASE("pfmsd exits 0 after SIGTERM and keeps what it acknowledged") {
  temp_dir dir;
  std::string id, token;
  {
    node_process node(dir.sub("data"));
    REQUIRE(node.port() != 0);
    token = sign_up(node.port(), "term@example.org");
    id = open_account_http(node.port(), token, 10);
    REQUIRE_FALSE(id.empty());
    CHECK(node.stop(SIGTERM) == 0);
  }
  node_process again(dir.sub("data"));
  REQUIRE(again.port() != 0);
  // The access token outlives the restart: the key is in the data directory.
  CHECK(balance_of(again.port(), id, token) == std::pair<std::int64_t, std::int64_t>{10, 1});
}

TEST_CASE_FIXTURE(fixture, "the OpenAPI document is served without a token") {
  REQUIRE(port != 0);
  auto doc = request(port, "GET", "/openapi.json", "", "");
  REQUIRE(doc.status == 200);
  CHECK(text(json_of(doc), "openapi") == "3.1.0");
}
