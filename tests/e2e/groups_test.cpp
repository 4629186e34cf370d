// Groups over HTTP against a real pfmsd: members share expenses, balances
// always sum to zero, the suggested payments settle everyone, and only
// members see or change a group.

#include "tests/e2e/node_fixture.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <map>
#include <string>
#include <vector>

using namespace pfms::test;

namespace {

struct person {
  std::string id;
  std::string token;
};

person join_pfms(std::uint16_t port, const std::string& email) {
  const auto token = sign_up(port, email);
  return {text(json_of(request(port, "GET", "/user/me", "", "", token)), "id"), token};
}

client_response post(std::uint16_t port, const person& who, const std::string& path,
                     const std::string& body, const std::string& key = "") {
  return request(port, "POST", path, body, body.empty() ? "" : "application/json", who.token,
                 key.empty() ? "" : "Idempotency-Key: \"" + key + "\"\r\n");
}

std::string paid(const person& who, std::int64_t amount) {
  return R"({"user_id":")" + who.id + R"(","amount_minor":)" + std::to_string(amount) + "}";
}

std::string part(const person& who, std::int64_t value = -1) {
  return R"({"user_id":")" + who.id + "\"" + (value < 0 ? "" : R"(,"value":)" + std::to_string(value))
         + "}";
}

std::string expense(std::int64_t amount, const std::string& payers, const char* method,
                    const std::string& parts) {
  return R"({"amount_minor":)" + std::to_string(amount) + R"(,"currency":"EUR","description":"Dinner","paid_by":[)"
         + payers + R"(],"split":{"method":")" + method + R"(","parts":[)" + parts + "]}}";
}

std::map<std::string, std::int64_t> balances(const boost::json::value& v) {
  std::map<std::string, std::int64_t> out;
  for (const auto& b : v.at("balances").as_array())
    out[std::string(b.at("user_id").as_string())] = b.at("balance_minor").as_int64();
  return out;
}

std::string without_request_id(std::string body) {
  return body.substr(0, body.find("\"request_id\""));
}

struct group_fixture : node_fixture {
  person a = join_pfms(port, "a@example.org");
  person b = join_pfms(port, "b@example.org");
  person c = join_pfms(port, "c@example.org");
  std::string id = make_group();
  std::string path = "/social/groups/" + id;

  std::string make_group() {
    auto created = post(port, a, "/social/groups", R"({"name":"Trip","currency":"EUR"})");
    const auto group = text(json_of(created), "id");
    for (const auto* who : {&b, &c}) {
      post(port, a, "/social/groups/" + group + "/members", R"({"user_id":")" + who->id + "\"}");
      post(port, *who, "/social/groups/" + group + "/join", "");
    }
    return group;
  }
  // The id of a completed ledger transfer of `amount` between two new accounts of `who`.
  std::string completed_transfer(const person& who, std::int64_t amount) {
    const auto from = open_account_http(port, who.token, 5'000);
    const auto to = open_account_http(port, who.token, 0);
    auto moved = post(port, who, "/finance/transfers",
                      R"({"from_account_id":")" + from + R"(","to_account_id":")" + to
                        + R"(","amount_minor":)" + std::to_string(amount) + R"(,"currency":"EUR"})");
    REQUIRE(moved.status == 201);
    return text(json_of(moved), "id");
  }
  boost::json::value balances_of(const person& who) {
    return json_of(request(port, "GET", path + "/balances", "", "", who.token));
  }
};

} // namespace

