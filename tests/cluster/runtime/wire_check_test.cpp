// The start-up check of the types that cross between nodes: it passes with
// every registration a node makes, and names the type a node forgot.

#include "actors/runtime/type_registry.hpp"
#include "cluster/runtime/node_messages.hpp"
#include "cluster/runtime/wire_check.hpp"

#include <caf/actor_system_config.hpp>

#include <doctest/doctest.h>

using namespace pfms;

namespace {

caf::actor_system_config configured(bool with_cluster_types) {
  caf::actor_system_config cfg;
  register_actor_types(cfg);
  if (with_cluster_types)
    register_cluster_types(cfg);
  return cfg;
}

} // namespace

TEST_CASE("every interface a node serves to its peers crosses the wire with a node's registrations") {
  auto cfg = configured(true);
  caf::actor_system system{cfg};
  CHECK(check_wire<account_actor>(system));
  CHECK(check_wire<user_directory_actor>(system));
  CHECK(check_wire<loan_actor>(system));
  CHECK(check_wire<group_actor>(system));
  CHECK(check_wire<front_actor>(system));
  CHECK(check_wire<node_actor>(system));
}

TEST_CASE("a type a node did not register is named before the node serves") {
  auto cfg = configured(false); // the relay's types are missing
  caf::actor_system system{cfg};
  CHECK(check_wire<account_actor>(system)); // what is registered still passes
  auto front = check_wire<front_actor>(system);
  REQUIRE_FALSE(front);
  CHECK(front.error().detail.find("relayed_request") != std::string::npos);
  CHECK(front.error().detail.find("not registered") != std::string::npos);
}
