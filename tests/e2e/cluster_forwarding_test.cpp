// Loans across a 3-node cluster: any node's HTTP front reaches a loan on the
// node that owns it (placement by loan id) over BASP. With the owner killed
// (SIGKILL) its loans answer 503 node_unavailable with Retry-After at once,
// the others keep serving; restarted, it serves every acknowledged write.

#include "tests/e2e/loan_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <map>
#include <memory>
#include <thread>

using namespace pfms::test;

namespace {

using steady = std::chrono::steady_clock;
constexpr int loans_count = 24;

struct cluster {
  temp_dir dir;
  std::vector<std::uint16_t> ports{free_loopback_port(), free_loopback_port(), free_loopback_port()};
  std::string nodes = "n1=127.0.0.1:" + std::to_string(ports[0]) + ",n2=127.0.0.1:"
                      + std::to_string(ports[1]) + ",n3=127.0.0.1:" + std::to_string(ports[2]);
  std::vector<std::unique_ptr<node_process>> running{3};

  std::string data(int i) { return dir.sub("n" + std::to_string(i + 1)); }
  // Every node signs tokens with the first node's key: a token works on any front.
  void start(int i) {
    std::vector<std::string> env{"PFMS_NODE_ID=n" + std::to_string(i + 1),
                                 "PFMS_CLUSTER_NODES=" + nodes};
    if (i != 0)
      env.push_back("PFMS_JWT_KEY_FILE=" + data(0) + "/jwt.key");
    running[i] = std::make_unique<node_process>(data(i), env);
  }
  std::uint16_t port(int i) { return running[i]->port(); }
  // Whether node i holds stream `stream` in its own log.
  bool holds(int i, const std::string& stream) {
    return !stream_types(running[i]->admin_port(), read_admin_token(data(i)), stream).empty();
  }
  bool all_up() {
    for (int i = 0; i < 3; ++i) {
      auto view = json_of(request(running[i]->admin_port(), "GET", "/admin/cluster", "", "",
                                  read_admin_token(data(i))));
      for (const auto& n : view.at("nodes").as_array())
        if (n.at("state").as_string() != "up")
          return false;
    }
    return true;
  }
  void start_all() {
    for (int i = 0; i < 3; ++i) {
      start(i);
      REQUIRE(port(i) != 0);
    }
    await_all_up();
  }
  // The node whose log holds `stream`; -1 unless exactly one does.
  int holder_of(const std::string& stream) {
    int holder = -1;
    for (int i = 0; i < 3; ++i)
      if (holds(i, stream)) {
        if (holder >= 0)
          return -1;
        holder = i;
      }
    return holder;
  }
  void await_all_up() {
    const auto start = steady::now();
    while (!all_up() && steady::now() - start < std::chrono::seconds(10))
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(all_up());
  }
};

std::string named_offer(const person& lender) {
  return R"({"lender":{"user_id":")" + lender.id + R"("},"borrower":{"name":"A friend"},)"
         R"("currency":"EUR","principal_minor":100000,"annual_rate_bps":500,"term_months":12,)"
         R"("first_due_on":")" + day(31) + "\"}";
}

} // namespace

TEST_CASE("loans spread over three nodes, reached from any front; a killed owner answers 503 fast, then recovers") {
  cluster c;
  c.start_all();
  const auto lender = join_pfms(c.port(0), "lender@example.org");
  REQUIRE_FALSE(lender.token.empty());

  // Offers through node 1, disbursed through node 2, a repayment through node 3.
  std::vector<std::string> loans;
  std::map<std::string, int> owner;
  for (int k = 0; k < loans_count; ++k) {
    auto made = post(c.port(0), lender, "/loans", named_offer(lender));
    REQUIRE(made.status == 201);
    const auto id = text(json_of(made), "loan_id");
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

  c.start(2);
  REQUIRE(c.port(2) != 0);
  c.await_all_up();
  for (const auto& id : loans) {
    auto loan = json_of(get(c.port(0), lender, "/loans/" + id));
    CHECK(number(loan, "version") == 3); // every acknowledged write is there
    CHECK(number(loan.at("paid"), "principal_minor") + number(loan.at("paid"), "interest_minor") == 1000);
  }
  for (auto& n : c.running)
    n->stop(SIGTERM);
  for (int i = 0; i < 3; ++i) {
    std::string out;
    CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", c.data(i)}, out) == 0);
  }
}

TEST_CASE("groups spread over three nodes too; a killed owner's groups answer 503 fast, the rest serve") {
  cluster c;
  c.start_all();
  const auto owner = join_pfms(c.port(0), "owner@example.org");
  const auto expense = R"({"amount_minor":1000,"currency":"EUR","description":"Dinner","paid_by":[{"user_id":")"
                       + owner.id + R"(","amount_minor":1000}],"split":{"method":"equal","parts":[{"user_id":")"
                       + owner.id + "\"}]}}";
  std::map<std::string, int> holder;
  for (int k = 0; k < 12; ++k) {
    auto made = post(c.port(0), owner, "/social/groups", R"({"name":"Trip","currency":"EUR"})");
    REQUIRE(made.status == 201);
    const auto id = text(json_of(made), "id");
    REQUIRE(post(c.port(1), owner, "/social/groups/" + id + "/expenses", expense).status == 201);
    CHECK(get(c.port(2), owner, "/social/groups/" + id + "/balances").status == 200);
    holder[id] = c.holder_of("group-" + id);
    CHECK(holder[id] >= 0);
  }
  std::map<int, int> per_node;
  for (const auto& [id, node] : holder)
    ++per_node[node];
  CHECK(per_node.size() == 3);

  CHECK(c.running[1]->stop(SIGKILL) == 128 + SIGKILL);
  for (const auto& [id, node] : holder) {
    auto r = get(c.port(0), owner, "/social/groups/" + id);
    CHECK(r.status == (node == 1 ? 503 : 200));
  }
  c.start(1);
  REQUIRE(c.port(1) != 0);
  c.await_all_up();
  for (const auto& [id, node] : holder)
    CHECK(get(c.port(2), owner, "/social/groups/" + id).status == 200);
  for (auto& n : c.running)
    n->stop(SIGTERM);
}
