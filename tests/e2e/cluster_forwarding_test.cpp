// Loans across a 3-node cluster: any node's HTTP front reaches a loan on the
// node that owns it (placement by loan id) over BASP, by way of the caller's
// node. With the owner killed
// (SIGKILL) its loans answer 503 node_unavailable with Retry-After at once,
// the others keep serving; restarted, it serves every acknowledged write.

#include "tests/e2e/cluster_support.hpp"

#include <algorithm>
#include <csignal>
#include <map>

using namespace pfms::test;

namespace {

constexpr int loans_count = 24;

std::string named_offer(const person& lender) {
  return R"({"lender":{"user_id":")" + lender.id + R"("},"borrower":{"name":"A friend"},)"
         R"("currency":"EUR","principal_minor":100000,"annual_rate_bps":500,"term_months":12,)"
         R"("first_due_on":")" + day(31) + "\"}";
}

} // namespace

TEST_CASE("loans spread over three nodes, reached from any front; a killed owner answers 503 fast, then recovers") {
  cluster c;
  c.start_all();
  // The lender's own node stays up: a signed request is served there.
  const auto lender = c.join_on(0, "lender");

  // Offers through node 1, disbursed through node 2, a repayment through node 3.
  std::vector<std::string> loans;
  std::map<std::string, int> owner;
  for (int k = 0; k < loans_count; ++k) {
    auto made = post(c.port(0), lender, "/loans", named_offer(lender));
    REQUIRE(made.status == 201);
    const auto id = text(json_of(made), "id");
    loans.push_back(id);
    REQUIRE(post(c.port(1), lender, "/loans/" + id + "/disburse", "").status == 200);
    REQUIRE(post(c.port(2), lender, "/loans/" + id + "/repayments", R"({"amount_minor":1000})").status == 201);
    owner[id] = c.holder_of("loan-" + id);
    CHECK(owner[id] >= 0); // exactly one node writes each loan
  }
  std::map<int, int> per_node;
  for (const auto& [id, node] : owner)
    ++per_node[node];
  CHECK(per_node.size() == 3); // all three nodes own some
  for (const auto& id : loans)
    for (int i = 0; i < 3; ++i)
      CHECK(number(json_of(get(c.port(i), lender, "/loans/" + id)), "version") == 3);
  // The list spans the nodes: gathered from each one's index, paged in id order.
  std::vector<std::string> listed;
  for (std::string token = "first"; !token.empty();) {
    auto page = json_of(get(c.port(2), lender,
                            "/loans?limit=10" + (token == "first" ? "" : "&page_token=" + token)));
    CHECK(page.at("missing_nodes").as_array().empty());
    for (const auto& item : page.at("items").as_array())
      listed.push_back(text(item.at("loan"), "id"));
    token = page.at("next_page_token").is_null() ? "" : text(page, "next_page_token");
  }
  auto sorted = loans;
  std::sort(sorted.begin(), sorted.end());
  CHECK(listed == sorted);

  // Node 3 dies: its loans answer 503 at once from the other fronts; the rest serve.
  CHECK(c.running[2]->stop(SIGKILL) == 128 + SIGKILL);
  double slowest = 0;
  for (const auto& id : loans) {
    const auto start = steady::now();
    auto r = get(c.port(0), lender, "/loans/" + id);
    slowest = std::max(slowest, std::chrono::duration<double>(steady::now() - start).count());
    if (owner[id] == 2) {
      CHECK(r.status == 503);
      CHECK(r.headers["retry-after"] == "1");
      CHECK((code_of(r) == "node_unavailable" || code_of(r) == "unavailable"));
    } else {
      CHECK(r.status == 200);
    }
  }
  MESSAGE("slowest answer with node 3 down: " << slowest << " s");
  CHECK(slowest < 1.0);
  // The list says which part is missing: node 3's loans are left out.
  auto partial = json_of(get(c.port(1), lender, "/loans?limit=100"));
  CHECK(partial.at("missing_nodes").as_array().size() == 1);
  CHECK(partial.at("missing_nodes").as_array()[0].as_string() == "n3");
  CHECK(partial.at("items").as_array().size() == loans.size() - per_node[2]);

  c.start(2);
  REQUIRE(c.port(2) != 0);
  c.await_all_up();
  for (const auto& id : loans) {
    auto loan = json_of(get(c.port(0), lender, "/loans/" + id));
    CHECK(number(loan, "version") == 3); // every acknowledged write is there
    CHECK(number(loan.at("paid"), "principal_minor") + number(loan.at("paid"), "interest_minor") == 1000);
  }
  c.stop_all_and_verify();
}

TEST_CASE("groups spread over three nodes too; a killed owner's groups answer 503 fast, the rest serve") {
  cluster c;
  c.start_all();
  const auto owner = c.join_on(0, "owner");
  const auto expense = R"({"amount_minor":1000,"currency":"EUR","description":"Dinner","paid_by":[{"user_id":")"
                       + owner.id + R"(","amount_minor":1000}],"split":{"method":"equal","parts":[{"user_id":")"
                       + owner.id + "\"}]}}";
  std::map<std::string, int> holder;
  for (int k = 0; k < 24; ++k) {
    auto made = post(c.port(0), owner, "/social/groups", R"({"name":"Trip","currency":"EUR"})");
    REQUIRE(made.status == 201);
    const auto id = text(json_of(made), "id");
    REQUIRE(post(c.port(1), owner, "/social/groups/" + id + "/expenses", expense).status == 201);
    CHECK(get(c.port(2), owner, "/social/groups/" + id + "/balances").status == 200);
    // The feed reads the group's own log, wherever it is asked.
    auto feed = json_of(get(c.port(k % 3), owner, "/social/groups/" + id + "/activity"));
    CHECK(feed.at("items").as_array().size() == 2);
    holder[id] = c.holder_of("group-" + id);
    CHECK(holder[id] >= 0);
  }
  std::map<int, int> per_node;
  for (const auto& [id, node] : holder)
    ++per_node[node];
  CHECK(per_node.size() == 3);
  // The caller's groups and balances are gathered from every node.
  auto all = json_of(get(c.port(2), owner, "/social/groups"));
  CHECK(all.at("items").as_array().size() == holder.size());
  CHECK(all.at("complete").as_bool());
  CHECK(json_of(get(c.port(1), owner, "/social/balances")).at("complete").as_bool());

  CHECK(c.running[1]->stop(SIGKILL) == 128 + SIGKILL);
  for (const auto& [id, node] : holder) {
    auto r = get(c.port(0), owner, "/social/groups/" + id);
    CHECK(r.status == (node == 1 ? 503 : 200));
  }
  // With node 2 down the lists say so, and hold the rest.
  auto partial = json_of(get(c.port(2), owner, "/social/groups"));
  CHECK_FALSE(partial.at("complete").as_bool());
  CHECK(partial.at("missing_nodes").as_array().size() == 1);
  CHECK(partial.at("missing_nodes").as_array()[0].as_string() == "n2");
  CHECK(partial.at("items").as_array().size() == holder.size() - per_node[1]);
  auto balances = json_of(get(c.port(0), owner, "/social/balances"));
  CHECK_FALSE(balances.at("complete").as_bool());
  CHECK(balances.at("missing_nodes").as_array().size() == 1);
  c.start(1);
  REQUIRE(c.port(1) != 0);
  c.await_all_up();
  for (const auto& [id, node] : holder)
    CHECK(get(c.port(2), owner, "/social/groups/" + id).status == 200);
  for (auto& n : c.running)
    n->stop(SIGTERM);
}
