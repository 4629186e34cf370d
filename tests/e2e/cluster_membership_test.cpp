// Three pfmsd processes on loopback form a cluster over CAF's network
// protocol: each sees the other two up in GET /admin/cluster; a node killed
// with SIGKILL, or hung by SIGSTOP, is seen down within 3 s; restarted on its
// data directory (or continued) it is seen up again. Bad cluster settings stop a node at start with a
// sentence that says why.

#include "tests/e2e/cluster_support.hpp"

#include <signal.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

using namespace pfms::test;

namespace {

// The shared three-node cluster, with each node's view of the others.
struct cluster_fixture : cluster {
  boost::json::value cluster_of(int i) {
    return json_of(request(running[i]->admin_port(), "GET", "/admin/cluster", "", "",
                           read_admin_token(data(i))));
  }
  // Node i's view of node `id` ("n1"…): its state.
  std::string state_of(int i, const std::string& id) {
    auto view = cluster_of(i);
    if (!view.is_object() || !view.as_object().contains("nodes"))
      return "";
    for (const auto& n : view.at("nodes").as_array())
      if (n.at("id").as_string() == id)
        return std::string(n.at("state").as_string());
    return "";
  }
  // Waits up to `limit` for node i to see `id` in `state`; the time it took, or -1.
  double wait_for(int i, const std::string& id, const std::string& state,
                  std::chrono::milliseconds limit) {
    const auto start = steady::now();
    while (steady::now() - start < limit) {
      if (state_of(i, id) == state)
        return std::chrono::duration<double>(steady::now() - start).count();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }
};

} // namespace

TEST_CASE_FIXTURE(cluster_fixture, "three nodes see each other; a killed one is down within 3 s and up again after its restart") {
  for (int i = 0; i < 3; ++i) {
    start(i);
    REQUIRE(running[i]->port() != 0);
  }
  for (int i = 0; i < 3; ++i)
    for (const char* id : {"n1", "n2", "n3"}) {
      CAPTURE(i);
      CAPTURE(std::string(id));
      CHECK(wait_for(i, id, "up", std::chrono::seconds(10)) >= 0);
    }
  auto view = cluster_of(0);
  CHECK(text(view, "node_id") == "n1");
  CHECK(view.at("clustered").as_bool());
  CHECK(view.at("nodes").as_array().size() == 3);

  CHECK(running[2]->stop(SIGKILL) == 128 + SIGKILL);
  for (int i = 0; i < 2; ++i) {
    const auto seconds = wait_for(i, "n3", "down", std::chrono::seconds(3));
    CAPTURE(seconds);
    CHECK(seconds >= 0);
    MESSAGE("node n" << i + 1 << " saw n3 down after " << seconds << " s");
  }
  CHECK(state_of(0, "n2") == "up"); // the others keep their links

  start(2);
  REQUIRE(running[2]->port() != 0);
  for (int i = 0; i < 3; ++i)
    for (const char* id : {"n1", "n2", "n3"}) {
      CAPTURE(i);
      CAPTURE(std::string(id));
      CHECK(wait_for(i, id, "up", std::chrono::seconds(10)) >= 0);
    }
  // A hung node (SIGSTOP: its connections stay open) misses its heartbeats.
  ::kill(running[1]->pid(), SIGSTOP);
  const auto hung = wait_for(0, "n2", "down", std::chrono::seconds(3));
  CAPTURE(hung);
  CHECK(hung >= 0);
  MESSAGE("node n1 saw the hung n2 down after " << hung << " s");
  CHECK(state_of(0, "n3") == "up");
  ::kill(running[1]->pid(), SIGCONT);
  for (int i = 0; i < 3; ++i)
    for (const char* id : {"n1", "n2", "n3"}) {
      CAPTURE(i);
      CAPTURE(std::string(id));
      CHECK(wait_for(i, id, "up", std::chrono::seconds(10)) >= 0);
    }
  for (auto& n : running)
    CHECK(n->stop(SIGTERM) == 0);
}

TEST_CASE("a single node has no cluster; GET /admin/cluster says so, other methods are refused") {
  temp_dir dir;
  node_process node(dir.sub("data"));
  REQUIRE(node.port() != 0);
  const auto token = read_admin_token(dir.sub("data"));
  auto view = request(node.admin_port(), "GET", "/admin/cluster", "", "", token);
  CHECK(view.status == 200);
  CHECK_FALSE(json_of(view).at("clustered").as_bool());
  CHECK(json_of(view).at("nodes").as_array().empty());
  auto post = request(node.admin_port(), "POST", "/admin/cluster", "", "", token);
  CHECK(post.status == 405);
  CHECK(request(node.admin_port(), "GET", "/admin/cluster", "", "", "").status == 401);
  CHECK(node.running());
}

TEST_CASE("bad cluster settings stop the node at start, saying why") {
  temp_dir dir;
  const auto port = std::to_string(free_loopback_port());
  struct bad_case {
    std::string node_id;
    std::string nodes;
    const char* says;
  };
  const bad_case cases[] = {
    {"n9", "n1=127.0.0.1:" + port, "is not one of the configured nodes"},
    {"n1", "n1=127.0.0.1:" + port + ",n1=127.0.0.1:1", "listed twice"},
    {"n1", "n1=127.0.0.1:" + port + ",n2=127.0.0.1:" + port, "two nodes share"},
    {"n1", "n1=127.0.0.1:0", "needs a port"},
    {"n1", "N1=127.0.0.1:" + port, "node ids are"},
    {"n1", "n1:127.0.0.1", "id=host:port"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.nodes);
    const auto log = dir.sub("bad.log");
    std::string out;
    const int code = run_tool("PFMSD", {"--data-dir", dir.sub("data"), "--http-listen", "127.0.0.1:0",
                                        "--admin-listen", "127.0.0.1:0"},
                              out, log, {"PFMS_NODE_ID=" + c.node_id, "PFMS_CLUSTER_NODES=" + c.nodes});
    CHECK(code != 0);
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str().find(c.says) != std::string::npos);
  }
}
