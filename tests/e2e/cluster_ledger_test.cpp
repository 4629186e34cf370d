// People's ledgers across a 3-node cluster: a user and the user's accounts
// live on the node that owns the user id; a signed request to any front is
// served there (relayed over BASP). An email is held by the node that owns
// it, so it is unique cluster-wide. A loan between people on two nodes moves
// its money across them with the transfer saga. With one node killed mid-load
// its users answer 503 fast while the others keep writing; restarted, every
// acknowledged write is there, money is conserved and every log verifies.

#include "tests/e2e/cluster_support.hpp"

#include <atomic>
#include <csignal>
#include <map>
#include <set>

using namespace pfms::test;

namespace {

constexpr int users_count = 24;
constexpr std::int64_t principal = 1'000'000; // the loan_support offer's

std::int64_t balance_of(std::uint16_t port, const person& who, const std::string& account) {
  auto r = get_account_http(port, account, who.token);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return number(json_of(r), "balance_minor");
}

int login(std::uint16_t port, const std::string& email) {
  return request(port, "POST", "/auth/login",
                 R"({"email":")" + email + R"(","password":"correct horse"})").status;
}

// One writer's tally: incomes of 100 acknowledged, answered otherwise (how
// many 503 node_unavailable, how many 202 pending: sent, outcome unknown),
// and the slowest of those other answers.
struct tally {
  int acknowledged = 0;
  int refused = 0;
  int unavailable = 0;
  int pending = 0;
  double slowest_refusal = 0;
};

// Records incomes of 100 on `account` through `port` until `stop`, below
// the per-user rate (100/s).
tally write_until(std::uint16_t port, const person& who, const std::string& account,
                  const std::atomic<bool>& stop) {
  tally t;
  while (!stop.load()) {
    const auto start = steady::now();
    auto r = post_transaction(port, transaction_body(account, "income", 100), who.token);
    const double took = std::chrono::duration<double>(steady::now() - start).count();
    if (r.status == 201) {
      ++t.acknowledged;
    } else {
      ++t.refused;
      t.unavailable += r.status == 503 && code_of(r) == "node_unavailable" ? 1 : 0;
      t.pending += r.status == 202 && code_of(r) == "outcome_pending" ? 1 : 0;
      t.slowest_refusal = std::max(t.slowest_refusal, took);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(15));
  }
  return t;
}

// A cluster with a lender on node 1 (an account of 3 principals) and a
// borrower on node 2 (an empty account).
struct two_parties {
  person lender;
  person borrower;
  std::string rich;
  std::string receiving;
};
struct lending : cluster {
  two_parties parties = start_with_parties();

  two_parties start_with_parties() {
    start_all();
    two_parties p{join_on(0, "lender"), join_on(1, "borrower"), {}, {}};
    p.rich = open_account_http(port(2), p.lender.token, 3 * principal);
    p.receiving = open_account_http(port(2), p.borrower.token, 0);
    REQUIRE_FALSE(p.rich.empty());
    REQUIRE_FALSE(p.receiving.empty());
    return p;
  }
};

} // namespace

