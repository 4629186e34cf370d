// The cluster front on two nodes in one process: node n1's front relays to
// node n2's real front actor (cluster/runtime/relay.hpp), whose requests go
// through n2's own front to its "router", here a recorder. What is checked:
// where each request is served, what it carries there, and that the token
// is verified only where the request entered.

#include "cluster/runtime/cluster_status.hpp"
#include "cluster/runtime/owner_handle.hpp"
#include "cluster/runtime/relay.hpp"
#include "events/clock.hpp"
#include "events/ids.hpp"
#include "http/runtime/cluster_front.hpp"
#include "http/runtime/problem.hpp"

#include <boost/json/parse.hpp>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>
#include <doctest/doctest.h>

#include <chrono>
#include <future>
#include <map>
#include <mutex>

using namespace pfms;

namespace {

constexpr time_us now = 1'795'600'800'000'000;

cluster_config two_nodes(const std::string& self) {
  cluster_config c;
  c.self_id = self;
  c.members = {{"n1", "127.0.0.1", 1}, {"n2", "127.0.0.1", 2}};
  return c;
}

// A node's router stand-in: keeps what it was asked, answers 200 with the
// node's name, or the answer `reply` gives.
struct recorder {
  explicit recorder(std::string name) : node(std::move(name)) {}

  std::string node;
  std::mutex mutex;
  std::vector<http_request> seen;
  std::function<http_response(const http_request&)> reply;

  void operator()(http_request request, responder respond) {
    auto answer = reply ? reply(request)
                        : http_response{200, "application/json", R"({"node":")" + node + "\"}", {}};
    {
      std::lock_guard lock(mutex);
      seen.push_back(std::move(request));
    }
    respond(std::move(answer));
  }
  std::size_t count() {
    std::lock_guard lock(mutex);
    return seen.size();
  }
  http_request last() {
    std::lock_guard lock(mutex);
    return seen.back();
  }
};

struct two_node_front {
  manual_clock time{now};
  id_generator ids{time};
  token_issuer tokens{*jwt_codec::make(std::string(32, 'k')), time, ids};
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  cluster_status status1{two_nodes("n1"), now};
  cluster_status status2{two_nodes("n2"), now};
  recorder local1{"n1"}, local2{"n2"};
  std::map<std::string, bool> published1; ///< n1's published users: live or not
  cluster_front front1{std::ref(local1), tokens, [this](const std::string& user, const std::string&) {
                         auto found = published1.find(user);
                         return found == published1.end() ? std::nullopt
                                                          : std::optional<bool>(found->second);
                       },
                       ids, status1, system, std::chrono::seconds(5)};
  cluster_front front2{std::ref(local2), tokens, [](const std::string&, const std::string&) {
                         return std::optional<bool>();
                       },
                       ids, status2, system, std::chrono::seconds(5)};
  relay_slot slot2;
  front_actor actor2;

  two_node_front() {
    slot2.bind([this](relayed_request r, relay_slot::reply done) {
      front2.serve_relayed(std::move(r), std::move(done));
    });
    actor2 = system.spawn(front_actor_fn, &slot2);
    set_n2(true);
  }
  ~two_node_front() { caf::anon_send_exit(actor2, caf::exit_reason::user_shutdown); }

  void set_n2(bool up) {
    peer_status s{{"n2", "127.0.0.1", 2}, up ? peer_state::up : peer_state::down, now, "", 0, 1};
    node_directories d;
    if (up)
      d.front = actor2;
    status1.update(s, d);
  }

