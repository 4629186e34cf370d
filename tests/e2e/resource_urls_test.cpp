// Resources at their own URLs against a real pfmsd, in one shape: a transaction at
// /finance/transactions/{id} (GET, PATCH, DELETE) and the caller's transfers
// at GET /finance/transfers, in pages; group answers with the names of the people in them.

#include "tests/e2e/node_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace pfms::test;

namespace {

constexpr const char* unknown_id = "0192f3c4-0000-7000-8000-000000000000";

std::int64_t balance(std::uint16_t port, const std::string& token, const std::string& id) {
  return number(json_of(get_account_http(port, id, token)), "balance_minor");
}

// The list's item for `tx` (a null value when the list does not have it).
boost::json::value listed(std::uint16_t port, const std::string& token, const std::string& tx) {
  const auto page = json_of(request(port, "GET", "/finance/transactions?include_voided=true", "",
                                    "", token));
  for (const auto& item : page.at("items").as_array())
    if (text(item, "id") == tx)
      return item;
  return {};
}

std::string transfer_between(std::uint16_t port, const std::string& token, const std::string& from,
                             const std::string& to, std::int64_t amount) {
  auto r = request(port, "POST", "/finance/transfers",
                   R"({"from_account_id":")" + from + R"(","to_account_id":")" + to
                     + R"(","amount_minor":)" + std::to_string(amount) + R"(,"currency":"EUR"})",
                   "application/json", token);
  return r.status == 201 ? text(json_of(r), "id") : std::string();
}

} // namespace