TEST_CASE("users and their ledgers spread over three nodes and are served from any front; an email is unique cluster-wide") {
  cluster c;
  c.start_all();
  std::vector<person> people;
  std::vector<std::string> accounts;
  std::map<int, int> per_node;
  for (int k = 0; k < users_count; ++k) {
    const auto email = "user" + std::to_string(k) + "@example.org";
    people.push_back(join_pfms(c.port(k % 3), email));
    const auto& who = people.back();
    REQUIRE_FALSE(who.token.empty());
    const int home = c.holder_of("user-" + who.id);
    REQUIRE(home >= 0); // exactly one node writes each user
    ++per_node[home];
    // Logging in works on every front: the email's node names the user.
    for (int f = 0; f < 3; ++f)
      CHECK(login(c.port(f), email) == 200);
    // The same email through another front: taken, cluster-wide.
    auto again = request(c.port((k + 1) % 3), "POST", "/auth/register",
                         R"({"email":")" + email
                           + R"(","password":"correct horse","display_name":"Twin"})");
    CHECK(again.status == 409);
    CHECK(code_of(again) == "email_taken");

    // The account is opened through one front, written through another,
    // read through a third; it lives on its user's node.
    accounts.push_back(open_account_http(c.port((k + 1) % 3), who.token, 10'000));
    const auto& account = accounts.back();
    REQUIRE_FALSE(account.empty());
    CHECK(c.holder_of("account-" + account) == home);
    CHECK(post_transaction(c.port((k + 2) % 3), transaction_body(account, "income", 2'500), who.token)
            .status == 201);
    CHECK(balance_of(c.port(k % 3), who, account) == 12'500);
    auto listed = json_of(get(c.port((k + 2) % 3), who, "/finance/accounts"));
    CHECK(listed.at("items").as_array().size() == 1);
  }
  CHECK(per_node.size() == 3); // all three nodes hold users

  c.stop_all_and_verify();
}

TEST_CASE("a loan between people on two nodes moves money across them; a node killed mid-load answers 503 fast and loses nothing") {
  lending c;
  const auto& [lender, borrower, rich, receiving] = c.parties;

  // Offered through node 3, accepted through node 1, disbursed through node 2.
  auto made = post(c.port(2), lender, "/loans", with_lender(offer(borrower, day(0), day(31)), lender));
  REQUIRE(made.status == 201);
  const auto path = "/loans/" + text(json_of(made), "id");
  REQUIRE(post(c.port(0), borrower, path + "/accept",
               R"({"receiving_account_id":")" + receiving + "\"}").status == 200);
  auto disbursed = post(c.port(1), lender, path + "/disburse", R"({"from_account_id":")" + rich + "\"}");
  REQUIRE(disbursed.status == 200);
  CHECK(balance_of(c.port(1), lender, rich) == 2 * principal);
  CHECK(balance_of(c.port(0), borrower, receiving) == principal);
  // The hold and the settlement on the lender's node, the credit on the borrower's.
  const auto held = stream_types(c.running[0]->admin_port(), read_admin_token(c.data(0)), "account-" + rich);
  CHECK(std::count(held.begin(), held.end(), "TransferHeld") == 1);
  CHECK(std::count(held.begin(), held.end(), "TransferSettled") == 1);
  const auto credited =
    stream_types(c.running[1]->admin_port(), read_admin_token(c.data(1)), "account-" + receiving);
  CHECK(std::count(credited.begin(), credited.end(), "TransferCredited") == 1);
  // Net worth, from any front, counts the loan wherever it lives: owed to the
  // lender, owed by the borrower, beside the accounts on their own nodes.
  for (int front = 0; front < 3; ++front) {
    CAPTURE(front);
    for (const auto& [who, sign] : {std::pair{lender, 1}, std::pair{borrower, -1}}) {
      std::int64_t accounts = 0;
      const auto listed = json_of(get(c.port(front), who, "/finance/accounts"));
      for (const auto& item : listed.at("items").as_array())
        accounts += item.at("balance_minor").as_int64();
      const auto worth = json_of(get(c.port(front), who, "/finance/reports/net-worth"));
      CHECK(number(worth, "total_minor") == accounts + sign * principal);
      CHECK(worth.at("complete").as_bool());
      CHECK(worth.at("missing_nodes").as_array().empty());
      CHECK(worth.at("loans").as_array().size() == 1);
    }
  }

  // One writer per node's user, all through node 1's front; node 3 dies
  // mid-load and comes back.
  std::vector<person> writers;
  std::vector<std::string> ledgers;
  for (int node = 0; node < 3; ++node) {
    writers.push_back(c.join_on(node, "writer" + std::to_string(node) + "-"));
    ledgers.push_back(open_account_http(c.port(0), writers.back().token, 0));
    REQUIRE_FALSE(ledgers.back().empty());
  }
  std::atomic<bool> stop{false};
  std::vector<tally> tallies(3);
  std::vector<std::thread> threads;
  for (int node = 0; node < 3; ++node)
    threads.emplace_back([&, node] {
      tallies[node] = write_until(c.port(0), writers[node], ledgers[node], stop);
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  CHECK(c.running[2]->stop(SIGKILL) == 128 + SIGKILL);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  c.start(2);
  REQUIRE(c.port(2) != 0);
  c.await_all_up();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop = true;
  for (auto& t : threads)
    t.join();

  for (int node = 0; node < 3; ++node)
    MESSAGE("writer on node " << node + 1 << ": " << tallies[node].acknowledged << " acknowledged, "
                              << tallies[node].refused << " refused ("
                              << tallies[node].unavailable << " node_unavailable, "
                              << tallies[node].pending << " pending), slowest refusal "
                              << tallies[node].slowest_refusal << " s");
  // The others kept serving; the dead node's user was refused, fast.
  CHECK(tallies[0].refused == 0);
  CHECK(tallies[1].refused == 0);
  CHECK(tallies[2].unavailable > 0);
  CHECK(tallies[2].slowest_refusal < 1.0); // even the one in flight at the kill
  // Every acknowledged write is there; one in flight at the kill (answered
  // 202 pending) may be too; none answered a failure is.
  for (int node = 0; node < 3; ++node) {
    const auto balance = balance_of(c.port(1), writers[node], ledgers[node]);
    CHECK(balance >= 100 * tallies[node].acknowledged);
    CHECK(balance <= 100 * (tallies[node].acknowledged + tallies[node].pending));
    if (node < 2)
      CHECK(balance == 100 * tallies[node].acknowledged);
  }
  // The loan's money moved once and only once: conserved across the two nodes.
  CHECK(balance_of(c.port(2), lender, rich) + balance_of(c.port(2), borrower, receiving)
        == 3 * principal);
  for (auto& n : c.running)
    n->stop(SIGTERM);
  // Each node's log alone is clean, the disbursement's legs counted as
  // crossing; with the other nodes' stores the legs match too.
  for (int i = 0; i < 3; ++i) {
    std::string alone, whole;
    CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", c.data(i)}, alone) == 0);
    CHECK((alone.find("1 transfer legs cross") != std::string::npos) == (i < 2));
    const auto peers = c.data((i + 1) % 3) + "," + c.data((i + 2) % 3);
    CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", c.data(i), "--peers", peers}, whole) == 0);
    CHECK(whole.find("cross") == std::string::npos);
    CHECK(whole.find("ledger clean") != std::string::npos);
  }
}

TEST_CASE("a group whose members live on three nodes shares expenses across them") {
  cluster c;
  c.start_all();
  std::vector<person> members;
  for (int node = 0; node < 3; ++node)
    members.push_back(c.join_on(node, "member" + std::to_string(node) + "-", node));
  // Created by the member on node 1 through node 3's front; the others are
  // invited (each a user on another node) and join through their own fronts.
  auto made = post(c.port(2), members[0], "/social/groups", R"({"name":"Trip","currency":"EUR"})");
  REQUIRE(made.status == 201);
  const auto path = "/social/groups/" + text(json_of(made), "id");
  for (int k = 1; k < 3; ++k) {
    REQUIRE(post(c.port(1), members[0], path + "/members", R"({"user_id":")" + members[k].id + "\"}")
              .status == 201);
    REQUIRE(post(c.port(k), members[k], path + "/join", "").status == 200);
  }
  // Someone who is no user at all cannot be invited, whichever node would hold them.
  auto stranger = post(c.port(0), members[0], path + "/members",
                       R"({"user_id":"0192aaaa-aaaa-7aaa-8aaa-aaaaaaaaaaaa"})");
  CHECK(stranger.status == 404);
  // Each pays 900 split equally among the three, through the next node's front.
  for (int k = 0; k < 3; ++k) {
    std::string parts;
    for (const auto& m : members)
      parts += std::string(parts.empty() ? "" : ",") + R"({"user_id":")" + m.id + "\"}";
    auto spent = post(c.port((k + 1) % 3), members[k], path + "/expenses",
                      R"({"amount_minor":)" + std::to_string(300 * (k + 1))
                        + R"(,"currency":"EUR","description":"Round","paid_by":[{"user_id":")"
                        + members[k].id + R"(","amount_minor":)" + std::to_string(300 * (k + 1))
                        + R"(}],"split":{"method":"equal","parts":[)" + parts + "]}}");
    REQUIRE(spent.status == 201);
  }
  // 600 + 900 + 300 = 1800 shared: 600 each. Member k paid 300(k+1).
  for (int f = 0; f < 3; ++f) {
    auto view = json_of(get(c.port(f), members[f], path + "/balances"));
    std::map<std::string, std::int64_t> owed;
    for (const auto& b : view.at("balances").as_array())
      owed[std::string(b.at("user_id").as_string())] = b.at("balance_minor").as_int64();
    for (int k = 0; k < 3; ++k)
      CHECK(owed[members[k].id] == 300 * (k + 1) - 600);
  }
  // Across groups, gathered, from pairwise debts: the member on node 1 owes
  // the one on node 2 200 - 100 and the one on node 3 300 - 100.
  auto across = json_of(get(c.port(1), members[0], "/social/balances"));
  CHECK(across.at("complete").as_bool());
  std::map<std::string, std::int64_t> debts;
  for (const auto& item : across.at("items").as_array())
    debts[text(item, "user_id")] = number(item, "balance_minor");
  CHECK(debts.size() == 2);
  CHECK(debts[members[1].id] == -100);
  CHECK(debts[members[2].id] == -200);
  // Each node named the people of its part; the merged answer names them all.
  REQUIRE(across.as_object().contains("names"));
  CHECK(across.at("names").as_object().contains(members[1].id));
  CHECK(across.at("names").as_object().contains(members[2].id));
  // Net worth with the groups, from another node's front: each member's balance
  // (they hold no accounts), the group on whichever node it lives.
  for (int k = 0; k < 3; ++k) {
    const auto worth = json_of(get(c.port((k + 2) % 3), members[k], "/finance/reports/net-worth?include=groups"));
    CHECK(number(worth, "total_minor") == 300 * (k + 1) - 600);
    CHECK(worth.at("complete").as_bool());
  }
  for (auto& n : c.running)
    n->stop(SIGTERM);
}