  // `request` through n1's front, and its answer (waited for).
  http_response ask(http_request request) {
    std::promise<http_response> answered;
    auto answer = answered.get_future();
    front1(std::move(request), [&answered](http_response r) { answered.set_value(std::move(r)); });
    REQUIRE(answer.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    return answer.get();
  }

  http_request signed_request(std::string method, std::string path, std::string user = "user-1") {
    http_request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.request_id = "rid";
    r.authorization = "Bearer " + tokens.access_token(user, "family-1");
    return r;
  }

  // Which node served `request` through n1's front, and what it saw.
  struct served_request {
    std::string node;
    http_request request;
  };
  served_request served(http_request request) {
    const auto before = local1.count();
    ask(std::move(request));
    return local1.count() > before ? served_request{"n1", local1.last()}
                                   : served_request{"n2", local2.last()};
  }

  // An id of the form `prefix-<k>` that node `node` owns.
  std::string owned_by(const std::string& node, const std::string& prefix) {
    for (int k = 0;; ++k) {
      auto id = prefix + "-" + std::to_string(k);
      if (owner_of(status1, id) == node)
        return id;
    }
  }
};

} // namespace

TEST_CASE("the front verifies a token once and relays by the route's shard key; the claims travel") {
  two_node_front f;
  // A loan's route: to the loan's node, served there with the claims and not verified again.
  const auto far_loan = f.owned_by("n2", "loan");
  auto answer = f.ask(f.signed_request("GET", "/loans/" + far_loan));
  CHECK(answer.status == 200);
  CHECK(answer.body == R"({"node":"n2"})");
  REQUIRE(f.local2.count() == 1);
  CHECK(f.local1.count() == 0);
  auto served = f.local2.last();
  CHECK(served.caller_checked);
  CHECK(served.caller_id == "user-1");
  CHECK(served.session_id == "family-1");
  CHECK(served.path == "/loans/" + far_loan);
  // A group's route, and a loan of this node's: served here.
  const auto near_group = f.owned_by("n1", "group");
  CHECK(f.ask(f.signed_request("POST", "/social/groups/" + near_group + "/join")).body
        == R"({"node":"n1"})");
  CHECK(f.local1.last().caller_checked);
  // Any other signed route: on its caller's node.
  for (const auto* user : {"alice", "bob", "carol", "dave"}) {
    auto r = f.ask(f.signed_request("GET", "/finance/accounts", user));
    CHECK(r.body == R"({"node":")" + owner_of(f.status1, user) + "\"}");
  }
  // A token that does not verify, and an open route: to the local router
  // unmarked, which answers them (401, or the route).
  auto forged = f.signed_request("GET", "/loans/" + far_loan);
  forged.authorization += "x";
  const auto before = f.local2.count();
  f.ask(forged);
  CHECK_FALSE(f.local1.last().caller_checked);
  CHECK(f.local1.last().caller_id.empty());
  auto login = f.signed_request("POST", "/auth/login");
  f.ask(login);
  CHECK_FALSE(f.local1.last().caller_checked);
  CHECK(f.local2.count() == before);
}

TEST_CASE("a session the receiving node publishes is checked there, once; another where it is served") {
  two_node_front f;
  const auto far_loan = f.owned_by("n2", "loan");
  // Not published on n1: n2's router checks it.
  f.ask(f.signed_request("GET", "/loans/" + far_loan));
  CHECK(f.local2.last().caller_checked);
  CHECK_FALSE(f.local2.last().session_checked);
  // Published and live on n1: checked there; n2 does not check it again.
  f.published1["user-1"] = true;
  f.ask(f.signed_request("GET", "/loans/" + far_loan));
  CHECK(f.local2.last().session_checked);
  // Published and ended: never relayed; n1's router answers 401.
  f.published1["user-1"] = false;
  const auto relayed = f.local2.count();
  f.ask(f.signed_request("GET", "/loans/" + far_loan));
  CHECK(f.local2.count() == relayed);
  CHECK(f.local1.last().caller_checked);
  CHECK_FALSE(f.local1.last().session_checked);
}

TEST_CASE("a relayed request without claims is verified by the router that serves it") {
  two_node_front f;
  relayed_request r{"GET", "/finance/accounts", "", "", "", "rid", "Bearer x", "", "", "", "", "",
                    false, false, ""};
  std::promise<relayed_response> done;
  f.front2.serve_relayed(r, [&done](relayed_response a) { done.set_value(std::move(a)); });
  CHECK(done.get_future().get().status == 200);
  CHECK_FALSE(f.local2.last().caller_checked); // the router verifies it
  CHECK_FALSE(f.local2.last().session_checked);
  // A relayed "session checked" without claims is ignored.
  r.session_checked = true;
  std::promise<relayed_response> again;
  f.front2.serve_relayed(r, [&again](relayed_response a) { again.set_value(std::move(a)); });
  again.get_future().get();
  CHECK_FALSE(f.local2.last().session_checked);
}

