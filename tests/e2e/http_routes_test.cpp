#include "tests/e2e/e2e_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

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
    {"duplicate amount", base + R"("amount_minor":1,"amount_minor":900})", 400, "malformed_json"},
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
  CHECK(wrong_method.headers["allow"] == "POST, GET");
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

namespace {

// A raw loopback connection, left open.
int connect_to(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// True when the server closed `fd` (recv sees end of stream) within the socket timeout.
bool closed_by_server(int fd) {
  char byte = 0;
  return ::recv(fd, &byte, 1, 0) == 0;
}

} // namespace

TEST_CASE("a client that sends too slowly is disconnected after the read timeout") {
  temp_dir dir;
  node_process node(dir.sub("data"), {"PFMS_HTTP_READ_TIMEOUT_MS=300"});
  REQUIRE(node.port() != 0);
  const int fd = connect_to(node.port());
  REQUIRE(fd >= 0);
  const std::string partial = "GET /livez HTTP/1.1\r\nHost: x\r\n"; // never finished
  REQUIRE(::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL) > 0);
  CHECK(closed_by_server(fd));
  ::close(fd);
  CHECK(request(node.port(), "GET", "/livez", "", "").status == 200);
}

TEST_CASE("connections past the limit are closed at once; the others keep working") {
  temp_dir dir;
  node_process node(dir.sub("data"), {"PFMS_HTTP_CONNECTIONS_MAX=3"});
  REQUIRE(node.port() != 0);
  std::vector<int> held;
  for (int i = 0; i < 3; ++i)
    held.push_back(connect_to(node.port()));
  // Let the server accept them before the extra one arrives.
  CHECK(request(node.port(), "GET", "/livez", "", "").status == 0); // the 4th: refused
  const int extra = connect_to(node.port());
  CHECK(closed_by_server(extra));
  ::close(extra);
  const std::string get = "GET /livez HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  REQUIRE(::send(held[0], get.data(), get.size(), MSG_NOSIGNAL) > 0);
  char buffer[256] = {};
  CHECK(::recv(held[0], buffer, sizeof buffer - 1, 0) > 0);
  CHECK(std::string(buffer).starts_with("HTTP/1.1 200"));
  for (int fd : held)
    ::close(fd);
  CHECK(node.running());
}

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
  auto ok = post_transaction(port, base + R"("payee":"Corner Shop","tags":["weekly","shared"],"splits":[{"category":"food","amount_minor":700},{"category":"household","amount_minor":300}]})", token);
  REQUIRE(ok.status == 201);
  auto v = json_of(ok);
  CHECK(text(v, "payee") == "Corner Shop");
  CHECK(v.at("tags").as_array().size() == 2);
  CHECK(v.at("splits").as_array()[1].at("amount_minor").as_int64() == 300);
  CHECK(number(v, "balance_minor") == 4000);
  struct row { std::string name; std::string body; int status; const char* code; };
  const row rows[] = {
    {"lines short", base + R"("splits":[{"category":"food","amount_minor":999}]})", 422, "invalid_split"},
    {"zero line", base + R"("splits":[{"category":"a","amount_minor":1000},{"category":"b","amount_minor":0}]})", 422, "invalid_split"},
    {"line with extra field", base + R"("splits":[{"category":"a","amount_minor":1000,"x":1}]})", 422, "unknown_field"},
    {"line not an object", base + R"("splits":[5]})", 422, "invalid_field"},
    {"fractional line", base + R"("splits":[{"category":"a","amount_minor":999.5}]})", 422, "invalid_field"},
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
    auto r = request(port, "GET", "/finance/accounts?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor),
                     "", "", token);
    REQUIRE(r.status == 200);
    auto v = json_of(r);
    const auto& items = v.at("accounts").as_array();
    CHECK(items.size() <= 2);
    for (const auto& item : items)
      seen.emplace_back(item.at("id").as_string());
    if (v.at("next_cursor").is_null())
      break;
    cursor = std::string(v.at("next_cursor").as_string());
  }
  CHECK(seen == mine);
  for (const std::string bad : {"limit=0", "limit=201", "limit=x", "cursor=%%%", "cursor=bm9wZQ"}) {
    CAPTURE(bad);
    auto refused = request(port, "GET", "/finance/accounts?" + bad, "", "", token);
    CHECK(refused.status == 400);
    CHECK(text(json_of(refused), "code") == "invalid_query");
  }
  auto all = json_of(request(port, "GET", "/finance/accounts", "", "", token));
  CHECK(all.at("accounts").as_array().size() == 5);
  CHECK(all.at("next_cursor").is_null());
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

