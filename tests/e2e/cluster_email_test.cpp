// Emails across a 3-node cluster: an email's registry stream lives on the
// node that owns the email, which may not be its holder's node. A change of
// address claims on the new email's node and releases on the old one's;
// with either node down, or the holder's, the answers say so and nothing
// acknowledged is lost or held twice.

#include "tests/e2e/cluster_support.hpp"

#include <openssl/sha.h>

#include <cstdio>
#include <set>

using namespace pfms::test;

namespace {

// The registry stream of a normalized email, named as the server names it.
std::string registry_stream(const std::string& email) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(email.data()), email.size(), digest);
  std::string hex = "email-";
  char byte[3];
  for (auto d : digest) {
    std::snprintf(byte, sizeof byte, "%02x", d);
    hex += byte;
  }
  return hex;
}

const std::string password_body = R"({"password":"correct horse"})";

client_response change_email(std::uint16_t port, const person& who, const std::string& email) {
  return request(port, "POST", "/user/me/email",
                 R"({"new_email":")" + email + R"(","password":"correct horse"})",
                 "application/json", who.token);
}

int login(std::uint16_t port, const std::string& email) {
  return request(port, "POST", "/auth/login",
                 R"({"email":")" + email + R"(","password":"correct horse"})").status;
}

client_response enroll(std::uint16_t port, const std::string& email) {
  return request(port, "POST", "/auth/register",
                 R"({"email":")" + email + R"(","password":"correct horse","display_name":"N"})");
}

std::string email_of(std::uint16_t port, const person& who) {
  return text(json_of(get(port, who, "/user/me")), "email");
}

struct email_cluster : cluster {
  // A user with email `prefix`k@example.org placed on `node` (with its email's
  // registry: registration co-places them).
  std::pair<person, std::string> user_on(int node, const std::string& prefix, int front) {
    for (int k = 0; k < 64; ++k) {
      const auto email = prefix + std::to_string(k) + "@example.org";
      auto who = join_pfms(port(front), email);
      REQUIRE_FALSE(who.token.empty());
      if (holder_of("user-" + who.id) == node) {
        CHECK(holder_of(registry_stream(email)) == node);
        return {who, email};
      }
    }
    FAIL("no user placed on node " << node);
    return {};
  }
  // An email that is free and kept by `node`'s registry: its user erased itself.
  std::string free_email_on(int node, const std::string& prefix, int front) {
    auto [who, email] = user_on(node, prefix, front);
    REQUIRE(request(port(front), "DELETE", "/user/me", password_body, "application/json",
                    who.token).status == 204);
    return email;
  }
  // The registry events of `email`, on the node that keeps them.
  std::vector<std::string> registry_events(int node, const std::string& email) {
    return stream_types(running[node]->admin_port(), read_admin_token(data(node)),
                        registry_stream(email));
  }
  void kill(int node) {
    CHECK(running[node]->stop(SIGKILL) == 128 + SIGKILL);
    // Until membership sees it down, requests wait for its answer instead.
    const auto deadline = steady::now() + std::chrono::seconds(5);
    while ((all_up_on((node + 1) % 3) || all_up_on((node + 2) % 3))
           && steady::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  void restart(int node) {
    start(node);
    REQUIRE(port(node) != 0);
    await_all_up();
  }
};

} // namespace

TEST_CASE("a change of address moves the email's claim to any node's registry and frees the old one there") {
  email_cluster c;
  c.start_all();
  auto [who, current] = c.user_on(0, "mover", 1);
  const auto first = current;
  std::set<int> registries;
  for (int k = 0; k < 12 && registries.size() < 3; ++k) {
    const auto email = "moved" + std::to_string(k) + "@example.org";
    auto r = change_email(c.port(k % 3), who, email);
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(text(json_of(r), "email") == email);
    const int registry = c.holder_of(registry_stream(email));
    REQUIRE(registry >= 0); // exactly one node keeps the claim
    registries.insert(registry);
    const int old_registry = c.holder_of(registry_stream(current));
    REQUIRE(old_registry >= 0);
    // The old address was released on its own node, and nobody holds it now.
    CHECK(c.registry_events(old_registry, current).back() == "EmailReleased");
    for (int f = 0; f < 3; ++f) {
      CHECK(login(c.port(f), email) == 200);
      CHECK(login(c.port(f), current) == 401);
    }
    current = email;
  }
  CHECK(registries.size() == 3); // claims on the user's node and on both others
  // An address another user holds, on whatever node: taken; nothing changes.
  auto [other, theirs] = c.user_on(2, "holder", 0);
  auto refused = change_email(c.port(1), who, theirs);
  CHECK(refused.status == 409);
  CHECK(code_of(refused) == "email_taken");
  CHECK(email_of(c.port(0), who) == current);
  CHECK(login(c.port(2), theirs) == 200);
  // The first address is free to register again, through any front.
  CHECK(enroll(c.port(2), first).status == 201);
  c.stop_all_and_verify();
}

TEST_CASE("with the new email's node, the old email's node or the holder's node down, a change answers 503 or completes, and a lost release is taken over later") {
  email_cluster c;
  c.start_all();
  auto [who, first] = c.user_on(0, "user", 0); // the user and its email on n1
  const auto on_n3 = c.free_email_on(2, "three", 1);
  const auto on_n2 = c.free_email_on(1, "two", 0);

  // The new email's node is down: 503 with Retry-After, nothing changes.
  c.kill(2);
  auto down = change_email(c.port(1), who, on_n3);
  CHECK(down.status == 503);
  CHECK(code_of(down) == "node_unavailable");
  CHECK(down.headers["retry-after"] == "1");
  CHECK(email_of(c.port(1), who) == first);
  CHECK(login(c.port(1), first) == 200);
  c.restart(2);
  REQUIRE(change_email(c.port(2), who, on_n3).status == 200);
  CHECK(c.registry_events(0, first).back() == "EmailReleased");

  // The old email's node is down: the change completes, the release is lost.
  c.kill(2);
  REQUIRE(change_email(c.port(0), who, on_n2).status == 200);
  CHECK(login(c.port(1), on_n2) == 200);
  c.restart(2);
  CHECK(c.registry_events(2, on_n3).back() == "EmailClaimed"); // still names the user
  CHECK(login(c.port(2), on_n3) == 401);                         // who moved away from it
  // A newcomer takes the stale claim over once the user says it moved.
  CHECK(enroll(c.port(2), on_n3).status == 201);
  auto events = c.registry_events(2, on_n3);
  REQUIRE(events.size() >= 2);
  CHECK(events[events.size() - 2] == "EmailClaimed"); // no release in between
  CHECK(login(c.port(0), on_n3) == 200);

  // The holder's node is down: whether its email is free cannot be told; 503.
  c.kill(0);
  auto unknown = enroll(c.port(1), on_n2);
  CHECK(unknown.status == 503);
  const auto before = c.registry_events(1, on_n2).size();
  c.restart(0);
  CHECK(c.registry_events(1, on_n2).size() == before); // nothing was written
  CHECK(enroll(c.port(1), on_n2).status == 409);       // the user does hold it

  // Erased while its email's node is down: the claim is taken over later.
  c.kill(1);
  CHECK(request(c.port(0), "DELETE", "/user/me", password_body, "application/json", who.token)
          .status == 204);
  c.restart(1);
  CHECK(login(c.port(1), on_n2) == 401);
  CHECK(enroll(c.port(2), on_n2).status == 201);
  CHECK(login(c.port(2), on_n2) == 200);
  c.stop_all_and_verify();
}
