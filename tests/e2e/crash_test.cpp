// Nothing acknowledged is lost: writers post transactions over HTTP, the node
// is killed with SIGKILL right after a 201, restarted, and every acknowledged
// transaction must be in the log, the balance and a clean verify.

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <mutex>
#include <random>
#include <set>
#include <thread>

using namespace pfms::test;

namespace {

constexpr int rounds = 3;
constexpr int writers = 4;
constexpr int posts_per_writer_max = 200;

struct acknowledged {
  std::mutex mutex;
  std::set<std::string> ids;
  std::int64_t sum = 0;
};

// Posts incomes of 1..n minor units until the node dies; kills it itself
// right after its `kill_after`-th 201 when it is the chosen killer.
void write_until_dead(std::uint16_t port, int pid, const std::string& account,
                      const std::string& token, int kill_after, acknowledged& acks) {
  for (int i = 1; i <= posts_per_writer_max; ++i) {
    auto r = post_transaction(port, transaction_body(account, "income", i), token);
    if (r.status != 201)
      return;
    {
      std::lock_guard lock(acks.mutex);
      acks.ids.insert(text(json_of(r), "id"));
      acks.sum += i;
    }
    if (i == kill_after)
      ::kill(pid, SIGKILL);
  }
}

// The transaction ids and the balance pfmsctl replay finds in the log.
std::pair<std::set<std::string>, std::int64_t> replayed(const std::string& data,
                                                        const std::string& account) {
  std::string out;
  REQUIRE(run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream", "account-" + account},
                   out) == 0);
  auto doc = boost::json::parse(out);
  std::set<std::string> ids;
  for (const auto& e : doc.at("events").as_array())
    if (e.at("type").as_string() == "TransactionRecorded")
      ids.insert(std::string(e.at("data").at("transaction_id").as_string()));
  return {ids, doc.at("state").at("balance_minor").as_int64()};
}

} // namespace

TEST_CASE("every transaction acknowledged before a SIGKILL survives the restart") {
  temp_dir dir;
  const auto data = dir.sub("data");
  std::mt19937 random(std::random_device{}());
  std::string account, token;
  acknowledged acks;
  for (int round = 0; round < rounds; ++round) {
    CAPTURE(round);
    // The per-user rate limit would stop the writers early: off for this test.
    node_process node(data, {"PFMS_RATE_LIMIT_USER_RPS=0"});
    REQUIRE(node.port() != 0);
    if (account.empty()) {
      token = sign_up(node.port(), "crash@example.org");
      account = open_account_http(node.port(), token);
    }
    REQUIRE_FALSE(account.empty());
    const int kill_after = std::uniform_int_distribution<int>(10, 60)(random);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
      threads.emplace_back(write_until_dead, node.port(), node.pid(), account, token,
                           w == 0 ? kill_after : -1, std::ref(acks));
    for (auto& t : threads)
      t.join();
    CHECK(node.stop(SIGKILL) == 128 + SIGKILL);
  }
  const auto [logged, balance] = replayed(data, account);
  for (const auto& id : acks.ids)
    CHECK(logged.contains(id));
  // Writes in flight at the kill may have committed without an answer: the
  // log may hold more than was acknowledged, never less.
  CHECK(logged.size() >= acks.ids.size());
  CHECK(balance >= acks.sum);
  std::string out;
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data}, out) == 0);
  // The restarted node's projection agrees with the log.
  node_process node(data);
  REQUIRE(node.port() != 0);
  CHECK(number(json_of(get_account_http(node.port(), account, token)), "balance_minor")
        == balance);
}