TEST_CASE_FIXTURE(node_fixture, "a transaction is at its own URL: GET, PATCH and DELETE /finance/transactions/{id}") {
  REQUIRE(port != 0);
  const auto account = open_account_http(port, token, 1000);
  auto recorded = post_transaction(port, transaction_body(account, "expense", 300), token);
  REQUIRE(recorded.status == 201);
  const auto tx = text(json_of(recorded), "id");
  const auto url = "/finance/transactions/" + tx;
  CHECK(recorded.headers["location"] == url);

  // Read at once: the item is the list's item.
  auto read = request(port, "GET", url, "", "", token);
  REQUIRE(read.status == 200);
  CHECK(json_of(read) == listed(port, token, tx));
  CHECK(number(json_of(read), "amount_minor") == 300);
  CHECK(text(json_of(read), "account_id") == account);

  auto amended = request(port, "PATCH", url,
                         R"({"amount_minor":450,"occurred_at":"2026-10-01T08:00:00Z"})",
                         "application/json", token);
  REQUIRE(amended.status == 200);
  CHECK(number(json_of(amended), "balance_minor") == 550);
  CHECK(amended.headers["etag"] == "\"3\"");
  // Its occurred time moved it in the list; its URL still finds it.
  auto moved = json_of(request(port, "GET", url, "", "", token));
  CHECK(number(moved, "amount_minor") == 450);
  CHECK(text(moved, "occurred_at") == "2026-10-01T08:00:00Z");
  CHECK(moved == listed(port, token, tx));

  // Refusals change nothing.
  const auto other = sign_up(port, "nosy@example.org");
  struct row { std::string name; client_response response; int status; const char* code; };
  const row rows[] = {
    {"another user's GET", request(port, "GET", url, "", "", other), 404, "transaction_not_found"},
    {"another user's PATCH", request(port, "PATCH", url, R"({"amount_minor":1})", "application/json", other),
     404, "transaction_not_found"},
    {"another user's DELETE", request(port, "DELETE", url, "", "", other), 404, "transaction_not_found"},
    {"unknown id", request(port, "GET", std::string("/finance/transactions/") + unknown_id, "", "", token),
     404, "transaction_not_found"},
    {"not an id", request(port, "PATCH", "/finance/transactions/not-an-id", R"({"amount_minor":1})",
                          "application/json", token), 404, "transaction_not_found"},
    {"unknown field", request(port, "PATCH", url, R"({"currency":"USD"})", "application/json", token),
     422, "unknown_field"},
    {"stale If-Match", request(port, "PATCH", url, R"({"amount_minor":1})", "application/json", token,
                               "If-Match: \"2\"\r\n"), 412, "precondition_failed"},
    {"bad override_lock", request(port, "DELETE", url + "?override_lock=maybe", "", "", token), 400,
     "invalid_query"},
    {"unknown query", request(port, "GET", url + "?fields=all", "", "", token), 400, "invalid_query"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    CHECK(r.response.status == r.status);
    CHECK(text(json_of(r.response), "code") == r.code);
  }
  CHECK(balance(port, token, account) == 550);
  CHECK(number(json_of(request(port, "GET", url, "", "", token)), "amount_minor") == 450);

  auto voided = request(port, "DELETE", url, "", "", token);
  REQUIRE(voided.status == 200);
  CHECK(json_of(voided).at("voided").as_bool());
  CHECK(balance(port, token, account) == 1000);
  CHECK(json_of(request(port, "GET", url, "", "", token)).at("voided").as_bool());
  CHECK(text(json_of(request(port, "DELETE", url, "", "", token)), "code") == "transaction_voided");
}

TEST_CASE_FIXTURE(node_fixture, "GET /finance/transfers lists the caller's transfers, newest first, in pages") {
  REQUIRE(port != 0);
  const auto a = open_account_http(port, token, 10'000);
  const auto b = open_account_http(port, token, 0);
  std::set<std::string> made;
  for (const std::int64_t amount : {100, 200, 300})
    made.insert(transfer_between(port, token, a, b, amount));
  REQUIRE(made.size() == 3);
  REQUIRE_FALSE(made.contains(""));

  auto first = request(port, "GET", "/finance/transfers?limit=2", "", "", token);
  REQUIRE(first.status == 200);
  const auto page1 = json_of(first);
  REQUIRE(page1.at("items").as_array().size() == 2);
  const auto token2 = text(page1, "next_page_token");
  REQUIRE_FALSE(token2.empty());
  const auto page2 = json_of(request(port, "GET", "/finance/transfers?limit=2&page_token=" + token2,
                                     "", "", token));
  REQUIRE(page2.at("items").as_array().size() == 1);
  CHECK(page2.at("next_page_token").is_null());

  std::vector<boost::json::value> items;
  for (const auto* page : {&page1, &page2})
    for (const auto& item : page->at("items").as_array())
      items.push_back(item);
  std::set<std::string> listed_ids;
  for (const auto& item : items) {
    listed_ids.insert(text(item, "id"));
    CHECK(text(item, "status") == "completed");
    CHECK(text(item, "from_account_id") == a);
    // Each item is the transfer's own answer.
    CHECK(item == json_of(request(port, "GET", "/finance/transfers/" + text(item, "id"), "", "", token)));
  }
  CHECK(listed_ids == made);
  // Newest held first, then the larger id.
  // (An instant on a whole second has no fraction: give it one to compare as text.)
  auto held = [](const boost::json::value& item) {
    auto at = text(item, "held_at");
    return at.find('.') == std::string::npos ? at.insert(at.size() - 1, ".000000") : at;
  };
  CHECK(std::is_sorted(items.begin(), items.end(), [&](const auto& x, const auto& y) {
    return std::pair{held(x), text(x, "id")} > std::pair{held(y), text(y, "id")};
  }));
  CHECK(number(items.back(), "amount_minor") == 100);

  // Another user has none; bad queries are refused.
  const auto other = sign_up(port, "nosy@example.org");
  const auto theirs = json_of(request(port, "GET", "/finance/transfers", "", "", other));
  CHECK(theirs.at("items").as_array().empty());
  for (const auto* query : {"?limit=0", "?limit=201", "?page_token=%21%21", "?status=pending"}) {
    CAPTURE(query);
    auto bad = request(port, "GET", std::string("/finance/transfers") + query, "", "", token);
    CHECK(bad.status == 400);
    CHECK(text(json_of(bad), "code") == "invalid_query");
  }
}

TEST_CASE_FIXTURE(fresh_node, "group answers show the display names of the people they mention, as they are now") {
  REQUIRE(port != 0);
  // A user named `name`: their id and access token.
  auto person = [&](const std::string& email, const std::string& name) {
    const auto credentials = R"({"email":")" + email + R"(","password":"correct horse")";
    auto registered = request(port, "POST", "/auth/register",
                              credentials + R"(,"display_name":")" + name + "\"}");
    auto login = request(port, "POST", "/auth/login", credentials + "}");
    REQUIRE(registered.status == 201);
    return std::pair{text(json_of(registered), "id"), text(json_of(login), "access_token")};
  };
  const auto [alice, alice_token] = person("alice@example.org", "Alice");
  const auto [bob, bob_token] = person("bob@example.org", "Bob");
  auto as = [&](const std::string& who, const char* method, const std::string& path,
                const std::string& body = "") {
    return request(port, method, path, body, body.empty() ? "" : "application/json", who);
  };
  // The names an answer carries, as "id=name" (participants have none).
  auto names = [](const client_response& r) {
    std::set<std::string> out;
    const auto body = json_of(r);
    if (body.is_object() && body.as_object().contains("names"))
      for (const auto& [id, name] : body.at("names").as_object())
        out.insert(std::string(id) + "=" + std::string(name.as_string()));
    return out;
  };
  auto created = as(alice_token, "POST", "/social/groups", R"({"name":"Trip","currency":"EUR"})");
  REQUIRE(created.status == 201);
  CHECK(names(created) == std::set<std::string>{alice + "=Alice"});
  const auto group = "/social/groups/" + text(json_of(created), "id");
  REQUIRE(as(alice_token, "POST", group + "/members", R"({"user_id":")" + bob + "\"}").status == 201);
  REQUIRE(as(bob_token, "POST", group + "/join").status == 200);
  REQUIRE(as(alice_token, "POST", group + "/members", R"({"name":"Carol"})").status == 201);
  auto spent = as(alice_token, "POST", group + "/expenses",
                  R"({"amount_minor":900,"currency":"EUR","description":"Dinner","paid_by":[{"user_id":")"
                    + alice + R"(","amount_minor":900}],"split":{"method":"equal","parts":[{"user_id":")"
                    + alice + R"("},{"user_id":")" + bob + R"("}]}})");
  REQUIRE(spent.status == 201);
  const std::set<std::string> both{alice + "=Alice", bob + "=Bob"};
  CHECK(names(spent) == both);
  CHECK(names(as(bob_token, "GET", group)) == both);
  CHECK(names(as(bob_token, "GET", group + "/balances")) == both);
  CHECK(names(as(bob_token, "GET", group + "/activity")) == both);
  CHECK(names(as(bob_token, "GET", group + "/expenses")) == both);
  // A new display name shows at once: names are looked up, not copied into the group.
  REQUIRE(as(bob_token, "PATCH", "/user/me", R"({"display_name":"Robert"})").status == 200);
  CHECK(names(as(alice_token, "GET", group)) == std::set<std::string>{alice + "=Alice", bob + "=Robert"});
  // Across groups too: the person who owes is named.
  CHECK(names(as(alice_token, "GET", "/social/balances")) == std::set<std::string>{bob + "=Robert"});
  // A refusal names nobody.
  auto refused = as(alice_token, "POST", group + "/members", R"({"user_id":")" + bob + "\"}");
  CHECK(refused.status == 409);
  CHECK(names(refused).empty());
}
