#include "tests/e2e/auth_fixture.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <iterator>

using namespace pfms::test;

namespace {

using fixture = auth_fixture;

std::string without_request_id(std::string body) {
  const auto at = body.find("\"request_id\"");
  return at == std::string::npos ? body : body.substr(0, at);
}

} // namespace

TEST_CASE_FIXTURE(fixture, "registration creates a user; bad input and a taken email change nothing") {
  REQUIRE(port != 0);
  auto created = post("/auth/register",
                      R"({"email":"Ann@Example.org","password":"long enough","display_name":"Ann"})");
  REQUIRE(created.status == 201);
  CHECK(text(json_of(created), "email") == "ann@example.org");
  CHECK(json_of(created).as_object().if_contains("password_hash") == nullptr);
  struct row { const char* name; std::string body; int status; const char* code; };
  const row rows[] = {
    {"taken email, other case", R"({"email":"ANN@example.org","password":"long enough","display_name":"X"})", 409, "email_taken"},
    {"malformed email", R"({"email":"ann","password":"long enough","display_name":"X"})", 422, "invalid_email"},
    {"short password", R"({"email":"b@example.org","password":"short","display_name":"X"})", 422, "invalid_password"},
    {"long password", std::string(R"({"email":"b@example.org","password":")") + std::string(257, 'p') + R"(","display_name":"X"})", 422, "invalid_password"},
    {"blank name", R"({"email":"b@example.org","password":"long enough","display_name":" "})", 422, "invalid_display_name"},
    {"extra field", R"({"email":"b@example.org","password":"long enough","display_name":"X","role":"admin"})", 422, "unknown_field"},
    {"missing password", R"({"email":"b@example.org","display_name":"X"})", 422, "missing_field"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto response = post("/auth/register", r.body);
    CHECK(response.status == r.status);
    CHECK(text(json_of(response), "code") == r.code);
  }
  // b@example.org was never registered by any of those.
  CHECK(login("b@example.org", "long enough").status == 401);
  CHECK(node.running());
}

TEST_CASE_FIXTURE(fixture, "an unknown email and a wrong password answer identically") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(sign_up(port, "c@example.org").empty());
  auto wrong = login("c@example.org", "wrong password");
  auto unknown = login("nobody@example.org", "wrong password");
  CHECK(wrong.status == 401);
  CHECK(unknown.status == 401);
  CHECK(text(json_of(wrong), "code") == "invalid_credentials");
  CHECK(without_request_id(wrong.body) == without_request_id(unknown.body));
  auto right = login("c@example.org", "correct horse");
  REQUIRE(right.status == 200);
  auto v = json_of(right);
  CHECK(text(v, "token_type") == "Bearer");
  CHECK(number(v, "expires_in") == 900);
  CHECK_FALSE(text(v, "refresh_token").empty());
}

TEST_CASE_FIXTURE(fixture, "protected routes need a valid access token") {
  REQUIRE(port != 0);
  const auto token = sign_up(port, "d@example.org");
  REQUIRE_FALSE(token.empty());
  auto me = request(port, "GET", "/user/me", "", "", token);
  REQUIRE(me.status == 200);
  CHECK(text(json_of(me), "email") == "d@example.org");
  CHECK(text(json_of(me), "base_currency") == "EUR");
  CHECK(me.body.find("argon2") == std::string::npos);
  std::string tampered = token;
  tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
  auto refresh = text(json_of(login("d@example.org", "correct horse")), "refresh_token");
  for (const auto& bad : {std::string(), tampered, std::string("not.a.token"), refresh}) {
    CAPTURE(bad);
    auto r = request(port, "GET", "/user/me", "", "", bad);
    CHECK(r.status == 401);
    CHECK(text(json_of(r), "code") == "unauthorized");
    CHECK_FALSE(r.headers["www-authenticate"].empty());
    CHECK(request(port, "POST", "/finance/accounts", R"({"name":"A","kind":"cash","currency":"EUR"})",
                  "application/json", bad).status == 401);
  }
}

TEST_CASE_FIXTURE(fixture, "refresh tokens rotate; a reused one revokes the whole family") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(sign_up(port, "e@example.org").empty());
  const auto first = text(json_of(login("e@example.org", "correct horse")), "refresh_token");
  auto rotated = post("/auth/refresh", R"({"refresh_token":")" + first + R"("})");
  REQUIRE(rotated.status == 200);
  const auto second = text(json_of(rotated), "refresh_token");
  CHECK(second != first);
  CHECK(request(port, "GET", "/user/me", "", "", text(json_of(rotated), "access_token")).status == 200);
  auto reused = post("/auth/refresh", R"({"refresh_token":")" + first + R"("})");
  CHECK(reused.status == 401);
  CHECK(text(json_of(reused), "code") == "refresh_token_reused");
  // The family is gone: the newest token no longer works either.
  auto after = post("/auth/refresh", R"({"refresh_token":")" + second + R"("})");
  CHECK(after.status == 401);
  CHECK(text(json_of(after), "code") == "invalid_refresh_token");
  CHECK(post("/auth/refresh", R"({"refresh_token":"garbage"})").status == 401);
}

