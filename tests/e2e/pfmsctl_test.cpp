#include "tests/e2e/e2e_support.hpp"
#include "tests/e2e/loan_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

using namespace pfms::test;

namespace {

// A store with one account (opening 100) and two transactions.
struct fixture {
  temp_dir dir;
  std::string data = dir.sub("data");
  std::string account;
  std::string first_recorded_at;

  fixture() {
    node_process node(data);
    REQUIRE(node.port() != 0);
    const auto token = sign_up(node.port(), "audit@example.org");
    account = open_account_http(node.port(), token, 100);
    auto first = post_transaction(node.port(), transaction_body(account, "expense", 30), token);
    first_recorded_at = text(json_of(first), "recorded_at");
    std::this_thread::sleep_for(std::chrono::milliseconds(2)); // distinct record times
    post_transaction(node.port(), transaction_body(account, "income", 5), token);
    REQUIRE(node.stop(SIGTERM) == 0);
  }
};

} // namespace

TEST_CASE_FIXTURE(fixture, "verify passes the store the node left and reports the head") {
  std::string out;
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data}, out) == 0);
  // The email claim, the user (registration, session) and the account (three events).
  CHECK(out.find("clean: 6 events in 3 streams") != std::string::npos);
  CHECK(out.find("head: position 6") != std::string::npos);
  // With itself as a peer (the check reads a peer's accounts as context) still clean.
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data, "--peers", data}, out) == 0);
}

TEST_CASE_FIXTURE(fixture, "replay shows every event and the final state") {
  std::string out;
  REQUIRE(run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream", "account-" + account},
                   out) == 0);
  auto doc = boost::json::parse(out);
  CHECK(doc.at("events").as_array().size() == 3);
  CHECK(doc.at("state").at("balance_minor").as_int64() == 75);
}

TEST_CASE_FIXTURE(fixture, "replay as of a past instant shows the state at that instant") {
  std::string out;
  REQUIRE(run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream", "account-" + account,
                               "--as-of", first_recorded_at},
                   out) == 0);
  auto doc = boost::json::parse(out);
  CHECK(doc.at("events").as_array().size() == 2);
  CHECK(doc.at("state").at("balance_minor").as_int64() == 70);
  REQUIRE(run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream", "account-" + account,
                               "--version", "1"},
                   out) == 0);
  CHECK(boost::json::parse(out).at("state").at("balance_minor").as_int64() == 100);
}

TEST_CASE("replay shows the state and the event data of every stream kind") {
  temp_dir dir;
  const auto data = dir.sub("data");
  std::string user, group, loan;
  {
    node_process node(data);
    REQUIRE(node.port() != 0);
    const auto token = sign_up(node.port(), "kinds@example.org");
    user = text(json_of(request(node.port(), "GET", "/user/me", "", "", token)), "id");
    auto made = request(node.port(), "POST", "/social/groups", R"({"name":"Trip","currency":"EUR"})",
                        "application/json", token);
    REQUIRE(made.status == 201);
    group = text(json_of(made), "id");
    auto lent = request(node.port(), "POST", "/loans",
                        R"({"lender":{"user_id":")" + user
                          + R"("},"borrower":{"name":"Cousin Ana"},"currency":"EUR","principal_minor":50000,)"
                            R"("annual_rate_bps":0,"term_months":2,"first_due_on":")"
                          + day(31) + "\"}",
                        "application/json", token);
    REQUIRE(lent.status == 201);
    loan = text(json_of(lent), "id");
    REQUIRE(node.stop(SIGTERM) == 0);
  }
  auto replay = [&](const std::string& stream) {
    std::string out;
    REQUIRE(run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream", stream}, out) == 0);
    CHECK(out.find("$argon2") == std::string::npos); // never a secret: hashes are "[redacted]"
    return boost::json::parse(out);
  };
  const auto u = replay("user-" + user);
  CHECK(u.at("state").at("email").as_string() == "kinds@example.org");
  CHECK(u.at("state").at("sessions").as_array().size() == 1);
  CHECK(u.at("events").as_array()[0].at("data").at("email").as_string() == "kinds@example.org");
  const auto g = replay("group-" + group);
  CHECK(g.at("state").at("name").as_string() == "Trip");
  CHECK(g.at("state").at("balances").is_object());
  CHECK(g.at("events").as_array()[0].at("data").at("name").as_string() == "Trip");
  const auto l = replay("loan-" + loan);
  CHECK(l.at("state").at("status").as_string() == "accepted"); // an outside party needs no acceptance
  CHECK(l.at("events").as_array()[0].at("data").at("principal_minor").as_int64() == 50000);
  CHECK(l.at("events").as_array()[0].at("data").at("borrower").at("name").as_string() == "Cousin Ana");
}

TEST_CASE_FIXTURE(fixture, "pfmsctl rejects bad invocations with exit code 2") {
  std::string out;
  CHECK(run_tool("PFMSCTL", {}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"frobnicate"}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir"}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data, "--bogus", "1"}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", dir.sub("missing")}, out) == 2);
  // A peer store that is not there, or an empty name in the list.
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data, "--peers", dir.sub("missing")}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data, "--peers", data + ","}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"replay", "--data-dir", data}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream", "account-nope"}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream", "account-" + account,
                             "--as-of", "yesterday"},
                 out) == 2);
  // An audit never creates a store.
  CHECK_FALSE(std::filesystem::exists(dir.sub("missing")));
  // And the real store is still intact.
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data}, out) == 0);
}