TEST_CASE_FIXTURE(group_fixture, "members share expenses and the suggested payments settle everyone") {
  REQUIRE(port != 0);
  auto read = request(port, "GET", path, "", "", b.token);
  auto group = json_of(read);
  CHECK(read.headers["etag"] == "\"" + std::to_string(group.at("version").as_int64()) + "\"");
  REQUIRE(group.at("members").as_array().size() == 3);
  CHECK(group.at("members").as_array()[0].at("role").as_string() == "owner");
  CHECK(group.at("members").as_array()[1].at("status").as_string() == "active");

  auto dinner = post(port, a, path + "/expenses",
                     expense(1000, paid(a, 1000), "equal", part(a) + "," + part(b) + "," + part(c)));
  REQUIRE(dinner.status == 201);
  const auto owed = json_of(dinner).at("owed").as_array();
  CHECK(owed[0].at("amount_minor").as_int64() == 334); // the remainder cent, by order
  CHECK(owed[1].at("amount_minor").as_int64() == 333);
  auto taxi = post(port, b, path + "/expenses",
                   expense(900, paid(b, 600) + "," + paid(c, 300), "percent",
                           part(a, 5000) + "," + part(b, 2500) + "," + part(c, 2500)));
  REQUIRE(taxi.status == 201);
  auto shared = balances(balances_of(c));
  CHECK(shared[a.id] == 1000 - 334 - 450);
  CHECK(shared[b.id] == 600 - 333 - 225);
  CHECK(shared[c.id] == 300 - 333 - 225);
  CHECK(shared[a.id] + shared[b.id] + shared[c.id] == 0);

  // Paying what was suggested brings everyone to zero.
  const auto view = balances_of(a);
  const auto& suggested = view.at("simplified").as_array();
  CHECK(suggested.size() <= 2);
  for (const auto& p : suggested) {
    CHECK_FALSE(p.at("because").at("from").as_array().empty());
    auto settled = post(port, a, path + "/settlements",
                        R"({"from_user_id":")" + std::string(p.at("from").as_string())
                          + R"(","to_user_id":")" + std::string(p.at("to").as_string())
                          + R"(","amount_minor":)" + std::to_string(p.at("amount_minor").as_int64())
                          + R"(,"currency":"EUR"})");
    CHECK(settled.status == 201);
  }
  CHECK(json_of(request(port, "GET", path + "/balances", "", "", a.token)).at("balances").as_array().empty());
  CHECK(post(port, c, path + "/leave", "").status == 200);
}

TEST_CASE_FIXTURE(group_fixture, "a non-member gets 404 everywhere and changes nothing") {
  REQUIRE(port != 0);
  const auto outsider = join_pfms(port, "z@example.org");
  const auto version = json_of(request(port, "GET", path, "", "", a.token)).at("version").as_int64();
  const auto missing = std::string("/social/groups/0192f3c4-0000-7000-8000-00000000dead");
  auto peek = request(port, "GET", path, "", "", outsider.token);
  CHECK(peek.status == 404);
  CHECK(text(json_of(peek), "code") == "group_not_found");
  CHECK(without_request_id(peek.body)
        == without_request_id(request(port, "GET", missing, "", "", outsider.token).body));
  CHECK(request(port, "GET", path + "/balances", "", "", outsider.token).status == 404);
  CHECK(post(port, outsider, path + "/expenses",
             expense(100, paid(outsider, 100), "equal", part(outsider))).status == 404);
  CHECK(post(port, outsider, path + "/members", R"({"user_id":")" + outsider.id + "\"}").status == 404);
  CHECK(post(port, outsider, path + "/join", "").status == 404);
  // A stale If-Match tells an outsider nothing either: not found, not 412 with the version.
  auto guessed = request(port, "POST", path + "/expenses",
                         expense(100, paid(outsider, 100), "equal", part(outsider)),
                         "application/json", outsider.token, "If-Match: \"1\"\r\n");
  CHECK(guessed.status == 404);
  CHECK(text(json_of(guessed), "code") == "group_not_found");
  CHECK(json_of(request(port, "GET", path, "", "", a.token)).at("version").as_int64() == version);
}

