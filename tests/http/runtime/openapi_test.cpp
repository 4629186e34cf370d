#include "http/runtime/openapi_document.hpp"
#include "http/runtime/router.hpp"

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>

using namespace pfms;

TEST_CASE("the OpenAPI document and the router list exactly the same routes") {
  boost::system::error_code ec;
  auto doc = boost::json::parse(openapi_document(), ec);
  REQUIRE_FALSE(ec);
  CHECK(doc.at("openapi").as_string() == "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, operation] : item.as_object()) {
      std::string upper(method);
      std::transform(upper.begin(), upper.end(), upper.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      documented.insert(upper + " " + std::string(path));
      CHECK_FALSE(operation.at("responses").as_object().empty());
    }
  const auto listed = router::route_list();
  const std::set<std::string> routed(listed.begin(), listed.end());
  for (const auto& r : routed) {
    CAPTURE(r);
    CHECK(documented.contains(r));
  }
  for (const auto& d : documented) {
    CAPTURE(d);
    CHECK(routed.contains(d));
  }
}
