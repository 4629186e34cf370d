// The merges of the nodes' parts of GET /social/groups and GET
// /social/balances (http/social/social_routes.cpp).

#include "actors/social/core/group_error.hpp"
#include "http/social/balances_across.hpp"
#include "http/social/group_routes.hpp"

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

using namespace pfms;

namespace {

node_part part(std::string node, std::string body) {
  return {std::move(node), http_response{200, "application/json", std::move(body), {}}};
}

std::string owed(const char* user, std::int64_t amount, const char* group) {
  return std::string(R"({"user_id":")") + user + R"(","currency":"EUR","balance_minor":)"
         + std::to_string(amount) + R"(,"groups":[")" + group + "\"]}";
}

std::string across_part(const std::string& items, const std::string& missing_groups = "") {
  return R"({"items":[)" + items + R"(],"missing_groups":[)" + missing_groups
         + R"(],"missing_nodes":[],"complete":true})";
}

} // namespace

TEST_CASE("the nodes' group lists make one list in id order; a missing node makes it incomplete") {
  const std::vector<node_part> parts{
    part("n1", R"({"items":[{"id":"c","name":"C","status":"active"}],"missing_nodes":[],"complete":true})"),
    part("n2", R"({"items":[{"id":"a","name":"A","status":"invited"},{"id":"b","name":"B","status":"active"}],"missing_nodes":[],"complete":true})"),
  };
  auto whole = boost::json::parse(group_routes::merge_lists({}, parts).body);
  const auto& items = whole.at("items").as_array();
  REQUIRE(items.size() == 3);
  CHECK(items[0].at("id").as_string() == "a");
  CHECK(items[2].at("id").as_string() == "c");
  CHECK(whole.at("complete").as_bool());
  auto with_lost = parts;
  with_lost.push_back({"n3", std::nullopt});
  auto partial = boost::json::parse(group_routes::merge_lists({}, with_lost).body);
  CHECK_FALSE(partial.at("complete").as_bool());
  CHECK(partial.at("missing_nodes").as_array()[0].as_string() == "n3");
}

TEST_CASE("balances across groups on several nodes add up per person and currency; zero sums leave") {
  const std::vector<node_part> parts{
    part("n1", across_part(owed("bob", 500, "g1") + "," + owed("carol", -300, "g1"), R"("g9")")),
    part("n2", across_part(owed("bob", -200, "g2") + "," + owed("carol", 300, "g3"))),
    part("n3", across_part(owed("dave", 0, "g4"))), // a part keeps its zero sums
  };
  auto whole = boost::json::parse(group_routes::merge_across({}, parts).body);
  const auto& items = whole.at("items").as_array();
  REQUIRE(items.size() == 1); // carol nets to zero, dave is zero
  CHECK(items[0].at("user_id").as_string() == "bob");
  CHECK(items[0].at("balance_minor").as_int64() == 300);
  CHECK(items[0].at("groups").as_array().size() == 2);
  CHECK(whole.at("missing_groups").as_array()[0].as_string() == "g9");
  CHECK_FALSE(whole.at("complete").as_bool()); // a group did not answer
}

TEST_CASE("balances across nodes that leave int64 answer 422 amount_overflow") {
  const auto big = std::numeric_limits<std::int64_t>::max();
  const std::vector<node_part> parts{part("n1", across_part(owed("bob", big, "g1"))),
                                     part("n2", across_part(owed("bob", 1, "g2")))};
  http_request request;
  request.request_id = "rid";
  auto answer = group_routes::merge_across(request, parts);
  CHECK(answer.status == 422);
  CHECK(boost::json::parse(answer.body).at("code").as_string() == "amount_overflow");
}

TEST_CASE("balances across one node's groups that leave int64 are refused, not wrapped") {
  constexpr auto most = std::numeric_limits<std::int64_t>::max();
  auto owes_caller = [](const char* who, std::int64_t amount) {
    group_balances b;
    b.pairwise.push_back({{who, "me", amount}, "EUR"});
    return b;
  };
  std::map<counterparty, owed_total> totals;
  REQUIRE(add_group_debts("me", "g1", owes_caller("x", most / 2 + 1), totals));
  CHECK(totals[{"x", "EUR"}].amount_minor == most / 2 + 1);
  const auto past = add_group_debts("me", "g2", owes_caller("x", most / 2 + 1), totals);
  REQUIRE_FALSE(past);
  CHECK(is(past.error(), group_errc::amount_overflow));
  // The other way too: what the caller owes, past INT64_MIN.
  std::map<counterparty, owed_total> owing;
  group_balances b;
  b.pairwise.push_back({{"me", "y", most}, "EUR"});
  REQUIRE(add_group_debts("me", "g1", b, owing));
  CHECK(add_group_debts("me", "g2", b, owing).error().code
        == static_cast<std::uint8_t>(group_errc::amount_overflow));
}
