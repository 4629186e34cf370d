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

namespace {

// The query parameters `operation` documents, resolving shared parameters.
std::set<std::string> documented_query(const boost::json::value& doc,
                                       const boost::json::value& operation) {
  std::set<std::string> out;
  if (!operation.as_object().contains("parameters"))
    return out;
  for (auto p : operation.at("parameters").as_array()) {
    if (p.as_object().contains("$ref")) {
      std::string ref(p.at("$ref").as_string());
      p = doc.at("components").at("parameters").at(ref.substr(ref.rfind('/') + 1));
    }
    if (p.at("in").as_string() == "query")
      out.insert(std::string(p.at("name").as_string()));
  }
  return out;
}

std::set<std::string> declared_query(std::string_view list) {
  std::set<std::string> out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    out.insert(std::string(list.substr(0, comma)));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return out;
}

} // namespace

TEST_CASE("each route takes exactly the query parameters the OpenAPI document names") {
  boost::system::error_code ec;
  auto doc = boost::json::parse(openapi_document(), ec);
  REQUIRE_FALSE(ec);
  std::size_t with_query = 0;
  for (const auto& route : router::shapes()) {
    std::string method(route.method);
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    CAPTURE(route.pattern);
    CAPTURE(method);
    const auto& operation = doc.at("paths").at(route.pattern).at(method);
    CHECK(declared_query(route.query) == documented_query(doc, operation));
    // An unknown query parameter is a 400 on every route.
    CHECK(operation.at("responses").as_object().contains("400"));
    // A write whose outcome does not come back in time is pending, not failed.
    if (route.method != "GET")
      CHECK(operation.at("responses").as_object().contains("202"));
    with_query += route.query.empty() ? 0 : 1;
  }
  CHECK(with_query >= 8); // the lists and the as-of and payoff reads
}
