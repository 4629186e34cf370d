// The ledger over HTTP: accounts and transactions, their changes and their past.

#include "tests/e2e/node_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <chrono>
#include <thread>

using namespace pfms::test;

using fixture = node_fixture;

TEST_CASE_FIXTURE(fixture, "rename and close: ETags, owner only, zero balance, nothing after") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 300);
  REQUIRE_FALSE(id.empty());
  const auto path = "/finance/accounts/" + id;
  auto patch = [&](const std::string& body, const std::string& headers = "",
                   const std::string& who = "") {
    return request(port, "PATCH", path, body, "application/json", who.empty() ? token : who,
                   headers);
  };
  auto close = [&](const std::string& headers = "") {
    return request(port, "POST", path + "/close", "", "application/json", token, headers);
  };
  auto renamed = patch(R"({"name":"Household"})", "If-Match: \"1\"\r\n");
  REQUIRE(renamed.status == 200);
  CHECK(renamed.headers["etag"] == "\"2\"");
  CHECK(text(json_of(renamed), "name") == "Household");
  const auto other = sign_up(port, "intruder@example.org");
  struct row { std::string name; client_response response; int status; const char* code; };
  const row rows[] = {
    {"stale If-Match", patch(R"({"name":"X"})", "If-Match: \"1\"\r\n"), 412, "precondition_failed"},
    {"blank name", patch(R"({"name":"  "})"), 422, "invalid_name"},
    {"unknown field", patch(R"({"name":"X","balance_minor":5})"), 422, "unknown_field"},
    {"another user's", patch(R"({"name":"Mine now"})", "", other), 404, "account_not_found"},
    {"close with money", close(), 409, "balance_not_zero"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    CHECK(r.response.status == r.status);
    CHECK(text(json_of(r.response), "code") == r.code);
  }
  auto v = json_of(get_account_http(port, id, token));
  CHECK(text(v, "name") == "Household");
  CHECK(number(v, "version") == 2);
  REQUIRE(post_transaction(port, transaction_body(id, "expense", 300), token).status == 201);
  auto closed = close("If-Match: \"3\"\r\n");
  REQUIRE(closed.status == 200);
  CHECK(json_of(closed).at("closed").as_bool());
  auto refused = post_transaction(port, transaction_body(id, "income", 1), token);
  CHECK(refused.status == 409);
  CHECK(text(json_of(refused), "code") == "account_closed");
  CHECK(text(json_of(patch(R"({"name":"Again"})")), "code") == "account_closed");
  auto after = json_of(get_account_http(port, id, token));
  CHECK(after.at("closed").as_bool());
  CHECK(number(after, "balance_minor") == 0);
  CHECK(number(after, "version") == 4);
  CHECK(request(port, "DELETE", path, "", "", token).status == 405);
  CHECK(node.running());
}

TEST_CASE_FIXTURE(fixture, "a split transaction with payee and tags; bad splits change nothing") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 5000);
  REQUIRE_FALSE(id.empty());
  const std::string base = R"({"account_id":")" + id
                           + R"(","kind":"expense","amount_minor":1000,"currency":"EUR","occurred_at":"2026-11-24T10:00:00Z",)";
  auto ok = post_transaction(port, base + R"("payee":"Corner Shop","tags":["weekly","shared"],"lines":[{"category":"food","amount_minor":700},{"category":"household","amount_minor":300}]})", token);
  REQUIRE(ok.status == 201);
  auto v = json_of(ok);
  CHECK(text(v, "payee") == "Corner Shop");
  CHECK(v.at("tags").as_array().size() == 2);
  CHECK(v.at("lines").as_array()[1].at("amount_minor").as_int64() == 300);
  CHECK(number(v, "balance_minor") == 4000);
  struct row { std::string name; std::string body; int status; const char* code; };
  const row rows[] = {
    {"lines short", base + R"("lines":[{"category":"food","amount_minor":999}]})", 422, "invalid_split"},
    {"zero line", base + R"("lines":[{"category":"a","amount_minor":1000},{"category":"b","amount_minor":0}]})", 422, "invalid_split"},
    {"line with extra field", base + R"("lines":[{"category":"a","amount_minor":1000,"x":1}]})", 422, "unknown_field"},
    {"line not an object", base + R"("lines":[5]})", 422, "invalid_field"},
    {"fractional line", base + R"("lines":[{"category":"a","amount_minor":999.5}]})", 422, "invalid_field"},
    {"tags not an array", base + R"("tags":"weekly"})", 422, "invalid_field"},
    {"tag not a string", base + R"("tags":[1]})", 422, "invalid_field"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto refused = post_transaction(port, r.body, token);
    CHECK(refused.status == r.status);
    CHECK(text(json_of(refused), "code") == r.code);
  }
  auto after = json_of(get_account_http(port, id, token));
  CHECK(number(after, "balance_minor") == 4000);
  CHECK(number(after, "version") == 2);
}