TEST_CASE("pfmsd refuses bad configuration with a message and exit code 2") {
  std::string out;
  CHECK(run_tool("PFMSD", {"--http-listen", "nonsense"}, out) == 2);
  CHECK(run_tool("PFMSD", {"--unknown", "x"}, out) == 2);
  CHECK(run_tool("PFMSD", {"--config", "/nonexistent/pfms.conf"}, out) == 2);
}

TEST_CASE("pfmsd refuses out-of-range store settings") {
  temp_dir dir;
  const auto config = dir.sub("pfms.conf");
  for (const char* line : {"snapshot_every = 0", "idempotency_ttl_s = 5", "request_timeout_ms = x"}) {
    CAPTURE(line);
    {
      std::ofstream(config) << "data_dir = " << dir.sub("data") << "\n" << line << "\n";
    }
    std::string out;
    CHECK(run_tool("PFMSD", {"--config", config}, out) == 2);
  }
}

TEST_CASE("pfmsd refuses bad settings with a sentence naming them, and creates nothing") {
  temp_dir dir;
  const auto data = dir.sub("never");
  const auto short_key = dir.sub("short.key");
  {
    std::ofstream key(short_key);
    key << "0123456789";
  }
  struct row { std::vector<std::string> args; std::vector<std::string> env; std::string says; };
  const row rows[] = {
    {{"--bogus", "1"}, {}, "unknown flag or missing value: '--bogus'"},
    {{"--data-dir", data, "--http-listen", "nope"}, {}, "listen address must be HOST:PORT"},
    {{"--data-dir", data}, {"PFMS_SNAPSHOT_EVERY=0"}, "PFMS_SNAPSHOT_EVERY: snapshot_every must be 1..1000000"},
    {{"--data-dir", data}, {"PFMS_PASSWORD_HASH_MIB=8"}, "password_hash_mib must be 19..1024"},
    {{"--data-dir", data}, {"PFMS_SCHEDULER_POLICY=fast"}, "scheduler_policy must be sharing or stealing"},
    {{"--config", dir.sub("missing.conf")}, {}, "cannot read config file"},
    {{"--data-dir", dir.sub("short-key-data"), "--http-listen", "127.0.0.1:0", "--admin-listen",
      "127.0.0.1:0"},
     {"PFMS_JWT_KEY_FILE=" + short_key}, "shorter than 256 bits"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.says);
    const auto errors = dir.sub("errors.txt");
    std::filesystem::remove(errors);
    std::string out;
    CHECK(run_tool("PFMSD", r.args, out, errors, r.env) == 2);
    std::ifstream in(errors);
    const std::string said((std::istreambuf_iterator<char>(in)), {});
    CHECK(said.find(r.says) != std::string::npos);
    CHECK(out.find("ready") == std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(data));
}

TEST_CASE_FIXTURE(fixture, "rebuild refolds a stopped node's projection from the whole log") {
  std::string out;
  REQUIRE(run_tool("PFMSCTL", {"rebuild", "account_balances", "--data-dir", data}, out) == 0);
  CHECK(out.find("rebuilt account_balances to position 6") != std::string::npos);
  REQUIRE(run_tool("PFMSCTL", {"rebuild", "transfers", "--data-dir", data}, out) == 0);
  CHECK(out.find("rebuilt transfers to position 6") != std::string::npos);
  // The node starts on the rebuilt read models and answers as before.
  node_process node(data);
  REQUIRE(node.port() != 0);
  auto login = request(node.port(), "POST", "/auth/login",
                       R"({"email":"audit@example.org","password":"correct horse"})");
  REQUIRE(login.status == 200);
  auto account_now = get_account_http(node.port(), account, text(json_of(login), "access_token"));
  REQUIRE(account_now.status == 200);
  CHECK(number(json_of(account_now), "balance_minor") == 75);
}

TEST_CASE_FIXTURE(fixture, "rebuild refuses an unknown name, a missing store and a running node") {
  std::string out;
  const auto errors = dir.sub("errors.txt");
  auto said = [&] {
    std::ifstream in(errors);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  CHECK(run_tool("PFMSCTL", {"rebuild"}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"rebuild", "--data-dir", data}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"rebuild", "balances", "--data-dir", data}, out, errors, {}) == 2);
  CHECK(said().find("the projections are account_balances, transfers") != std::string::npos);
  CHECK(run_tool("PFMSCTL", {"rebuild", "transfers", "--bogus", "1"}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"rebuild", "transfers", "--data-dir", dir.sub("missing")}, out) == 2);
  CHECK_FALSE(std::filesystem::exists(dir.sub("missing")));
  {
    node_process node(data);
    REQUIRE(node.port() != 0);
    CHECK(run_tool("PFMSCTL", {"rebuild", "transfers", "--data-dir", data}, out, errors, {}) == 2);
    CHECK(said().find("needs the node stopped") != std::string::npos);
  }
  CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data}, out) == 0);
}
