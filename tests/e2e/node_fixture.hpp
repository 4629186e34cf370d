#pragma once

// A fresh node and its data directory for each test case; `node_fixture`
// adds a signed-up owner.

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <cstdint>
#include <string>

namespace pfms::test {

struct fresh_node {
  temp_dir dir;
  node_process node{dir.sub("data")};
  std::uint16_t port = node.port();
};

struct node_fixture : fresh_node {
  std::string token = port ? sign_up(port, "owner@example.org") : "";
};

} // namespace pfms::test