TEST_CASE_FIXTURE(fixture, "logout ends the session") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(sign_up(port, "f@example.org").empty());
  const auto refresh = text(json_of(login("f@example.org", "correct horse")), "refresh_token");
  CHECK(post("/auth/logout", R"({"refresh_token":")" + refresh + R"("})").status == 204);
  CHECK(post("/auth/refresh", R"({"refresh_token":")" + refresh + R"("})").status == 401);
  CHECK(post("/auth/logout", R"({"refresh_token":")" + refresh + R"("})").status == 401);
}

TEST_CASE_FIXTURE(fixture, "user A on user B's account gets 404 and B's account is unchanged") {
  REQUIRE(port != 0);
  const auto alice = sign_up(port, "alice@example.org");
  const auto bob = sign_up(port, "bob@example.org");
  const auto account = open_account_http(port, bob, 100);
  REQUIRE_FALSE(account.empty());
  auto peek = get_account_http(port, account, alice);
  CHECK(peek.status == 404);
  CHECK(text(json_of(peek), "code") == "account_not_found");
  auto missing = get_account_http(port, "0192f3c4-0000-7000-8000-00000000dead", alice);
  CHECK(without_request_id(peek.body) == without_request_id(missing.body));
  auto spend = post_transaction(port, transaction_body(account, "expense", 50), alice);
  CHECK(spend.status == 404);
  CHECK(text(json_of(spend), "code") == "account_not_found");
  auto own = json_of(get_account_http(port, account, bob));
  CHECK(number(own, "balance_minor") == 100);
  CHECK(number(own, "version") == 1);
}

TEST_CASE_FIXTURE(fixture, "repeated wrong passwords lock the account with 429 and Retry-After") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(sign_up(port, "g@example.org").empty());
  REQUIRE_FALSE(sign_up(port, "h@example.org").empty());
  for (int i = 0; i < 5; ++i)
    CHECK(login("g@example.org", "wrong password").status == 401);
  // Locked now, even with the right password; the check comes before hashing.
  auto locked = login("G@example.org", "correct horse");
  CHECK(locked.status == 429);
  CHECK(text(json_of(locked), "code") == "too_many_attempts");
  CHECK(std::stoi(locked.headers["retry-after"]) > 0);
  // Another account from the same address is not affected.
  CHECK(login("h@example.org", "correct horse").status == 200);
}

TEST_CASE_FIXTURE(fixture, "a password change keeps this session and ends the others") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(sign_up(port, "p@example.org").empty());
  auto here = json_of(login("p@example.org", "correct horse"));
  auto elsewhere = json_of(login("p@example.org", "correct horse"));
  const auto token = text(here, "access_token");
  auto wrong = post("/user/me/password",
                    R"({"current_password":"not it","new_password":"new password 1"})", token);
  CHECK(wrong.status == 401);
  CHECK(post("/user/me/password", R"({"current_password":"correct horse","new_password":"short"})",
             token).status == 422);
  REQUIRE(post("/user/me/password",
               R"({"current_password":"correct horse","new_password":"new password 1"})", token)
            .status == 204);
  CHECK(post("/auth/refresh", R"({"refresh_token":")" + text(elsewhere, "refresh_token") + R"("})")
          .status == 401);
  CHECK(post("/auth/refresh", R"({"refresh_token":")" + text(here, "refresh_token") + R"("})")
          .status == 200);
  CHECK(login("p@example.org", "correct horse").status == 401);
  CHECK(login("p@example.org", "new password 1").status == 200);
}