TEST_CASE_FIXTURE(group_fixture, "bad expenses, settlements and memberships get a problem and change nothing") {
  REQUIRE(port != 0);
  const auto outsider = join_pfms(port, "y@example.org");
  const auto everyone = part(a) + "," + part(b);
  struct row {
    const char* name;
    std::string path;
    std::string body;
    int status;
    const char* code;
  };
  const std::vector<row> rows{
    {"a payer outside the group", "/expenses", expense(100, paid(outsider, 100), "equal", everyone), 422, "not_a_member"},
    {"a part outside the group", "/expenses", expense(100, paid(a, 100), "equal", part(a) + "," + part(outsider)), 422, "not_a_member"},
    {"payers not summing", "/expenses", expense(100, paid(a, 60), "equal", everyone), 422, "invalid_payers"},
    {"percentages not summing to 100", "/expenses", expense(100, paid(a, 100), "percent", part(a, 5000) + "," + part(b, 4000)), 422, "invalid_split"},
    {"exact parts not summing", "/expenses", expense(100, paid(a, 100), "exact", part(a, 50) + "," + part(b, 40)), 422, "invalid_split"},
    {"only zero shares", "/expenses", expense(100, paid(a, 100), "shares", part(a, 0) + "," + part(b, 0)), 422, "invalid_split"},
    {"an unknown method", "/expenses", expense(100, paid(a, 100), "lottery", everyone), 422, "invalid_split"},
    {"a member twice", "/expenses", expense(100, paid(a, 100), "equal", part(a) + "," + part(a)), 422, "invalid_split"},
    {"zero amount", "/expenses", expense(0, paid(a, 0), "equal", everyone), 422, "invalid_amount"},
    {"a fractional amount", "/expenses", R"({"amount_minor":1.5,"currency":"EUR","description":"x","paid_by":[],"split":{"method":"equal","parts":[]}})", 422, "invalid_field"},
    {"an unknown field", "/expenses", R"({"amount_minor":100,"currency":"EUR","description":"x","paid_by":[],"split":{"method":"equal","parts":[]},"owner":"me"})", 422, "unknown_field"},
    {"no split", "/expenses", R"({"amount_minor":100,"currency":"EUR","description":"x","paid_by":[)" + paid(a, 100) + "]}", 422, "missing_field"},
    {"a settlement to oneself", "/settlements", R"({"from_user_id":")" + a.id + R"(","to_user_id":")" + a.id + R"(","amount_minor":5,"currency":"EUR"})", 422, "same_member"},
    {"a settlement with an outsider", "/settlements", R"({"from_user_id":")" + a.id + R"(","to_user_id":")" + outsider.id + R"(","amount_minor":5,"currency":"EUR"})", 422, "not_a_member"},
    {"inviting an unknown user", "/members", R"({"user_id":"0192f3c4-0000-7000-8000-00000000dead"})", 404, "user_not_found"},
    {"inviting a member again", "/members", R"({"user_id":")" + b.id + "\"}", 409, "already_member"},
    {"malformed JSON", "/expenses", "{", 400, "malformed_json"},
  };
  const auto version = json_of(request(port, "GET", path, "", "", a.token)).at("version").as_int64();
  for (const auto& r : rows) {
    const std::string name = r.name;
    CAPTURE(name);
    auto answer = post(port, a, path + r.path, r.body);
    CHECK(answer.status == r.status);
    CHECK(text(json_of(answer), "code") == r.code);
  }
  CHECK(json_of(request(port, "GET", path, "", "", a.token)).at("version").as_int64() == version);
  CHECK(balances_of(a).at("balances").as_array().empty());

  // A member who owes may not leave; deleting the expense takes it back.
  auto lunch = post(port, a, path + "/expenses", expense(100, paid(a, 100), "equal", everyone), "lunch");
  REQUIRE(lunch.status == 201);
  auto again = post(port, a, path + "/expenses", expense(100, paid(a, 100), "equal", everyone), "lunch");
  CHECK(text(json_of(again), "id") == text(json_of(lunch), "id"));
  CHECK(balances(balances_of(a))[b.id] == -50);
  auto leave = post(port, b, path + "/leave", "");
  CHECK(leave.status == 409);
  CHECK(text(json_of(leave), "code") == "balance_not_zero");
  auto removed = request(port, "DELETE", path + "/expenses/" + text(json_of(lunch), "id"), "", "",
                         a.token);
  CHECK(removed.status == 200);
  CHECK(json_of(removed).at("deleted").as_bool());
  CHECK(balances_of(a).at("balances").as_array().empty());
  CHECK(post(port, b, path + "/leave", "").status == 200);
  CHECK(request(port, "GET", path, "", "", b.token).status == 404); // gone for them

  node.stop(SIGTERM);
  std::string out;
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", dir.sub("data")}, out) == 0);
}

