#pragma once

// A fresh node for each auth test case, with the two calls those cases make most.

#include "tests/e2e/node_fixture.hpp"

#include <string>

namespace pfms::test {

struct auth_fixture : fresh_node {
  client_response post(const std::string& path, const std::string& body,
                       const std::string& token = "") {
    return request(port, "POST", path, body, "application/json", token);
  }
  client_response login(const std::string& email, const std::string& password) {
    return post("/auth/login", R"({"email":")" + email + R"(","password":")" + password + R"("})");
  }
};

} // namespace pfms::test