TEST_CASE_FIXTURE(fixture, "amend and void a transaction: the balance follows, the history stays") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 1000);
  REQUIRE_FALSE(id.empty());
  auto recorded = post_transaction(port, transaction_body(id, "expense", 300), token);
  REQUIRE(recorded.status == 201);
  const auto tx = text(json_of(recorded), "id");
  const auto path = "/finance/accounts/" + id + "/transactions/" + tx;
  auto amend = [&](const std::string& body, const std::string& headers = "",
                   const std::string& who = "") {
    return request(port, "PATCH", path, body, "application/json", who.empty() ? token : who,
                   headers);
  };
  auto amended = amend(R"({"amount_minor":450,"payee":"Market","tags":["weekly"]})");
  REQUIRE(amended.status == 200);
  auto v = json_of(amended);
  CHECK(number(v, "amount_minor") == 450);
  CHECK(number(v, "balance_minor") == 550);
  CHECK(text(v, "note") == "lunch"); // untouched
  CHECK(text(v, "payee") == "Market");
  CHECK(amended.headers["etag"] == "\"3\"");
  const auto other = sign_up(port, "nosy@example.org");
  struct row { std::string name; client_response response; int status; const char* code; };
  const row rows[] = {
    {"stale If-Match", amend(R"({"amount_minor":1})", "If-Match: \"2\"\r\n"), 412, "precondition_failed"},
    {"zero amount", amend(R"({"amount_minor":0})"), 422, "invalid_amount"},
    {"unknown field", amend(R"({"currency":"USD"})"), 422, "unknown_field"},
    {"past the limit", amend(R"({"amount_minor":1001})"), 422, "insufficient_funds"},
    {"another user's", amend(R"({"amount_minor":1})", "", other), 404, "account_not_found"},
    {"unknown transaction",
     request(port, "PATCH", "/finance/accounts/" + id + "/transactions/0192f3c4-0000-7000-8000-000000000000",
             R"({"amount_minor":1})", "application/json", token),
     404, "transaction_not_found"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    CHECK(r.response.status == r.status);
    CHECK(text(json_of(r.response), "code") == r.code);
  }
  CHECK(number(json_of(get_account_http(port, id, token)), "balance_minor") == 550);
  auto voided = request(port, "DELETE", path, "", "", token);
  REQUIRE(voided.status == 200);
  CHECK(json_of(voided).at("voided").as_bool());
  CHECK(number(json_of(voided), "balance_minor") == 1000);
  CHECK(text(json_of(request(port, "DELETE", path, "", "", token)), "code") == "transaction_voided");
  auto after = json_of(get_account_http(port, id, token));
  CHECK(number(after, "balance_minor") == 1000);
  CHECK(number(after, "version") == 4);
  // The log keeps all three: recorded, amended, voided.
  const auto admin = read_admin_token(dir.sub("data"));
  CHECK(stream_types(node.admin_port(), admin, "account-" + id)
        == std::vector<std::string>{"AccountOpened", "TransactionRecorded", "TransactionAmended",
                                    "TransactionVoided"});
}