TEST_CASE_FIXTURE(group_fixture, "edits, named participants, removal and archiving over HTTP") {
  REQUIRE(port != 0);
  auto grandma = post(port, a, path + "/members", R"({"name":"Grandma"})");
  REQUIRE(grandma.status == 201);
  const person gran{text(json_of(grandma), "user_id"), ""};
  CHECK(gran.id.starts_with("p-"));
  auto cake = post(port, b, path + "/expenses", expense(300, paid(gran, 300), "equal", part(gran) + "," + part(c)));
  REQUIRE(cake.status == 201);
  const auto cake_id = text(json_of(cake), "id");
  CHECK(balances(balances_of(a))[gran.id] == 150);

  // An edit replaces the whole content; the balances follow and the feed shows both.
  auto edited = request(port, "PATCH", path + "/expenses/" + cake_id,
                        expense(200, paid(gran, 200), "exact", part(gran, 50) + "," + part(c, 150)),
                        "application/json", b.token);
  REQUIRE(edited.status == 200);
  CHECK(balances(balances_of(a))[gran.id] == 150);
  CHECK(balances(balances_of(a))[c.id] == -150);
  auto feed = json_of(request(port, "GET", path + "/activity?limit=2", "", "", c.token));
  const auto& items = feed.at("items").as_array();
  REQUIRE(items.size() == 2);
  CHECK(items[0].at("type").as_string() == "ExpenseEdited");
  CHECK(items[0].at("data").at("before").at("amount_minor").as_int64() == 300);
  CHECK(items[0].at("data").at("now").at("amount_minor").as_int64() == 200);
  CHECK(items[0].at("actor").as_string() == b.id);
  CHECK(request(port, "GET", path + "/activity?limit=0", "", "", c.token).status == 400);

  // If-Match names the group's version: a stale one changes nothing.
  const auto version = json_of(request(port, "GET", path, "", "", a.token)).at("version").as_int64();
  auto stale = request(port, "POST", path + "/expenses", expense(10, paid(a, 10), "equal", part(a)),
                       "application/json", a.token, "If-Match: \"1\"\r\n");
  CHECK(stale.status == 412);
  CHECK(text(json_of(stale), "code") == "precondition_failed");
  CHECK(request(port, "POST", path + "/expenses", expense(10, paid(a, 10), "equal", part(a)),
                "application/json", a.token, "If-Match: nonsense\r\n").status == 400);
  CHECK(json_of(request(port, "GET", path, "", "", a.token)).at("version").as_int64() == version);
  auto fresh = request(port, "POST", path + "/expenses", expense(10, paid(a, 10), "equal", part(a)),
                       "application/json", a.token,
                       "If-Match: \"" + std::to_string(version) + "\"\r\n");
  CHECK(fresh.status == 201);
  CHECK(fresh.headers["etag"] == "\"" + std::to_string(version + 1) + "\"");

  // Only the owner removes, and only someone settled; then archives a settled group.
  auto by_member = request(port, "DELETE", path + "/members/" + c.id, "", "", b.token);
  CHECK(by_member.status == 403);
  CHECK(text(json_of(by_member), "code") == "not_owner");
  CHECK(request(port, "DELETE", path + "/members/" + c.id, "", "", a.token).status == 409);
  CHECK(post(port, a, path + "/archive", "").status == 409);
  REQUIRE(post(port, c, path + "/settlements",
               R"({"from_user_id":")" + c.id + R"(","to_user_id":")" + gran.id
                 + R"(","amount_minor":150,"currency":"EUR"})").status == 201);
  CHECK(request(port, "DELETE", path + "/members/" + c.id, "", "", a.token).status == 200);
  auto archived = post(port, a, path + "/archive", "");
  REQUIRE(archived.status == 200);
  CHECK(json_of(archived).at("archived").as_bool());
  auto late = post(port, b, path + "/expenses", expense(10, paid(b, 10), "equal", part(b)));
  CHECK(late.status == 409);
  CHECK(text(json_of(late), "code") == "group_archived");
  CHECK(request(port, "GET", path, "", "", b.token).status == 200); // history stays readable
}

