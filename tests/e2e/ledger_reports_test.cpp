// The ledger over HTTP: reconciliation, categories, lists and reports.

#include "tests/e2e/node_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <thread>

using namespace pfms::test;

using fixture = node_fixture;

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
  REQUIRE(record(R"("kind":"expense","amount_minor":900,"occurred_at":"2025-06-01T00:00:00Z","category":"mixed","lines":[{"category":"home_office","amount_minor":600},{"category":"groceries","amount_minor":300}]})") == 201);
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
    for (const auto& t : body.at("items").as_array())
      out.emplace_back(t.at("payee").as_string());
    return out;
  };
  using names = std::vector<std::string>;
  CHECK(payees(list("")) == names{"ACME", "corner bakery", "Corner Shop"});
  // A list item has the item's names for what both hold: id and lines, not
  // transaction_id and splits.
  const auto first = json_of(list("")).at("items").as_array()[0].as_object();
  for (const char* field : {"id", "account_id", "kind", "amount_minor", "currency", "occurred_at",
                            "category", "note", "payee", "tags", "lines"}) {
    CAPTURE(field);
    REQUIRE(first.contains(field));
    CHECK(first.at(field) == salary.at(field));
  }
  CHECK_FALSE(first.contains("transaction_id"));
  CHECK_FALSE(first.contains("splits"));
  CHECK(payees(list("?category=groceries")) == names{"corner bakery", "Corner Shop"});
  CHECK(payees(list("?payee=CORNER%20S")) == names{"Corner Shop"});
  CHECK(payees(list("?tag=weekly")) == names{"Corner Shop"});
  CHECK(payees(list("?account_id=" + cash_id)) == names{"corner bakery"});
  CHECK(payees(list("?from=2026-01-10T00:00:00Z&to=2026-01-31T00:00:00Z")) == names{"corner bakery"});
  CHECK(payees(list("?min_amount=100&max_amount=200")) == names{"Corner Shop"});
  CHECK(payees(list("?as_of=" + then)) == names{"ACME", "Corner Shop"});
  names paged;
  std::string cursor;
  for (int i = 0; i < 5; ++i) {
    auto page = list("?limit=1" + (cursor.empty() ? "" : "&page_token=" + cursor));
    REQUIRE(page.status == 200);
    for (const auto& p : payees(page))
      paged.push_back(p);
    if (json_of(page).at("next_page_token").is_null())
      break;
    cursor = std::string(json_of(page).at("next_page_token").as_string());
  }
  CHECK(paged == names{"ACME", "corner bakery", "Corner Shop"});
  const auto other = sign_up(port, "lister@example.org");
  CHECK(json_of(list("", other)).at("items").as_array().empty());
  CHECK(text(json_of(list("?account_id=" + main_id, other)), "code") == "account_not_found");
  for (const std::string bad : {"?limit=0", "?from=yesterday", "?min_amount=1.5", "?include_voided=maybe",
                                "?page_token=xyz", "?payee=%zz"}) {
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
  REQUIRE(record(R"("kind":"expense","amount_minor":90,"occurred_at":"2026-02-01T00:00:00Z","category":"x","lines":[{"category":"food","amount_minor":60},{"category":"fun","amount_minor":30}]})") == 201);
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

TEST_CASE_FIXTURE(fixture, "min_amount and max_amount past int64 are refused, not dropped") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 1000);
  REQUIRE(post_transaction(port, transaction_body(id, "expense", 300), token).status == 201);
  auto list = [&](const std::string& query) {
    return request(port, "GET", "/finance/transactions" + query, "", "", token);
  };
  for (const std::string bad : {"?min_amount=9223372036854775808", "?max_amount=-9223372036854775809",
                                "?min_amount=99999999999999999999"}) {
    CAPTURE(bad);
    const auto refused = list(bad);
    CHECK(refused.status == 400);
    CHECK(text(json_of(refused), "code") == "invalid_query");
  }
  // The edges of int64 are amounts like any other.
  const auto widest = list("?min_amount=-9223372036854775808&max_amount=9223372036854775807");
  REQUIRE(widest.status == 200);
  CHECK(json_of(widest).at("items").as_array().size() == 1);
  CHECK(json_of(list("?min_amount=301")).at("items").as_array().empty());
}

TEST_CASE_FIXTURE(fixture, "GET /finance/tax/9998 answers, as the docs allow; 9999 is past them") {
  REQUIRE(port != 0);
  const auto far = request(port, "GET", "/finance/tax/9998", "", "", token);
  REQUIRE(far.status == 200);
  CHECK(json_of(far).at("year").as_int64() == 9998);
  CHECK(json_of(far).at("lines").as_array().empty());
  CHECK(request(port, "GET", "/finance/tax/9999", "", "", token).status == 404);
}

TEST_CASE_FIXTURE(fixture, "instants outside 1970 … 9999 are refused with 422, and nothing is recorded") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 1000);
  for (const std::string when : {"9999-12-31T23:59:59-12:00", "1970-01-01T00:00:00+01:00"}) {
    CAPTURE(when);
    const auto refused = post_transaction(
      port, R"({"account_id":")" + id + R"(","currency":"EUR","kind":"expense","amount_minor":5,)"
              R"("occurred_at":")" + when + R"("})", token);
    CHECK(refused.status == 422);
    CHECK(text(json_of(refused), "code") == "invalid_timestamp");
  }
  const auto account = request(port, "GET", "/finance/accounts/" + id, "", "", token);
  REQUIRE(account.status == 200);
  CHECK(number(json_of(account), "balance_minor") == 1000);
}