TEST_CASE_FIXTURE(fixture, "a no-op amendment answers the transaction as it stands") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 1000);
  auto recorded = post_transaction(port, transaction_body(id, "expense", 300), token);
  REQUIRE(recorded.status == 201);
  const auto path = "/finance/accounts/" + id + "/transactions/" + text(json_of(recorded), "id");
  auto amend = [&](const std::string& body) {
    return request(port, "PATCH", path, body, "application/json", token);
  };
  auto amended = amend(R"({"amount_minor":450})");
  REQUIRE(amended.status == 200);
  const auto was = json_of(amended);
  // Another transaction after it: the account's last event is not this one's.
  REQUIRE(post_transaction(port, transaction_body(id, "income", 50), token).status == 201);
  auto same = amend(R"({"amount_minor":450,"note":"lunch"})");
  REQUIRE(same.status == 200);
  const auto now = json_of(same);
  CHECK(text(now, "recorded_at") == text(was, "recorded_at"));
  CHECK(number(now, "position") == number(was, "position"));
  CHECK(number(now, "position") > 0);
  CHECK(number(now, "amount_minor") == 450);
  CHECK(number(now, "balance_minor") == 600); // the account as it stands
  CHECK(number(now, "version") == 4);         // nothing written
  CHECK(number(json_of(get_account_http(port, id, token)), "version") == 4);
}

TEST_CASE_FIXTURE(fixture, "the account list pages through the caller's accounts only") {
  REQUIRE(port != 0);
  std::vector<std::string> mine;
  for (int i = 0; i < 5; ++i)
    mine.push_back(open_account_http(port, token, i));
  const auto other = sign_up(port, "neighbour@example.org");
  REQUIRE_FALSE(open_account_http(port, other, 7).empty());
  std::sort(mine.begin(), mine.end());
  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    auto r = request(port, "GET", "/finance/accounts?limit=2" + (cursor.empty() ? "" : "&page_token=" + cursor),
                     "", "", token);
    REQUIRE(r.status == 200);
    auto v = json_of(r);
    const auto& items = v.at("items").as_array();
    CHECK(items.size() <= 2);
    for (const auto& item : items)
      seen.emplace_back(item.at("id").as_string());
    if (v.at("next_page_token").is_null())
      break;
    cursor = std::string(v.at("next_page_token").as_string());
  }
  CHECK(seen == mine);
  for (const std::string bad : {"limit=0", "limit=201", "limit=x", "page_token=%%%", "page_token=bm9wZQ"}) {
    CAPTURE(bad);
    auto refused = request(port, "GET", "/finance/accounts?" + bad, "", "", token);
    CHECK(refused.status == 400);
    CHECK(text(json_of(refused), "code") == "invalid_query");
  }
  auto all = json_of(request(port, "GET", "/finance/accounts", "", "", token));
  CHECK(all.at("items").as_array().size() == 5);
  CHECK(all.at("next_page_token").is_null());
}

TEST_CASE_FIXTURE(fixture, "as-of reads answer what the log said then, as pfmsctl replay does") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 100);
  REQUIRE_FALSE(id.empty());
  auto first = post_transaction(port, transaction_body(id, "income", 50), token);
  REQUIRE(first.status == 201);
  const auto then = text(json_of(first), "recorded_at");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(post_transaction(port, transaction_body(id, "expense", 30), token).status == 201);
  auto at = [&](const std::string& as_of, const std::string& who = "") {
    return request(port, "GET", "/finance/accounts/" + id + "?as_of=" + as_of, "", "",
                   who.empty() ? token : who);
  };
  auto past = at(then);
  REQUIRE(past.status == 200);
  CHECK(number(json_of(past), "balance_minor") == 150);
  CHECK(number(json_of(past), "version") == 2);
  CHECK(text(json_of(past), "as_of") == then);
  CHECK(past.headers.count("etag") == 0);
  CHECK(number(json_of(at("2099-01-01T00:00:00Z")), "balance_minor") == 120);
  CHECK(text(json_of(at("2000-01-01T00:00:00Z")), "code") == "account_not_found");
  CHECK(text(json_of(at(then, sign_up(port, "past@example.org"))), "code") == "account_not_found");
  CHECK(text(json_of(at("yesterday")), "code") == "invalid_query");
  std::string out;
  REQUIRE(run_tool("PFMSCTL", {"replay", "--data-dir", dir.sub("data"), "--stream",
                               "account-" + id, "--as-of", then},
                   out) == 0);
  CHECK(out.find("\"balance_minor\":150") != std::string::npos);
}

