// The static cluster configuration: what parses, and each refusal with its reason.

#include "cluster/runtime/cluster_config.hpp"

#include <doctest/doctest.h>

using namespace pfms;

TEST_CASE("a three-node configuration parses in order; no nodes is a single node") {
  auto c = parse_cluster_config("n2", "n1=127.0.0.1:7101,n2=10.0.0.2:7102,n3=node-3.local:7103");
  REQUIRE(c);
  CHECK(c->clustered());
  CHECK(c->node_ids() == std::vector<std::string>{"n1", "n2", "n3"});
  CHECK(c->self() == cluster_member{"n2", "10.0.0.2", 7102});
  CHECK(address_of(c->members[2]) == "node-3.local:7103");

  auto single = parse_cluster_config("", "");
  REQUIRE(single);
  CHECK_FALSE(single->clustered());
}

TEST_CASE("bad configurations are refused with their reason") {
  struct row {
    const char* self;
    const char* nodes;
    const char* says;
  };
  const row rows[] = {
    {"n9", "n1=h:1", "is not one of the configured nodes"},
    {"", "n1=h:1", "is not one of the configured nodes"},
    {"n1", "n1=h:1,n1=g:2", "listed twice"},
    {"n1", "n1=h:1,n2=h:1", "two nodes share h:1"},
    {"n1", "n1=h:0", "needs a port"},
    {"n1", "n1=h:65536", "needs a port"},
    {"n1", "n1=h:12x", "needs a port"},
    {"n1", "n1=:5", "has no host"},
    {"n1", "n1=h", "id=host:port"},
    {"n1", "n1=h:1,", "id=host:port"},
    {"N1", "N1=h:1", "node ids are"},
    {"n1", "n1=h:1,=h:2", "node ids are"},
    {"x y", "", "node_id must be"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.nodes);
    auto c = parse_cluster_config(r.self, r.nodes);
    REQUIRE_FALSE(c);
    CHECK(c.error().detail.find(r.says) != std::string::npos);
  }
  std::string many;
  for (int i = 0; i < 65; ++i)
    many += (i ? "," : "") + std::string("n") + std::to_string(i) + "=h:" + std::to_string(i + 1);
  auto too_many = parse_cluster_config("n0", many);
  REQUIRE_FALSE(too_many);
  CHECK(too_many.error().detail.find("at most 64") != std::string::npos);
}
