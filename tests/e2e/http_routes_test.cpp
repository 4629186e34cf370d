#include "tests/e2e/e2e_support.hpp"
#include "tests/e2e/node_fixture.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <sstream>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

using namespace pfms::test;

namespace {

using fixture = node_fixture;

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
  const auto nonsense = send_raw(port, "NONSENSE\r\n\r\n"); // told why, then closed
  CHECK(nonsense.status == 400);
  CHECK(text(json_of(nonsense), "code") == "malformed_request");
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

TEST_CASE_FIXTURE(fixture, "unknown query parameters are refused with 400, and change nothing") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 1000);
  auto get = [&](const std::string& target) { return request(port, "GET", target, "", "", token); };
  // A misspelt filter would otherwise be dropped and every transaction come back.
  for (const std::string& target : std::vector<std::string>{
         "/finance/transactions?limt=5", "/finance/transactions?limit=1&limit=500",
        "/finance/accounts/" + id + "?asof=2026-11-24T10:00:00Z", "/user/me?verbose=1",
        "/loans?rol=lender", "/finance/reports/monthly?year=2026&month=11",
        "/finance/reports/net-worth?as_of=2026-11-24T10:00:00Z"}) {
    CAPTURE(target);
    const auto refused = get(target);
    CHECK(refused.status == 400);
    CHECK(text(json_of(refused), "code") == "invalid_query");
  }
  const auto named = json_of(get("/finance/transactions?limt=5"));
  CHECK(text(named, "detail").find("'limt'") != std::string::npos);
  CHECK(text(named, "detail").find("limit") != std::string::npos); // what the route takes
  // A write with one records nothing.
  const auto write = request(port, "POST", "/finance/transactions?dry_run=true",
                             transaction_body(id, "expense", 300), "application/json", token);
  CHECK(write.status == 400);
  CHECK(number(json_of(get_account_http(port, id, token)), "balance_minor") == 1000);
  // What each route takes still works, and empty segments are no parameters.
  CHECK(get("/finance/transactions?limit=5&").status == 200);
  CHECK(get("/finance/accounts/" + id + "?as_of=2099-01-01T00:00:00Z").status == 200);
  // The admin listener too.
  const auto admin = read_admin_token(dir.sub("data"));
  CHECK(request(node.admin_port(), "GET", "/metrics?format=json", "", "", admin).status == 400);
  CHECK(request(node.admin_port(), "GET", "/admin/streams/account-" + id + "?limit=5", "", "",
                admin).status == 200);
}

TEST_CASE_FIXTURE(fixture, "HTTP/1.1 details: Host, HTTP/1.0 framing, media types and the scheme") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 1000);
  auto code_of = [](const client_response& r) { return r.status == 400 ? text(json_of(r), "code") : ""; };
  // HTTP/1.1 needs exactly one Host; HTTP/1.0 none.
  CHECK(code_of(send_raw(port, "GET /livez HTTP/1.1\r\n\r\n")) == "malformed_request");
  CHECK(code_of(send_raw(port, "GET /livez HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"))
        == "malformed_request");
  CHECK(send_raw(port, "GET /livez HTTP/1.0\r\n\r\n").status == 200);
  // Transfer-Encoding is not HTTP/1.0: refused, and the body it framed records nothing.
  const auto body = transaction_body(id, "expense", 300);
  std::ostringstream chunk;
  chunk << std::hex << body.size();
  const auto framed = send_raw(port, "POST /finance/transactions HTTP/1.0\r\nTransfer-Encoding: chunked\r\n"
                                     "Content-Type: application/json\r\nAuthorization: Bearer " + token
                                     + "\r\n\r\n" + chunk.str() + "\r\n" + body + "\r\n0\r\n\r\n");
  CHECK(code_of(framed) == "malformed_request");
  CHECK(number(json_of(get_account_http(port, id, token)), "balance_minor") == 1000);
  // Media types and the Bearer scheme compare without regard to case.
  CHECK(request(port, "POST", "/finance/transactions", body, "Application/JSON ; charset=utf-8", token)
          .status == 201);
  CHECK(number(json_of(get_account_http(port, id, token)), "balance_minor") == 700);
  auto me = [&](const std::string& authorization) {
    return send_raw(port, "GET /user/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: "
                            + authorization + "\r\n\r\n").status;
  };
  CHECK(me("bearer " + token) == 200);
  CHECK(me("BEARER  " + token) == 200);
  CHECK(me("Bearer" + token) == 401);
  CHECK(me("Basic " + token) == 401);
  CHECK(node.running());
}