TEST_CASE_FIXTURE(fixture, "reconcile: a mismatch reports the difference, a match locks the period") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 1000);
  REQUIRE_FALSE(id.empty());
  auto tx = post_transaction(port, transaction_body(id, "expense", 300), token); // 2026-11-24
  REQUIRE(tx.status == 201);
  const auto path = "/finance/accounts/" + id;
  auto reconcile = [&](const std::string& body) {
    return request(port, "POST", path + "/reconcile", body, "application/json", token);
  };
  auto off = reconcile(R"({"statement_date":"2026-11-24T23:59:59Z","statement_balance_minor":690})");
  REQUIRE(off.status == 200);
  CHECK_FALSE(json_of(off).at("matched").as_bool());
  CHECK(number(json_of(off), "difference_minor") == -10);
  CHECK(json_of(off).at("locked_until").is_null());
  auto ok = reconcile(R"({"statement_date":"2026-11-24T23:59:59Z","statement_balance_minor":700})");
  REQUIRE(ok.status == 200);
  CHECK(json_of(ok).at("matched").as_bool());
  CHECK(text(json_of(ok), "locked_until") == "2026-11-24T23:59:59Z");
  const auto tx_path = path + "/transactions/" + text(json_of(tx), "id");
  auto locked = request(port, "PATCH", tx_path, R"({"amount_minor":301})", "application/json", token);
  CHECK(locked.status == 409);
  CHECK(text(json_of(locked), "code") == "period_locked");
  CHECK(text(json_of(request(port, "DELETE", tx_path, "", "", token)), "code") == "period_locked");
  auto forced = request(port, "PATCH", tx_path, R"({"amount_minor":301,"override_lock":true})",
                        "application/json", token);
  CHECK(forced.status == 200);
  CHECK(number(json_of(get_account_http(port, id, token)), "balance_minor") == 699);
  CHECK(reconcile(R"({"statement_date":"someday","statement_balance_minor":1})").status == 422);
  CHECK(reconcile(R"({"statement_date":"2026-11-24T00:00:00Z"})").status == 422);
  CHECK(request(port, "DELETE", tx_path + "?override_lock=maybe", "", "", token).status == 400);
}

TEST_CASE_FIXTURE(fixture, "categories carry tax categories; the tax year sums by them") {
  REQUIRE(port != 0);
  auto put = [&](const std::string& name, const std::string& body) {
    return request(port, "PUT", "/finance/categories/" + name, body, "application/json", token);
  };
  REQUIRE(put("home_office", R"({"tax_category":"business_expenses"})").status == 200);
  auto listed = json_of(request(port, "GET", "/finance/categories", "", "", token));
  bool found = false;
  for (const auto& c : listed.at("categories").as_array())
    found = found || (c.at("name") == "home_office" && c.at("tax_category") == "business_expenses");
  CHECK(found);
  CHECK(text(json_of(put("Bad_Name", R"({"tax_category":""})")), "code") == "invalid_category");
  CHECK(put("food", R"({"tax_category":1})").status == 422);
  const auto id = open_account_http(port, token, 10'000);
  auto record = [&](const std::string& extra) {
    return post_transaction(port, R"({"account_id":")" + id + R"(","currency":"EUR",)" + extra, token).status;
  };
  REQUIRE(record(R"("kind":"income","amount_minor":5000,"occurred_at":"2025-03-01T00:00:00Z","category":"salary"})") == 201);
  REQUIRE(record(R"("kind":"expense","amount_minor":900,"occurred_at":"2025-06-01T00:00:00Z","category":"mixed","splits":[{"category":"home_office","amount_minor":600},{"category":"groceries","amount_minor":300}]})") == 201);
  REQUIRE(record(R"("kind":"expense","amount_minor":100,"occurred_at":"2026-01-01T00:00:00Z","category":"charity"})") == 201);
  auto tax = request(port, "GET", "/finance/tax/2025", "", "", token);
  REQUIRE(tax.status == 200);
  const auto lines = json_of(tax).at("lines").as_array();
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].at("tax_category") == "business_expenses");
  CHECK(lines[0].at("deductible_expenses_minor").as_int64() == 600);
  CHECK(lines[1].at("tax_category") == "employment_income");
  CHECK(lines[1].at("taxable_income_minor").as_int64() == 5000);
  auto next = json_of(request(port, "GET", "/finance/tax/2026", "", "", token)).at("lines").as_array();
  REQUIRE(next.size() == 1);
  CHECK(next[0].at("deductible_expenses_minor").as_int64() == 100);
  CHECK(request(port, "GET", "/finance/tax/20x5", "", "", token).status == 404);
  CHECK(request(port, "GET", "/finance/tax/1969", "", "", token).status == 404);
  // Another user's tax year knows nothing of these.
  const auto other = sign_up(port, "taxless@example.org");
  CHECK(json_of(request(port, "GET", "/finance/tax/2025", "", "", other)).at("lines").as_array().empty());
}

