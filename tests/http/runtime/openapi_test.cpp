#include "http/runtime/openapi_document.hpp"
#include "http/runtime/router.hpp"

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

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

// The document's operation for `route`.
const boost::json::value& operation_of(const boost::json::value& doc, const route_shape& route) {
  std::string method(route.method);
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return doc.at("paths").at(route.pattern).at(method);
}

} // namespace

TEST_CASE("each route takes exactly the query parameters the OpenAPI document names") {
  boost::system::error_code ec;
  auto doc = boost::json::parse(openapi_document(), ec);
  REQUIRE_FALSE(ec);
  std::size_t with_query = 0;
  for (const auto& route : router::shapes()) {
    CAPTURE(route.pattern);
    CAPTURE(route.method);
    const auto& operation = operation_of(doc, route);
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

TEST_CASE("every operation has its own operationId and documents each status the front answers") {
  boost::system::error_code ec;
  auto doc = boost::json::parse(openapi_document(), ec);
  REQUIRE_FALSE(ec);
  std::set<std::string> ids;
  for (const auto& route : router::shapes()) {
    CAPTURE(route.pattern);
    CAPTURE(route.method);
    const auto& operation = operation_of(doc, route).as_object();
    REQUIRE(operation.contains("operationId"));
    CHECK(ids.insert(std::string(operation.at("operationId").as_string())).second);
    // Any request: malformed, a body too large or not JSON, headers too large.
    std::vector<const char*> statuses{"400", "413", "415", "431"};
    if ((route.flags & signed_in) != 0) // no live session, the per-user limit, a node down
      statuses.insert(statuses.end(), {"401", "429", "503"});
    if ((route.flags & idempotent) != 0) // a key still running, a key reused
      statuses.insert(statuses.end(), {"409", "422"});
    const auto& responses = operation.at("responses").as_object();
    for (const auto* status : statuses) {
      CAPTURE(status);
      CHECK(responses.contains(status));
    }
  }
  CHECK(ids.size() == router::shapes().size());
}

TEST_CASE("every installment status a schedule answers is documented, not_due too") {
  boost::system::error_code ec;
  auto doc = boost::json::parse(openapi_document(), ec);
  REQUIRE_FALSE(ec);
  std::set<std::string> documented;
  for (const auto& s : doc.at("components").at("schemas").at("Installment").at("properties")
                         .at("status").at("enum").as_array())
    documented.insert(std::string(s.as_string()));
  // http/lending/loan_json.cpp: installment_status and installments_json.
  CHECK(documented == std::set<std::string>{"paid", "overdue", "due", "partly_paid", "upcoming",
                                            "not_due"});
}