namespace {

// Where the loan's disbursement stands once its saga finished (it runs on
// after a restart or a retry by itself; bounded: 20 s).
std::string disbursement_status(std::uint16_t port, const person& who, const std::string& path) {
  std::string status;
  for (int i = 0; i < 400 && status != "completed"; ++i) {
    auto r = get(port, who, path);
    if (r.status == 200 && json_of(r).as_object().contains("disbursement"))
      status = text(json_of(r).at("disbursement"), "status");
    if (status != "completed")
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return status;
}

int count_of(const std::vector<std::string>& types, const char* type) {
  return static_cast<int>(std::count(types.begin(), types.end(), type));
}

} // namespace

TEST_CASE("a disbursement across nodes resumes after either side's node was lost, and moves the money once") {
  lending c;
  const auto& [lender, borrower, rich, receiving] = c.parties;
  // Loans kept on node 3, so that either party's node may go down.
  auto accepted_loan = [&] {
    for (int k = 0; k < 64; ++k) {
      auto made = post(c.port(0), lender, "/loans", with_lender(offer(borrower, day(0), day(31)), lender));
      REQUIRE(made.status == 201);
      const auto id = text(json_of(made), "id");
      if (c.holder_of("loan-" + id) != 2)
        continue;
      REQUIRE(post(c.port(1), borrower, "/loans/" + id + "/accept",
                   R"({"receiving_account_id":")" + receiving + "\"}").status == 200);
      return "/loans/" + id;
    }
    FAIL("no loan placed on node 3");
    return std::string();
  };
  const auto disburse = R"({"from_account_id":")" + rich + "\"}";
  auto credits = [&] {
    return count_of(stream_types(c.running[1]->admin_port(), read_admin_token(c.data(1)),
                                 "account-" + receiving), "TransferCredited");
  };

  // The lender's node dies right after the hold. The request is served on
  // the loan's node, which lives: the disbursement is pending (202), not
  // refused. Restarted, the lender's node credits the borrower on the other
  // node and settles.
  const auto first = accepted_loan();
  c.running[0]->stop(SIGTERM);
  c.start(0, "transfer_after_hold");
  c.await_all_up();
  auto lost = post(c.port(2), lender, first + "/disburse", disburse);
  CHECK(lost.status == 202);
  CHECK(text(json_of(lost).at("disbursement"), "status") == "pending");
  CHECK(c.running[0]->stop(SIGKILL) == 128 + SIGKILL); // it is gone already
  c.start(0);
  c.await_all_up();
  CHECK(disbursement_status(c.port(2), lender, first) == "completed");
  CHECK(credits() == 1);

  // The borrower's node is down when the lender disburses: pending (202),
  // and done once it is back.
  const auto second = accepted_loan();
  CHECK(c.running[1]->stop(SIGKILL) == 128 + SIGKILL);
  auto pending = post(c.port(2), lender, second + "/disburse", disburse);
  CHECK(pending.status == 202);
  CHECK(text(json_of(pending).at("disbursement"), "status") == "pending");
  c.start(1);
  c.await_all_up();
  CHECK(disbursement_status(c.port(2), lender, second) == "completed");
  CHECK(credits() == 2);
  CHECK(balance_of(c.port(0), lender, rich) == principal);
  CHECK(balance_of(c.port(1), borrower, receiving) == 2 * principal);
  for (auto& n : c.running)
    n->stop(SIGTERM);
  for (int i = 0; i < 3; ++i) {
    std::string out;
    const auto peers = c.data((i + 1) % 3) + "," + c.data((i + 2) % 3);
    CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", c.data(i), "--peers", peers}, out) == 0);
  }
}