TEST_CASE_FIXTURE(fixture, "the transaction list filters, pages newest first, and reads as of an instant") {
  REQUIRE(port != 0);
  const auto main_id = open_account_http(port, token, 10'000);
  const auto cash_id = open_account_http(port, token, 500);
  auto record = [&](const std::string& account, const std::string& fields) {
    auto r = post_transaction(port, R"({"account_id":")" + account + R"(","currency":"EUR",)" + fields, token);
    REQUIRE(r.status == 201);
    return json_of(r);
  };
  record(main_id, R"("kind":"expense","amount_minor":120,"occurred_at":"2026-01-05T10:00:00Z","category":"groceries","payee":"Corner Shop","tags":["weekly"]})");
  const auto salary = record(main_id, R"("kind":"income","amount_minor":3000,"occurred_at":"2026-01-31T09:00:00Z","category":"salary","payee":"ACME"})");
  const auto then = text(salary, "recorded_at");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  record(cash_id, R"("kind":"expense","amount_minor":40,"occurred_at":"2026-01-20T10:00:00Z","category":"groceries","payee":"corner bakery"})");
  auto list = [&](const std::string& query, const std::string& who = "") {
    return request(port, "GET", "/finance/transactions" + query, "", "", who.empty() ? token : who);
  };
  auto payees = [&](const client_response& r) {
    std::vector<std::string> out;
    const auto body = json_of(r);
    for (const auto& t : body.at("transactions").as_array())
      out.emplace_back(t.at("payee").as_string());
    return out;
  };
  using names = std::vector<std::string>;
  CHECK(payees(list("")) == names{"ACME", "corner bakery", "Corner Shop"});
  CHECK(payees(list("?category=groceries")) == names{"corner bakery", "Corner Shop"});
  CHECK(payees(list("?payee=CORNER%20S")) == names{"Corner Shop"});
  CHECK(payees(list("?tag=weekly")) == names{"Corner Shop"});
  CHECK(payees(list("?account_id=" + cash_id)) == names{"corner bakery"});
  CHECK(payees(list("?from=2026-01-10T00:00:00Z&until=2026-01-31T00:00:00Z")) == names{"corner bakery"});
  CHECK(payees(list("?min_amount=100&max_amount=200")) == names{"Corner Shop"});
  CHECK(payees(list("?as_of=" + then)) == names{"ACME", "Corner Shop"});
  names paged;
  std::string cursor;
  for (int i = 0; i < 5; ++i) {
    auto page = list("?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor));
    REQUIRE(page.status == 200);
    for (const auto& p : payees(page))
      paged.push_back(p);
    if (json_of(page).at("next_cursor").is_null())
      break;
    cursor = std::string(json_of(page).at("next_cursor").as_string());
  }
  CHECK(paged == names{"ACME", "corner bakery", "Corner Shop"});
  const auto other = sign_up(port, "lister@example.org");
  CHECK(json_of(list("", other)).at("transactions").as_array().empty());
  CHECK(text(json_of(list("?account_id=" + main_id, other)), "code") == "account_not_found");
  for (const std::string bad : {"?limit=0", "?from=yesterday", "?min_amount=1.5", "?include_voided=maybe",
                                "?cursor=xyz", "?payee=%zz"}) {
    CAPTURE(bad);
    CHECK(text(json_of(list(bad)), "code") == "invalid_query");
  }
}

TEST_CASE_FIXTURE(fixture, "the monthly report sums by month and category, the caller's only") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 10'000);
  auto record = [&](const std::string& fields) {
    return post_transaction(port, R"({"account_id":")" + id + R"(","currency":"EUR",)" + fields, token).status;
  };
  REQUIRE(record(R"("kind":"income","amount_minor":2000,"occurred_at":"2026-01-31T23:59:59Z","category":"salary"})") == 201);
  REQUIRE(record(R"("kind":"expense","amount_minor":90,"occurred_at":"2026-02-01T00:00:00Z","category":"x","splits":[{"category":"food","amount_minor":60},{"category":"fun","amount_minor":30}]})") == 201);
  REQUIRE(record(R"("kind":"expense","amount_minor":40,"occurred_at":"2026-02-14T12:00:00Z","category":"food"})") == 201);
  auto report = request(port, "GET", "/finance/reports/monthly?year=2026", "", "", token);
  REQUIRE(report.status == 200);
  const auto body = json_of(report);
  const auto& totals = body.at("totals").as_array();
  REQUIRE(totals.size() == 3);
  CHECK(totals[0].at("month").as_int64() == 1);
  CHECK(totals[0].at("income_minor").as_int64() == 2000);
  CHECK(totals[1].at("category") == "food");
  CHECK(totals[1].at("expense_minor").as_int64() == 100);
  CHECK(totals[2].at("category") == "fun");
  CHECK(json_of(request(port, "GET", "/finance/reports/monthly?year=2025", "", "", token))
          .at("totals").as_array().empty());
  for (const std::string bad : {"", "?year=1969", "?year=20x6"}) {
    CAPTURE(bad);
    CHECK(request(port, "GET", "/finance/reports/monthly" + bad, "", "", token).status == 400);
  }
  const auto other = sign_up(port, "monthly@example.org");
  CHECK(json_of(request(port, "GET", "/finance/reports/monthly?year=2026", "", "", other))
          .at("totals").as_array().empty());
}
