#pragma once

// Three pfmsd processes on loopback forming one cluster, for the cluster's
// end-to-end tests: own ports and data directories, one token key.

#include "tests/e2e/loan_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace pfms::test {

using steady = std::chrono::steady_clock;

struct cluster {
  temp_dir dir;
  std::vector<std::uint16_t> ports{free_loopback_port(), free_loopback_port(), free_loopback_port()};
  std::string nodes = "n1=127.0.0.1:" + std::to_string(ports[0]) + ",n2=127.0.0.1:"
                      + std::to_string(ports[1]) + ",n3=127.0.0.1:" + std::to_string(ports[2]);
  std::vector<std::unique_ptr<node_process>> running{3};

  std::string data(int i) { return dir.sub("n" + std::to_string(i + 1)); }
  // Every node signs tokens with the first node's key: a token works on any front.
  // `failpoint` (test only): the step at which the node kills itself.
  void start(int i, const std::string& failpoint = "") {
    std::vector<std::string> env{"PFMS_NODE_ID=n" + std::to_string(i + 1),
                                 "PFMS_CLUSTER_NODES=" + nodes};
    if (!failpoint.empty())
      env.push_back("PFMS_FAILPOINT=" + failpoint);
    if (i != 0)
      env.push_back("PFMS_JWT_KEY_FILE=" + data(0) + "/jwt.key");
    running[i] = std::make_unique<node_process>(data(i), env);
  }
  std::uint16_t port(int i) { return running[i]->port(); }
  // Whether node i holds stream `stream` in its own log.
  bool holds(int i, const std::string& stream) {
    return !stream_types(running[i]->admin_port(), read_admin_token(data(i)), stream).empty();
  }
  // Whether node i sees every node up.
  bool all_up_on(int i) {
    auto view = json_of(request(running[i]->admin_port(), "GET", "/admin/cluster", "", "",
                                read_admin_token(data(i))));
    for (const auto& n : view.at("nodes").as_array())
      if (n.at("state").as_string() != "up")
        return false;
    return true;
  }
  bool all_up() { return all_up_on(0) && all_up_on(1) && all_up_on(2); }
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
  // A new user (emails `prefix`0@…, `prefix`1@…, …) whose node is `node`:
  // placement decides, so candidates are registered until one lands there.
  person join_on(int node, const std::string& prefix, int front = 0) {
    for (int k = 0; k < 64; ++k) {
      auto who = join_pfms(port(front), prefix + std::to_string(k) + "@example.org");
      REQUIRE_FALSE(who.token.empty());
      if (holder_of("user-" + who.id) == node)
        return who;
    }
    FAIL("no user placed on node " << node);
    return {};
  }
  // Stops every node cleanly; each node's log then verifies on its own.
  void stop_all_and_verify() {
    for (auto& n : running)
      n->stop(SIGTERM);
    for (int i = 0; i < 3; ++i) {
      std::string out;
      CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", data(i)}, out) == 0);
    }
  }
  void await_all_up() {
    const auto start = steady::now();
    while (!all_up() && steady::now() - start < std::chrono::seconds(10))
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(all_up());
  }
};


} // namespace pfms::test