TEST_CASE_FIXTURE(fixture, "PATCH /user/me updates the profile; bad values change nothing") {
  REQUIRE(port != 0);
  const auto token = sign_up(port, "q@example.org");
  auto patch = [&](const std::string& body) {
    return request(port, "PATCH", "/user/me", body, "application/json", token);
  };
  auto updated = patch(R"({"display_name":"Q","base_currency":"CHF"})");
  REQUIRE(updated.status == 200);
  CHECK(text(json_of(updated), "base_currency") == "CHF");
  CHECK(patch(R"({"base_currency":"chf"})").status == 422);
  CHECK(patch(R"({"email":"x@example.org"})").status == 422);
  CHECK(patch(R"({"display_name":""})").status == 200); // empty means unchanged
  auto me = json_of(request(port, "GET", "/user/me", "", "", token));
  CHECK(text(me, "display_name") == "Q");
  CHECK(text(me, "base_currency") == "CHF");
  CHECK(text(me, "email") == "q@example.org");
  auto prefs = patch(R"({"time_zone":"Europe/Zurich","locale":"de-ch"})");
  REQUIRE(prefs.status == 200);
  CHECK(text(json_of(prefs), "time_zone") == "Europe/Zurich");
  CHECK(text(json_of(prefs), "locale") == "de-CH");
  CHECK(patch(R"({"time_zone":"Europe/Atlantis"})").status == 422);
  CHECK(text(json_of(patch(R"({"locale":"deutsch"})")), "code") == "invalid_locale");
  auto read = request(port, "GET", "/user/me", "", "", token);
  const auto version = read.headers["etag"];
  CHECK(version == "\"" + std::to_string(number(json_of(read), "version")) + "\"");
  auto stale = request(port, "PATCH", "/user/me", R"({"display_name":"R"})", "application/json",
                       token, "If-Match: \"1\"\r\n");
  CHECK(stale.status == 412);
  CHECK(text(json_of(stale), "code") == "precondition_failed");
  auto current = request(port, "PATCH", "/user/me", R"({"display_name":"R"})",
                         "application/json", token, "If-Match: " + version + "\r\n");
  CHECK(current.status == 200);
  me = json_of(request(port, "GET", "/user/me", "", "", token));
  CHECK(text(me, "display_name") == "R");
  CHECK(text(me, "time_zone") == "Europe/Zurich");
  auto wrong_method = request(port, "PUT", "/user/me", "{}", "application/json", token);
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.headers["allow"] == "GET, PATCH, DELETE");
}