TEST_CASE("idle entities passivate: /metrics counts them out, and they answer again") {
  temp_dir dir;
  node_process node(dir.sub("data"), {"PFMS_PASSIVATE_AFTER_MS=100"});
  const auto port = node.port();
  REQUIRE(port != 0);
  const auto token = sign_up(port, "idle@example.org");
  const auto id = open_account_http(port, token, 250);
  REQUIRE_FALSE(id.empty());
  std::ifstream in(dir.sub("data") + "/admin.token");
  std::string admin_token;
  std::getline(in, admin_token);
  auto live = [&](const std::string& kind) {
    auto metrics = request(node.admin_port(), "GET", "/metrics", "", "", admin_token);
    const auto key = "pfms_live_entities{kind=\"" + kind + "\"} ";
    const auto at = metrics.body.find(key);
    return at == std::string::npos ? -1 : std::stoi(metrics.body.substr(at + key.size()));
  };
  // Polled on /metrics until the sweeps have stopped all three (at most 10 s).
  bool stopped = false;
  for (int i = 0; i < 1000 && !stopped; ++i) {
    stopped = live("account") == 0 && live("user") == 0 && live("email_claim") == 0;
    if (!stopped)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(stopped);
  auto again = get_account_http(port, id, token);
  REQUIRE(again.status == 200);
  CHECK(number(json_of(again), "balance_minor") == 250);
  auto paid = request(port, "POST", "/finance/transactions", transaction_body(id, "expense", 50),
                      "application/json", token);
  CHECK(paid.status == 201);
  CHECK(number(json_of(get_account_http(port, id, token)), "balance_minor") == 200);
}

TEST_CASE_FIXTURE(fixture, "all active ISO 4217 currencies with their minor units; GET /finance/currencies lists them") {
  REQUIRE(port != 0);
  auto listed = request(port, "GET", "/finance/currencies", "", "", ""); // no token needed
  REQUIRE(listed.status == 200);
  std::map<std::string, std::int64_t> units;
  const auto body = json_of(listed);
  for (const auto& c : body.at("items").as_array())
    units[text(c.as_object(), "code")] = number(c.as_object(), "minor_units");
  CHECK(units.size() == 159);
  CHECK(units.at("BGN") == 2);
  CHECK(units.at("JPY") == 0);
  CHECK(units.at("KWD") == 3);
  CHECK_FALSE(units.contains("XAU"));
  // Every listed currency keeps money: BGN, refused before, opens an account.
  auto opened = request(port, "POST", "/finance/accounts",
                        R"({"name":"Leva","kind":"cash","currency":"BGN","opening_balance_minor":150})",
                        "application/json", token);
  REQUIRE(opened.status == 201);
  CHECK(text(json_of(opened), "currency") == "BGN");
  auto gold = request(port, "POST", "/finance/accounts",
                      R"({"name":"Gold","kind":"cash","currency":"XAU"})", "application/json", token);
  CHECK(gold.status == 422);
  CHECK(text(json_of(gold), "code") == "unknown_currency");
  CHECK(request(port, "GET", "/finance/currencies?x=1", "", "", "").status == 400);
}
