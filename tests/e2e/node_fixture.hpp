#pragma once

// A fresh node, its data directory and a signed-up owner, for each test case.

#include "tests/e2e/e2e_support.hpp"
#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <cstdint>
#include <string>

namespace pfms::test {

struct node_fixture {
  temp_dir dir;
  node_process node{dir.sub("data")};
  std::uint16_t port = node.port();
  std::string token = port ? sign_up(port, "owner@example.org") : "";
};

} // namespace pfms::test