TEST_CASE("a new loan's id is picked at the front from the Idempotency-Key, and it is served on that id's node") {
  two_node_front f;
  std::map<std::string, int> nodes;
  for (int k = 0; k < 16; ++k) {
    auto r = f.signed_request("POST", "/loans");
    r.idempotency_header = "key-" + std::to_string(k);
    const auto first = f.served(r);
    const auto again = f.served(r);
    CHECK(first.node == again.node); // a retry goes to the same node
    CHECK(first.request.entity_id.size() == 36);
    CHECK(again.request.entity_id == first.request.entity_id); // and names the same loan
    CHECK(owner_of(f.status1, first.request.entity_id) == first.node);
    ++nodes[first.node];
  }
  CHECK(nodes.size() == 2); // new loans spread over both nodes
  // Without a key, each new group gets a new id.
  const auto one = f.served(f.signed_request("POST", "/social/groups"));
  const auto two = f.served(f.signed_request("POST", "/social/groups"));
  CHECK(one.request.entity_id.size() == 36);
  CHECK(one.request.entity_id != two.request.entity_id);
  CHECK(owner_of(f.status1, two.request.entity_id) == two.node);
  // Other routes carry none.
  CHECK(f.served(f.signed_request("POST", "/finance/accounts")).request.entity_id.empty());
}

TEST_CASE("a view that spans owners asks every node for its part and merges them; a lost node is named") {
  two_node_front f;
  auto part = [](const char* id) {
    return [id](const http_request& r) {
      CHECK(r.node_part);
      CHECK(r.caller_checked);
      return http_response{200, "application/json",
                           std::string(R"({"items":[{"id":")") + id
                             + R"(","name":"g","status":"active"}],"missing_nodes":[],"complete":true})",
                           {}};
    };
  };
  f.local1.reply = part("b");
  f.local2.reply = part("a");
  auto whole = boost::json::parse(f.ask(f.signed_request("GET", "/social/groups")).body);
  CHECK(f.local1.count() == 1);
  CHECK(f.local2.count() == 1);
  const auto& items = whole.at("items").as_array();
  REQUIRE(items.size() == 2);
  CHECK(items[0].at("id").as_string() == "a"); // in id order across nodes
  CHECK(items[1].at("id").as_string() == "b");
  CHECK(whole.at("complete").as_bool());
  // n2 down: its part is missing, and the answer says so at once.
  f.set_n2(false);
  auto partial = boost::json::parse(f.ask(f.signed_request("GET", "/social/groups")).body);
  CHECK(partial.at("items").as_array().size() == 1);
  CHECK(partial.at("missing_nodes").as_array().size() == 1);
  CHECK(partial.at("missing_nodes").as_array()[0].as_string() == "n2");
  CHECK_FALSE(partial.at("complete").as_bool());
  // This node's own refusal (here a 429) is the answer.
  f.local1.reply = [](const http_request&) {
    return http_response{429, "application/problem+json", "{}", {}};
  };
  CHECK(f.ask(f.signed_request("GET", "/social/groups")).status == 429);
}

TEST_CASE("a route whose node is down answers 503 node_unavailable, and no router sees it") {
  two_node_front f;
  f.set_n2(false);
  const auto far_loan = f.owned_by("n2", "loan");
  auto r = f.ask(f.signed_request("POST", "/loans/" + far_loan + "/repayments"));
  CHECK(r.status == 503);
  CHECK(boost::json::parse(r.body).at("code").as_string() == "node_unavailable");
  CHECK(f.local1.count() == 0);
  CHECK(f.local2.count() == 0);
}