TEST_CASE_FIXTURE(group_fixture, "the caller's groups and what they owe across all of them") {
  REQUIRE(port != 0);
  auto second = post(port, b, "/social/groups", R"({"name":"Flat","currency":"EUR"})");
  const auto flat = "/social/groups/" + text(json_of(second), "id");
  post(port, b, flat + "/members", R"({"user_id":")" + a.id + "\"}");
  REQUIRE(post(port, a, flat + "/join", "").status == 200);
  REQUIRE(post(port, a, path + "/expenses", expense(600, paid(a, 600), "equal", part(a) + "," + part(b))).status == 201);
  REQUIRE(post(port, b, flat + "/expenses", expense(200, paid(b, 200), "equal", part(a) + "," + part(b))).status == 201);

  auto mine = json_of(request(port, "GET", "/social/groups", "", "", a.token));
  CHECK(mine.at("items").as_array().size() == 2);
  const auto pending = person{"", sign_up(port, "invitee@example.org")};
  auto invitee_id = text(json_of(request(port, "GET", "/user/me", "", "", pending.token)), "id");
  post(port, a, path + "/members", R"({"user_id":")" + invitee_id + "\"}");
  auto theirs = json_of(request(port, "GET", "/social/groups", "", "", pending.token));
  REQUIRE(theirs.at("items").as_array().size() == 1);
  CHECK(theirs.at("items").as_array()[0].at("status").as_string() == "invited");

  // b owes a 300 in the trip and a owes b 100 in the flat: b owes a 200 overall.
  auto across = json_of(request(port, "GET", "/social/balances", "", "", a.token));
  CHECK(across.at("complete").as_bool());
  const auto& items = across.at("items").as_array();
  REQUIRE(items.size() == 1);
  CHECK(items[0].at("user_id").as_string() == b.id);
  CHECK(items[0].at("balance_minor").as_int64() == 200);
  CHECK(items[0].at("groups").as_array().size() == 2);
  auto from_b = json_of(request(port, "GET", "/social/balances", "", "", b.token));
  CHECK(from_b.at("items").as_array()[0].at("balance_minor").as_int64() == -200);
  CHECK(json_of(request(port, "GET", "/social/balances", "", "", pending.token)).at("items").as_array().empty());
}

TEST_CASE_FIXTURE(group_fixture, "a settlement may record the payer's own completed ledger transfer") {
  REQUIRE(port != 0);
  const auto transfer = completed_transfer(a, 250);
  const auto settlement = [&](const person& caller, std::int64_t amount, const std::string& link) {
    return post(port, caller, path + "/settlements",
                R"({"from_user_id":")" + a.id + R"(","to_user_id":")" + b.id
                  + R"(","amount_minor":)" + std::to_string(amount)
                  + R"(,"currency":"EUR","transfer_id":")" + link + "\"}");
  };
  const auto version = json_of(request(port, "GET", path, "", "", a.token)).at("version").as_int64();
  CHECK(settlement(a, 251, transfer).status == 404);   // another amount
  CHECK(settlement(b, 250, transfer).status == 404);   // not the payer's own ledger
  CHECK(settlement(a, 250, "0192f3c4-0000-7000-8000-00000000dead").status == 404);
  CHECK(json_of(request(port, "GET", path, "", "", a.token)).at("version").as_int64() == version);
  auto linked = settlement(a, 250, transfer);
  REQUIRE(linked.status == 201);
  CHECK(text(json_of(linked), "transfer_id") == transfer);
  CHECK(balances(balances_of(a))[a.id] == 250);
}

