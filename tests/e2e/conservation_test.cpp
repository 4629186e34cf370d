// Money is conserved under concurrency: 64 clients send random transfers
// among 100 accounts of one owner over HTTP. Meanwhile and afterwards
// pfmsctl verify finds the ledger clean; at the end the balances sum to what
// they started with, none is past its credit limit, and each equals what
// pfmsctl replay folds from its events.

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <random>
#include <thread>

using namespace pfms::test;

namespace {

constexpr int accounts_count = 100;
constexpr int clients = 64;
constexpr int transfers_per_client = 25;
constexpr std::int64_t opening = 10'000;

struct outcome {
  std::atomic<int> completed{0};
  std::atomic<int> pending{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
};

void run_client(std::uint16_t port, const std::string& token,
                const std::vector<std::string>& ids, unsigned seed, outcome& out) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> pick(0, accounts_count - 1);
  std::uniform_int_distribution<int> amount(1, 3'000);
  for (int i = 0; i < transfers_per_client; ++i) {
    const auto from = pick(random);
    auto to = pick(random);
    if (to == from)
      to = (to + 1) % accounts_count;
    auto r = request(port, "POST", "/finance/transfers",
                     R"({"from_account_id":")" + ids[from] + R"(","to_account_id":")" + ids[to]
                       + R"(","amount_minor":)" + std::to_string(amount(random))
                       + R"(,"currency":"EUR"})",
                     "application/json", token);
    const auto status = text(json_of(r), "status");
    if (r.status == 201 && status == "completed")
      ++out.completed;
    else if (r.status == 201 && status == "pending")
      ++out.pending;
    else if (r.status == 422 && text(json_of(r), "code") == "insufficient_funds")
      ++out.refused;
    else
      ++out.other;
  }
}

int verify(const std::string& data, std::string& out) {
  return run_tool("PFMSCTL", {"verify", "--data-dir", data}, out);
}

// The ledger check's count of transfers still in transit.
long in_transit(const std::string& out) {
  const auto at = out.find("transfers (");
  return at == std::string::npos ? -1 : std::atol(out.c_str() + at + 11);
}

} // namespace

TEST_CASE("64 clients moving money at random among 100 accounts conserve it exactly") {
  temp_dir dir;
  const auto data = dir.sub("data");
  node_process node(data, {"PFMS_RATE_LIMIT_USER_RPS=0"});
  REQUIRE(node.port() != 0);
  const auto token = sign_up(node.port(), "many@example.org");
  std::vector<std::string> ids;
  std::map<std::string, std::int64_t> limit;
  for (int i = 0; i < accounts_count; ++i) {
    const std::int64_t credit_limit = i % 2 == 0 ? 0 : 500;
    auto r = request(node.port(), "POST", "/finance/accounts",
                     R"({"name":"A","kind":"checking","currency":"EUR","opening_balance_minor":)"
                       + std::to_string(opening) + R"(,"credit_limit_minor":)"
                       + std::to_string(credit_limit) + "}",
                     "application/json", token);
    REQUIRE(r.status == 201);
    ids.push_back(text(json_of(r), "id"));
    limit[ids.back()] = credit_limit;
  }

  outcome out;
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c)
    threads.emplace_back(run_client, node.port(), token, std::cref(ids), 1'000u + c,
                         std::ref(out));
  // An audit in the middle of the load sees a conserved ledger too.
  std::string during;
  CHECK(verify(data, during) == 0);
  for (auto& t : threads)
    t.join();
  const auto load_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - started).count();
  MESSAGE("transfers: " << out.completed.load() << " completed, " << out.pending.load()
                        << " pending, " << out.refused.load() << " refused in " << load_ms << " ms");
  CAPTURE(out.completed.load());
  CAPTURE(out.pending.load());
  CAPTURE(out.refused.load());
  CHECK(out.other == 0);
  CHECK(out.completed + out.pending + out.refused == clients * transfers_per_client);
  CHECK(out.completed > clients * transfers_per_client / 2);

  // Sagas answered "pending" finish on their own; wait for none in transit.
  std::string after;
  for (int i = 0; i < 100; ++i) {
    REQUIRE(verify(data, after) == 0);
    if (in_transit(after) == 0)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CAPTURE(after);
  CHECK(in_transit(after) == 0);

  auto list = request(node.port(), "GET", "/finance/accounts?limit=200", "", "", token);
  REQUIRE(list.status == 200);
  const auto items = json_of(list).at("items").as_array();
  REQUIRE(items.size() == accounts_count);
  std::int64_t sum = 0;
  for (const auto& item : items) {
    const auto id = std::string(item.at("id").as_string());
    const auto balance = item.at("balance_minor").as_int64();
    sum += balance;
    CHECK(balance >= -limit.at(id));
    std::string replayed;
    REQUIRE(run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream", "account-" + id},
                     replayed) == 0);
    CHECK(boost::json::parse(replayed).at("state").at("balance_minor").as_int64() == balance);
  }
  CHECK(sum == accounts_count * opening);
}
