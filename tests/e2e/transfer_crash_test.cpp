// The transfer saga under kill -9 between its steps: a node told to die at a
// step (PFMS_FAILPOINT) raises SIGKILL there; restarted on the same store it
// finishes every transfer, completed or released, never both, never neither,
// with money conserved and a clean verify.

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <thread>

using namespace pfms::test;

namespace {

constexpr std::int64_t full_balance = 9'223'372'036'854'775'707; // 100 below the int64 limit

struct crash_case {
  const char* failpoint;
  bool full_destination; // a destination that refuses every credit (its balance would overflow)
  const char* final_status;
};

std::string body(const std::string& from, const std::string& to) {
  return R"({"from_account_id":")" + from + R"(","to_account_id":")" + to
         + R"(","amount_minor":400,"currency":"EUR"})";
}

// The events of `stream` through the admin listener.
boost::json::array events_of(const node_process& node, const std::string& data,
                             const std::string& stream) {
  auto page = request(node.admin_port(), "GET", "/admin/streams/" + stream + "?limit=1000", "", "",
                      read_admin_token(data));
  return page.status == 200 ? json_of(page).at("events").as_array() : boost::json::array();
}

std::vector<std::string> types_of(const boost::json::array& events) {
  std::vector<std::string> out;
  for (const auto& e : events)
    out.emplace_back(e.at("type").as_string());
  return out;
}

// The id of the transfer the source held first, as pfmsctl replay decodes it.
std::string held_transfer_id(const std::string& data, const std::string& account) {
  std::string out;
  if (run_tool("PFMSCTL", {"replay", "--data-dir", data, "--stream", "account-" + account}, out) != 0)
    return {};
  const auto doc = boost::json::parse(out);
  for (const auto& e : doc.at("events").as_array())
    if (e.at("type").as_string() == "TransferHeld")
      return std::string(e.at("data").at("transfer_id").as_string());
  return {};
}

// The transfer's status once the restarted node has finished it: the saga
// runs on its own after the start, so the test polls (bounded: 10 s).
std::string settled_status(std::uint16_t port, const std::string& token, const std::string& id) {
  std::string status;
  for (int i = 0; i < 200; ++i) {
    status = text(json_of(request(port, "GET", "/finance/transfers/" + id, "", "", token)), "status");
    if (status == "completed" || status == "released")
      return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return status;
}

} // namespace

TEST_CASE("a transfer interrupted by SIGKILL at any step finishes after the restart, exactly once") {
  const crash_case cases[] = {
    {"transfer_after_hold", false, "completed"},
    {"transfer_after_hold", true, "released"},
    {"transfer_after_credit", false, "completed"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.failpoint);
    CAPTURE(c.full_destination);
    temp_dir dir;
    const auto data = dir.sub("data");
    auto node = std::make_unique<node_process>(data, std::vector<std::string>{
                                                       std::string("PFMS_FAILPOINT=") + c.failpoint});
    REQUIRE(node->port() != 0);
    const auto token = sign_up(node->port(), "saga@example.org");
    const auto from = open_account_http(node->port(), token, 1'000);
    const auto to = open_account_http(node->port(), token, c.full_destination ? full_balance : 0);
    REQUIRE_FALSE(to.empty());
    auto cut = request(node->port(), "POST", "/finance/transfers", body(from, to),
                       "application/json", token, "Idempotency-Key: \"crash-1\"\r\n");
    CHECK(cut.status == 0); // the node died before it could answer
    CHECK(node->stop(SIGKILL) == 128 + SIGKILL);

    node = std::make_unique<node_process>(data);
    REQUIRE(node->port() != 0);
    const auto id = held_transfer_id(data, from);
    REQUIRE_FALSE(id.empty());
    CHECK(settled_status(node->port(), token, id) == c.final_status);

    const bool completed = std::string(c.final_status) == "completed";
    const auto source = types_of(events_of(*node, data, "account-" + from));
    const auto destination = types_of(events_of(*node, data, "account-" + to));
    CHECK(source == std::vector<std::string>{"AccountOpened", "TransferHeld",
                                             completed ? "TransferSettled" : "TransferReleased"});
    CHECK(destination == (completed ? std::vector<std::string>{"AccountOpened", "TransferCredited"}
                                    : std::vector<std::string>{"AccountOpened"}));
    const auto start_to = c.full_destination ? full_balance : 0;
    CHECK(number(json_of(get_account_http(node->port(), from, token)), "balance_minor")
          == (completed ? 600 : 1'000));
    CHECK(number(json_of(get_account_http(node->port(), to, token)), "balance_minor")
          == start_to + (completed ? 400 : 0));

    // The client's retry answers where the transfer ended and moves nothing.
    auto retry = request(node->port(), "POST", "/finance/transfers", body(from, to),
                         "application/json", token, "Idempotency-Key: \"crash-1\"\r\n");
    CHECK(retry.status == (completed ? 201 : 409));
    CHECK(types_of(events_of(*node, data, "account-" + from)).size() == 3);
    node->stop(SIGTERM);
    std::string out;
    CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data}, out) == 0);
  }
}