TEST_CASE_FIXTURE(group_fixture, "a ledger transfer backs at most one settlement") {
  REQUIRE(port != 0);
  const auto transfer = completed_transfer(a, 250);
  const auto settle = [&](const std::string& group, const std::string& payee) {
    return post(port, a, "/social/groups/" + group + "/settlements",
                R"({"from_user_id":")" + a.id + R"(","to_user_id":")" + payee
                  + R"(","amount_minor":250,"currency":"EUR","transfer_id":")" + transfer + "\"}");
  };
  // The group refuses this one (the payee is no member): the transfer stays free.
  const auto stranger = join_pfms(port, "d@example.org");
  auto refused = settle(id, stranger.id);
  CHECK(refused.status >= 400);
  CHECK(refused.status < 500);
  REQUIRE(settle(id, b.id).status == 201);
  const auto version = json_of(request(port, "GET", path, "", "", a.token)).at("version").as_int64();
  // The same transfer again, in this group or another: 409, nothing recorded.
  auto twice = settle(id, c.id);
  CHECK(twice.status == 409);
  CHECK(text(json_of(twice), "code") == "transfer_claimed");
  const auto other = make_group();
  auto elsewhere = settle(other, b.id);
  CHECK(elsewhere.status == 409);
  CHECK(text(json_of(elsewhere), "code") == "transfer_claimed");
  CHECK(json_of(request(port, "GET", path, "", "", a.token)).at("version").as_int64() == version);
  auto owed = balances(balances_of(a));
  CHECK(owed[a.id] == 250);
  CHECK(owed[b.id] == -250);
  CHECK(owed[c.id] == 0);
}

TEST_CASE_FIXTURE(group_fixture, "group expenses are listed in pages and each is at its own URL") {
  REQUIRE(port != 0);
  std::vector<std::string> ids;
  for (int i = 1; i <= 3; ++i) {
    auto made = post(port, a, path + "/expenses", expense(100 * i, paid(a, 100 * i), "equal", part(a) + "," + part(b)));
    REQUIRE(made.status == 201);
    ids.push_back(text(json_of(made), "id"));
    CHECK(made.headers["location"] == path + "/expenses/" + ids.back());
  }
  REQUIRE(request(port, "DELETE", path + "/expenses/" + ids[1], "", "", a.token).status == 200);
  auto get = [&](const std::string& url, const person& who) { return request(port, "GET", url, "", "", who.token); };
  auto code_of = [](const client_response& r) { return text(json_of(r), "code"); };
  auto one = get(path + "/expenses/" + ids[0], b);
  REQUIRE(one.status == 200);
  CHECK(number(json_of(one), "amount_minor") == 100);
  CHECK(json_of(get(path + "/expenses/" + ids[1], b)).at("deleted").as_bool());
  auto first = json_of(get(path + "/expenses?limit=1", b));
  REQUIRE(first.at("items").as_array().size() == 1);
  CHECK(text(first.at("items").as_array()[0].as_object(), "id") == ids[0]);
  const auto token = std::string(first.at("next_page_token").as_string());
  auto rest = json_of(get(path + "/expenses?page_token=" + token, b)); // the deleted one left out
  REQUIRE(rest.at("items").as_array().size() == 1);
  CHECK(text(rest.at("items").as_array()[0].as_object(), "id") == ids[2]);
  CHECK(rest.at("next_page_token").is_null());
  CHECK(json_of(get(path + "/expenses?include_deleted=true", b)).at("items").as_array().size() == 3);
  const auto stranger = join_pfms(port, "e@example.org");
  CHECK(code_of(get(path + "/expenses", stranger)) == "group_not_found");
  CHECK(code_of(get(path + "/expenses/" + ids[0], stranger)) == "group_not_found");
  CHECK(code_of(get(path + "/expenses/0192f3c4-0000-7000-8000-00000000dead", b)) == "expense_not_found");
  CHECK(code_of(get(path + "/expenses?limit=0", b)) == "invalid_query");
}
