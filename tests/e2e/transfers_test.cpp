// POST /finance/transfers and GET /finance/transfers/{id} against a real
// pfmsd: money moves between the caller's accounts, retries move it once,
// and every refusal leaves both balances as they were.

#include "tests/e2e/node_fixture.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace pfms::test;

namespace {

std::string transfer_body(const std::string& from, const std::string& to, std::int64_t amount,
                          const std::string& extra = "", const char* currency = "EUR") {
  return R"({"from_account_id":")" + from + R"(","to_account_id":")" + to
         + R"(","amount_minor":)" + std::to_string(amount) + R"(,"currency":")" + currency
         + "\"" + extra + "}";
}

client_response transfer(std::uint16_t port, const std::string& token, const std::string& body,
                         const std::string& key = "") {
  return request(port, "POST", "/finance/transfers", body, "application/json", token,
                 key.empty() ? "" : "Idempotency-Key: \"" + key + "\"\r\n");
}

std::int64_t balance(std::uint16_t port, const std::string& token, const std::string& id) {
  return number(json_of(get_account_http(port, id, token)), "balance_minor");
}

} // namespace

TEST_CASE_FIXTURE(node_fixture, "a transfer moves money between the caller's accounts, once") {
  REQUIRE(port != 0);
  const auto a = open_account_http(port, token, 10'000);
  const auto b = open_account_http(port, token, 0);
  auto r = transfer(port, token, transfer_body(a, b, 2'500), "move-1");
  REQUIRE(r.status == 201);
  const auto v = json_of(r);
  CHECK(text(v, "status") == "completed");
  CHECK(number(v, "amount_minor") == 2'500);
  CHECK(number(v, "to_amount_minor") == 2'500);
  CHECK(balance(port, token, a) == 7'500);
  CHECK(balance(port, token, b) == 2'500);
  const auto id = text(v, "id");
  CHECK(r.headers["location"] == "/finance/transfers/" + id);

  // The retry answers the same transfer and moves nothing.
  auto again = transfer(port, token, transfer_body(a, b, 2'500), "move-1");
  REQUIRE(again.status == 201);
  CHECK(text(json_of(again), "id") == id);
  CHECK(balance(port, token, a) == 7'500);
  CHECK(balance(port, token, b) == 2'500);
  // The key on another transfer is refused and moves nothing.
  auto reused = transfer(port, token, transfer_body(a, b, 100), "move-1");
  CHECK(reused.status == 422);
  CHECK(text(json_of(reused), "code") == "idempotency_key_reused");
  CHECK(balance(port, token, a) == 7'500);

  auto read = request(port, "GET", "/finance/transfers/" + id, "", "", token);
  REQUIRE(read.status == 200);
  CHECK(text(json_of(read), "status") == "completed");
  CHECK(text(json_of(read), "from_account_id") == a);
  CHECK_FALSE(text(json_of(read), "held_at").empty());
}

TEST_CASE_FIXTURE(node_fixture, "across currencies the arriving amount is given and recorded") {
  REQUIRE(port != 0);
  const auto eur = open_account_http(port, token, 10'000);
  const auto usd = open_account_http(port, token, 0, "USD");
  auto missing = transfer(port, token, transfer_body(eur, usd, 1'000));
  CHECK(missing.status == 422);
  CHECK(text(json_of(missing), "code") == "to_amount_required");
  CHECK(balance(port, token, eur) == 10'000);
  auto r = transfer(port, token, transfer_body(eur, usd, 1'000, R"(,"to_amount_minor":1083)"));
  REQUIRE(r.status == 201);
  CHECK(text(json_of(r), "to_currency") == "USD");
  CHECK(balance(port, token, eur) == 9'000);
  CHECK(balance(port, token, usd) == 1'083);

  // Net worth in the base currency (EUR) uses that recorded rate.
  auto worth = json_of(request(port, "GET", "/finance/reports/net-worth", "", "", token));
  CHECK(text(worth, "base_currency") == "EUR");
  CHECK(number(worth, "total_minor") == 10'000);
  CHECK(worth.at("complete").as_bool());
  CHECK(worth.at("unconverted").as_array().empty());
  // A currency with no transfer to the base is named, not guessed.
  open_account_http(port, token, 500, "GBP");
  worth = json_of(request(port, "GET", "/finance/reports/net-worth", "", "", token));
  CHECK(number(worth, "total_minor") == 10'000);
  CHECK_FALSE(worth.at("complete").as_bool());
  CHECK(worth.at("unconverted").as_array().size() == 1);
}

TEST_CASE_FIXTURE(node_fixture, "bad transfers get a problem and move nothing") {
  REQUIRE(port != 0);
  const auto a = open_account_http(port, token, 1'000);
  const auto b = open_account_http(port, token, 0);
  const auto other = sign_up(port, "other@example.org");
  const auto theirs = open_account_http(port, other, 500);
  const auto missing = std::string("0192f3c4-0000-7000-8000-00000000dead");
  struct row {
    const char* name;
    std::string body;
    int status;
    const char* code;
  };
  const std::vector<row> rows{
    {"over the balance", transfer_body(a, b, 1'001), 422, "insufficient_funds"},
    {"zero", transfer_body(a, b, 0), 422, "invalid_amount"},
    {"negative", transfer_body(a, b, -5), 422, "invalid_amount"},
    {"to itself", transfer_body(a, a, 5), 422, "same_account"},
    {"wrong currency", transfer_body(a, b, 5, "", "USD"), 422, "currency_mismatch"},
    {"unknown currency", transfer_body(a, b, 5, "", "XYZ"), 422, "currency_mismatch"},
    {"same currency, other arriving amount", transfer_body(a, b, 5, R"(,"to_amount_minor":6)"),
     422, "invalid_amount"},
    {"zero arriving amount", transfer_body(a, b, 5, R"(,"to_amount_minor":0)"), 422,
     "invalid_amount"},
    {"missing source", transfer_body(missing, b, 5), 404, "account_not_found"},
    {"missing destination", transfer_body(a, missing, 5), 404, "account_not_found"},
    {"malformed id", transfer_body("nope", b, 5), 404, "account_not_found"},
    {"another user's destination", transfer_body(a, theirs, 5), 404, "account_not_found"},
    {"another user's source", transfer_body(theirs, a, 5), 404, "account_not_found"},
    {"fractional amount", R"({"from_account_id":")" + a + R"(","to_account_id":")" + b
                            + R"(","amount_minor":1.5,"currency":"EUR"})", 422, "invalid_field"},
    {"string amount", R"({"from_account_id":")" + a + R"(","to_account_id":")" + b
                        + R"(","amount_minor":"5","currency":"EUR"})", 422, "invalid_field"},
    {"missing amount", R"({"from_account_id":")" + a + R"(","to_account_id":")" + b
                         + R"(","currency":"EUR"})", 422, "missing_field"},
    {"unknown field", transfer_body(a, b, 5, R"(,"status":"completed")"), 422, "unknown_field"},
    {"malformed JSON", "{", 400, "malformed_json"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto answer = transfer(port, token, r.body);
    CHECK(answer.status == r.status);
    CHECK(text(json_of(answer), "code") == r.code);
    CHECK(answer.headers["content-type"] == "application/problem+json");
  }
  CHECK(request(port, "POST", "/finance/transfers", transfer_body(a, b, 5), "text/plain", token)
          .status == 415);
  CHECK(request(port, "POST", "/finance/transfers", transfer_body(a, b, 5)).status == 401);
  CHECK(balance(port, token, a) == 1'000);
  CHECK(balance(port, token, b) == 0);
  CHECK(balance(port, other, theirs) == 500);
  CHECK(number(json_of(get_account_http(port, a, token)), "version") == 1);

  // Another user's transfer is as missing as a transfer that never was.
  auto mine = transfer(port, token, transfer_body(a, b, 10));
  REQUIRE(mine.status == 201);
  const auto path = "/finance/transfers/" + text(json_of(mine), "id");
  CHECK(request(port, "GET", path, "", "", other).status == 404);
  auto none = request(port, "GET", "/finance/transfers/" + missing, "", "", token);
  CHECK(none.status == 404);
  CHECK(text(json_of(none), "code") == "transfer_not_found");
  CHECK(request(port, "GET", "/livez").status == 200);
}

TEST_CASE_FIXTURE(node_fixture, "a destination that refuses after the hold gets the money released") {
  REQUIRE(port != 0);
  const auto a = open_account_http(port, token, 1'000);
  // Full to the brim: any credit overflows its balance, which the destination
  // finds only when it is asked to credit, after the source held the amount.
  const auto full = open_account_http(port, token, 9'223'372'036'854'775'000);
  auto r = transfer(port, token, transfer_body(a, full, 1'000));
  CHECK(r.status == 409);
  CHECK(text(json_of(r), "code") == "transfer_released");
  CHECK(balance(port, token, a) == 1'000);
  CHECK(balance(port, token, full) == 9'223'372'036'854'775'000);
  const auto types = stream_types(node.admin_port(), read_admin_token(dir.sub("data")),
                                  "account-" + a);
  CHECK(types == std::vector<std::string>{"AccountOpened", "TransferHeld", "TransferReleased"});
}

TEST_CASE_FIXTURE(node_fixture, "an account closes with a closing transfer of its whole balance") {
  REQUIRE(port != 0);
  const auto a = open_account_http(port, token, 1'234);
  const auto b = open_account_http(port, token, 0);
  const auto close = [&](const std::string& id, const std::string& body,
                         const std::string& extra = "") {
    return request(port, "POST", "/finance/accounts/" + id + "/close", body, "application/json",
                   token, extra);
  };
  auto refused = close(a, "");
  CHECK(refused.status == 409);
  CHECK(text(json_of(refused), "code") == "balance_not_zero");
  auto stale = close(a, R"({"transfer_to_account_id":")" + b + R"("})", "If-Match: \"7\"\r\n");
  CHECK(stale.status == 412);
  auto unknown = close(a, R"({"transfer_to_account_id":"0192f3c4-0000-7000-8000-00000000dead"})");
  CHECK(unknown.status == 404);
  CHECK(balance(port, token, a) == 1'234);

  auto closed = close(a, R"({"transfer_to_account_id":")" + b + R"("})", "If-Match: \"1\"\r\n");
  REQUIRE(closed.status == 200);
  CHECK(json_of(closed).at("closed").as_bool());
  CHECK(balance(port, token, a) == 0);
  CHECK(balance(port, token, b) == 1'234);

  // A negative balance is paid off from the other account.
  const auto card = request(port, "POST", "/finance/accounts",
                            R"({"name":"Card","kind":"credit_card","currency":"EUR","credit_limit_minor":1000,"opening_balance_minor":-300})",
                            "application/json", token);
  REQUIRE(card.status == 201);
  const auto card_id = text(json_of(card), "id");
  REQUIRE(close(card_id, R"({"transfer_to_account_id":")" + b + R"("})").status == 200);
  CHECK(balance(port, token, b) == 934);
  CHECK(close(b, R"({"transfer_to_account_id":")" + a + R"("})").status == 409); // a is closed
  CHECK(balance(port, token, b) == 934);
}

TEST_CASE_FIXTURE(node_fixture, "a transfer is in both accounts' histories and reconciles at its instant") {
  REQUIRE(port != 0);
  const auto a = open_account_http(port, token, 10'000);
  const auto b = open_account_http(port, token, 0);
  auto moved = transfer(port, token, transfer_body(a, b, 2'500));
  REQUIRE(moved.status == 201);
  const auto id = text(json_of(moved), "id");
  auto list = request(port, "GET", "/finance/transactions?account_id=" + b, "", "", token);
  REQUIRE(list.status == 200);
  const auto items = json_of(list).at("items").as_array();
  REQUIRE(items.size() == 1);
  const auto& in = items[0].as_object();
  CHECK(text(in, "kind") == "transfer");
  CHECK(number(in, "amount_minor") == 2'500);
  CHECK(text(in, "account_id") == b);
  CHECK(text(in.at("transfer").as_object(), "id") == id);
  CHECK(text(in.at("transfer").as_object(), "direction") == "in");
  CHECK(text(in.at("transfer").as_object(), "counterpart_account_id") == a);
  const auto at = text(in, "occurred_at");
  auto both = json_of(request(port, "GET", "/finance/transactions", "", "", token)).at("items");
  REQUIRE(both.as_array().size() == 2);
  CHECK(text(both.as_array()[0].as_object(), "occurred_at") == at); // one instant, both legs

  auto reconcile = [&](const std::string& account, const std::string& date, std::int64_t sum) {
    auto r = request(port, "POST", "/finance/accounts/" + account + "/reconcile",
                     R"({"statement_date":")" + date + R"(","statement_balance_minor":)"
                       + std::to_string(sum) + "}",
                     "application/json", token);
    REQUIRE(r.status == 200);
    return json_of(r).at("matched").as_bool();
  };
  CHECK(reconcile(b, at, 2'500)); // it arrived
  CHECK(reconcile(a, "2000-01-01T00:00:00Z", 10'000)); // before it left
  CHECK(reconcile(a, at, 7'500));
}