TEST_CASE_FIXTURE(fixture, "reports run in the caller's time zone: months and tax years by local date") {
  REQUIRE(port != 0);
  const auto id = open_account_http(port, token, 10'000);
  auto record = [&](const char* kind, int amount, const char* when, const char* category) {
    return post_transaction(port, R"({"account_id":")" + id + R"(","currency":"EUR","kind":")" + kind
                                    + R"(","amount_minor":)" + std::to_string(amount)
                                    + R"(,"occurred_at":")" + when + R"(","category":")" + category
                                    + "\"}",
                            token).status;
  };
  auto zone = [&](const char* name) {
    return request(port, "PATCH", "/user/me", std::string(R"({"time_zone":")") + name + "\"}",
                   "application/json", token).status;
  };
  REQUIRE(request(port, "PUT", "/finance/categories/salary", R"({"tax_category":"employment_income"})",
                  "application/json", token).status == 200);
  REQUIRE(zone("Europe/Berlin") == 200);
  REQUIRE(record("income", 100, "2025-12-31T23:30:00Z", "salary") == 201); // 00:30 on 1 January
  REQUIRE(record("expense", 20, "2026-01-31T23:30:00Z", "food") == 201);   // 00:30 on 1 February
  REQUIRE(record("income", 5, "2026-12-31T23:30:00Z", "salary") == 201);   // 2027 in Berlin
  // "month/category/income/expense" of a year's monthly report, and its zone.
  auto monthly = [&](int year) {
    const auto body = json_of(request(port, "GET", "/finance/reports/monthly?year=" + std::to_string(year),
                                      "", "", token));
    std::vector<std::string> out{text(body, "time_zone")};
    for (const auto& t : body.at("totals").as_array())
      out.push_back(std::to_string(t.at("month").as_int64()) + "/" + text(t, "category") + "/"
                    + std::to_string(t.at("income_minor").as_int64()) + "/"
                    + std::to_string(t.at("expense_minor").as_int64()));
    return out;
  };
  auto taxable = [&](int year) {
    const auto body = json_of(request(port, "GET", "/finance/tax/" + std::to_string(year), "", "", token));
    std::int64_t sum = 0;
    for (const auto& l : body.at("lines").as_array())
      sum += l.at("taxable_income_minor").as_int64();
    return sum;
  };
  using list = std::vector<std::string>;
  CHECK(monthly(2026) == list{"Europe/Berlin", "1/salary/100/0", "2/food/0/20"});
  CHECK(monthly(2025) == list{"Europe/Berlin"});
  CHECK(taxable(2026) == 100);
  CHECK(taxable(2027) == 5);
  // Another zone moves the same transactions at once: in New York all three are a month earlier.
  REQUIRE(zone("America/New_York") == 200);
  CHECK(monthly(2025) == list{"America/New_York", "12/salary/100/0"});
  CHECK(monthly(2026) == list{"America/New_York", "1/food/0/20", "12/salary/5/0"});
  CHECK(taxable(2025) == 100);
  CHECK(taxable(2026) == 5);
  CHECK(taxable(2027) == 0);
}

TEST_CASE_FIXTURE(fixture, "net worth counts group balances on request: owed to the caller, or by them") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(open_account_http(port, token, 10'000).empty());
  const auto friend_token = sign_up(port, "friend@example.org");
  const auto me = text(json_of(request(port, "GET", "/user/me", "", "", token)), "id");
  const auto them = text(json_of(request(port, "GET", "/user/me", "", "", friend_token)), "id");
  auto made = request(port, "POST", "/social/groups", R"({"name":"Flat","currency":"EUR"})",
                      "application/json", token);
  REQUIRE(made.status == 201);
  const auto group = "/social/groups/" + text(json_of(made), "id");
  REQUIRE(request(port, "POST", group + "/members", R"({"user_id":")" + them + "\"}", "application/json",
                  token).status == 201);
  REQUIRE(request(port, "POST", group + "/join", "", "", friend_token).status == 200);
  // I pay 900 for both of us: they owe me 450.
  REQUIRE(request(port, "POST", group + "/expenses",
                  R"({"amount_minor":900,"currency":"EUR","description":"Rent","paid_by":[{"user_id":")" + me
                    + R"(","amount_minor":900}],"split":{"method":"equal","parts":[{"user_id":")" + me
                    + R"("},{"user_id":")" + them + R"("}]}})",
                  "application/json", token).status == 201);
  auto worth = [&](const std::string& who, const std::string& query) {
    return request(port, "GET", "/finance/reports/net-worth" + query, "", "", who);
  };
  const auto plain = json_of(worth(token, ""));
  CHECK(number(plain, "total_minor") == 10'000);
  CHECK_FALSE(plain.at("groups_included").as_bool());
  const auto mine = json_of(worth(token, "?include=groups"));
  CHECK(number(mine, "total_minor") == 10'450);
  CHECK(mine.at("groups_included").as_bool());
  CHECK(number(mine.at("by_currency").as_array().at(0), "groups_minor") == 450);
  CHECK(number(json_of(worth(friend_token, "?include=groups")), "total_minor") == -450);
  auto bad = worth(token, "?include=everything");
  CHECK(bad.status == 400);
  CHECK(text(json_of(bad), "code") == "invalid_query");
}