TEST_CASE_FIXTURE(fixture, "the access log has a JSON line per request and no secret") {
  REQUIRE(port != 0);
  const auto token = sign_up(port, "log@example.org");
  REQUIRE_FALSE(token.empty());
  const auto refresh = text(json_of(login("log@example.org", "correct horse")), "refresh_token");
  auto traced = send_raw(port, "GET /user/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                               "Authorization: Bearer " + token + "\r\n"
                               "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\n\r\n");
  CHECK(traced.status == 200);
  CHECK_FALSE(traced.headers["x-request-id"].empty());
  node.stop(SIGTERM);
  std::ifstream in(dir.sub("data") + ".log");
  const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(log.find("\"event\":\"request\"") != std::string::npos);
  CHECK(log.find("\"path\":\"/auth/login\"") != std::string::npos);
  CHECK(log.find("\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"") != std::string::npos);
  CHECK(log.find("\"request_id\":\"" + traced.headers["x-request-id"] + "\"") != std::string::npos);
  for (const auto& secret : {std::string("correct horse"), token, refresh, std::string("Bearer")})
    CHECK(log.find(secret) == std::string::npos);
}

TEST_CASE("a user over the request rate gets 429 with Retry-After; others are not affected") {
  temp_dir dir;
  node_process node(dir.sub("data"), {"PFMS_RATE_LIMIT_USER_RPS=5"});
  REQUIRE(node.port() != 0);
  const auto busy = sign_up(node.port(), "busy@example.org");
  const auto calm = sign_up(node.port(), "calm@example.org");
  int ok = 0, limited = 0;
  for (int i = 0; i < 40; ++i) {
    auto r = request(node.port(), "GET", "/user/me", "", "", busy);
    if (r.status == 200)
      ++ok;
    if (r.status == 429) {
      ++limited;
      CHECK(r.headers["retry-after"] == "1");
      CHECK(text(json_of(r), "code") == "rate_limited");
    }
  }
  CHECK(ok >= 10);     // the burst (2 × 5) at least
  CHECK(limited > 0);
  CHECK(request(node.port(), "GET", "/user/me", "", "", calm).status == 200);
}

TEST_CASE_FIXTURE(fixture, "If-Match guards a transaction with the account's version") {
  REQUIRE(port != 0);
  const auto token = sign_up(port, "m@example.org");
  const auto account = open_account_http(port, token, 100);
  auto post_if = [&](const std::string& if_match) {
    return send_raw(port, "POST /finance/transactions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                          "Content-Type: application/json\r\nAuthorization: Bearer " + token
                          + "\r\nIf-Match: " + if_match + "\r\nContent-Length: "
                          + std::to_string(transaction_body(account, "expense", 10).size())
                          + "\r\n\r\n" + transaction_body(account, "expense", 10));
  };
  auto stale = post_if("\"7\"");
  CHECK(stale.status == 412);
  CHECK(text(json_of(stale), "code") == "precondition_failed");
  CHECK(post_if("7").status == 400);
  CHECK(post_if("\"1\"").status == 201);
  CHECK(post_if("\"1\"").status == 412); // now at version 2
  CHECK(number(json_of(get_account_http(port, account, token)), "balance_minor") == 90);
}

TEST_CASE_FIXTURE(fixture, "/metrics on the admin listener needs the admin token; user tokens get 403") {
  REQUIRE(port != 0);
  REQUIRE(node.admin_port() != 0);
  const auto user = sign_up(port, "metrics@example.org");
  const auto account = open_account_http(port, user, 5);
  CHECK(get_account_http(port, account, user).status == 200);
  std::ifstream in(dir.sub("data") + "/admin.token");
  std::string admin_token;
  std::getline(in, admin_token);
  REQUIRE(admin_token.size() >= 43);
  const auto admin = node.admin_port();
  CHECK(request(admin, "GET", "/metrics", "", "").status == 401);
  CHECK(request(admin, "GET", "/metrics", "", "", "guess").status == 401);
  auto as_user = request(admin, "GET", "/metrics", "", "", user);
  CHECK(as_user.status == 403);
  CHECK(text(json_of(as_user), "code") == "forbidden");
  auto metrics = request(admin, "GET", "/metrics", "", "", admin_token);
  REQUIRE(metrics.status == 200);
  const auto& body = metrics.body;
  CHECK(body.find("pfms_http_requests_total{route=\"/auth/login\",status=\"2xx\"} 1") != std::string::npos);
  CHECK(body.find("pfms_http_request_duration_seconds_count{route=\"/finance/accounts/{id}\"}") != std::string::npos);
  CHECK(body.find("pfms_journal_batches_total") != std::string::npos);
  for (const char* name : {"account_balances", "transfers", "fx_rates", "transactions",
                           "group_index", "group_activity", "loan_index"})
    CHECK(body.find("pfms_projection_lag_events{projection=\"" + std::string(name) + "\"}")
          != std::string::npos);
  CHECK(body.find("pfms_live_entities{kind=\"account\"} 1\n") != std::string::npos);
  CHECK(body.find("pfms_live_entities{kind=\"user\"} 1\n") != std::string::npos);
  // No ids in labels: neither the account's nor the user's.
  CHECK(body.find(account) == std::string::npos);
  CHECK(body.find("metrics@example.org") == std::string::npos);
  // Prometheus's own linter passes it: HELP on every series, base units.
  const auto file = dir.sub("metrics.txt");
  std::ofstream(file) << body;
  std::string findings;
  CHECK(lint_metrics(file, findings) == 0);
  CHECK(findings.empty());
  // The admin token does nothing on the public listener.
  CHECK(request(port, "GET", "/user/me", "", "", admin_token).status == 401);
}

TEST_CASE_FIXTURE(fixture, "/admin/streams shows any stream's events for audits, in pages") {
  REQUIRE(port != 0);
  const auto user = sign_up(port, "audit2@example.org");
  const auto account = open_account_http(port, user, 5);
  for (int i = 1; i <= 3; ++i)
    REQUIRE(post_transaction(port, transaction_body(account, "income", i), user).status == 201);
  std::ifstream in(dir.sub("data") + "/admin.token");
  std::string admin_token;
  std::getline(in, admin_token);
  const auto admin = node.admin_port();
  const auto path = "/admin/streams/account-" + account;
  auto page = request(admin, "GET", path + "?limit=2", "", "", admin_token);
  REQUIRE(page.status == 200);
  auto v = json_of(page);
  const auto& events = v.at("events").as_array();
  REQUIRE(events.size() == 2);
  CHECK(events[0].at("type").as_string() == "AccountOpened");
  CHECK(events[0].at("hash").as_string().size() == 64);
  CHECK(events[1].at("previous_hash") == events[0].at("hash"));
  CHECK(v.at("next_from").as_int64() == 3);
  auto rest = json_of(request(admin, "GET", path + "?from=3&limit=2", "", "", admin_token));
  CHECK(rest.at("events").as_array().size() == 2);
  CHECK(rest.at("next_from").is_null() == false); // a full page may have more
  auto last = json_of(request(admin, "GET", path + "?from=5", "", "", admin_token));
  CHECK(last.at("events").as_array().empty());
  CHECK(last.at("next_from").is_null());
  CHECK(request(admin, "GET", "/admin/streams/account-nope", "", "", admin_token).status == 404);
  CHECK(request(admin, "GET", path + "?limit=0", "", "", admin_token).status == 422);
  CHECK(request(admin, "GET", path + "?limit=5000", "", "", admin_token).status == 422);
  CHECK(request(admin, "GET", path + "?from=x", "", "", admin_token).status == 422);
  CHECK(request(admin, "GET", path, "", "", user).status == 403);
  CHECK(request(admin, "POST", path, "{}", "application/json", admin_token).status == 405);
}

TEST_CASE_FIXTURE(fixture, "an admin rebuild replays the projection from zero to the same balances") {
  REQUIRE(port != 0);
  const auto user = sign_up(port, "rebuild@example.org");
  const auto account = open_account_http(port, user, 10);
  REQUIRE(post_transaction(port, transaction_body(account, "income", 7), user).status == 201);
  std::ifstream in(dir.sub("data") + "/admin.token");
  std::string admin_token;
  std::getline(in, admin_token);
  const auto admin = node.admin_port();
  const std::string path = "/admin/projections/account_balances/rebuild";
  auto rebuilt = request(admin, "POST", path, "{}", "application/json", admin_token);
  REQUIRE(rebuilt.status == 200);
  CHECK(number(json_of(rebuilt), "checkpoint") > 0);
  auto after = json_of(get_account_http(port, account, user));
  CHECK(number(after, "balance_minor") == 17);
  CHECK(number(after, "version") == 2);
  // Writes after a rebuild still land in the projection.
  REQUIRE(post_transaction(port, transaction_body(account, "expense", 2), user).status == 201);
  CHECK(number(json_of(get_account_http(port, account, user)), "balance_minor") == 15);
  // Each read model rebuilds by its name, to the head of the log.
  for (const char* name :
       {"transfers", "fx_rates", "transactions", "group_index", "group_activity", "loan_index"}) {
    CAPTURE(name);
    auto other = request(admin, "POST", "/admin/projections/" + std::string(name) + "/rebuild",
                         "{}", "application/json", admin_token);
    REQUIRE(other.status == 200);
    CHECK(text(json_of(other), "projection") == name);
    CHECK(number(json_of(other), "checkpoint") >= number(json_of(rebuilt), "checkpoint"));
  }
  CHECK(request(admin, "POST", "/admin/projections/nothing/rebuild", "{}", "application/json",
                admin_token).status == 404);
  CHECK(request(admin, "POST", "/admin/projections/rebuild", "{}", "application/json",
                admin_token).status == 404);
  CHECK(request(admin, "GET", path, "", "", admin_token).status == 405);
  CHECK(request(admin, "POST", path, "{}", "application/json", user).status == 403);
}
