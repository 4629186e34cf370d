// The route tables and their one matcher: `{param}` segments, literal
// segments, and what every domain's table declares.

#include "http/runtime/openapi_document.hpp"
#include "http/runtime/route_table.hpp"
#include "http/runtime/router.hpp"

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

using namespace pfms;

namespace {

// The parameters `path` gives `pattern`, or "no match".
std::string matched(std::string_view pattern, std::string_view path) {
  path_params p;
  if (!match_pattern(pattern, path, p))
    return "no match";
  std::string out;
  for (std::size_t i = 0; i < p.count; ++i)
    out += (i ? "," : "") + std::string(p.values[i]);
  return out;
}

} // namespace

TEST_CASE("a pattern matches literal segments exactly and takes each {param} whole") {
  CHECK(matched("/livez", "/livez") == "");
  CHECK(matched("/livez", "/livez/") == "no match");
  CHECK(matched("/livez", "/live") == "no match");
  CHECK(matched("/livez", "/") == "no match");
  CHECK(matched("/loans/{id}/repayments", "/loans/abc/repayments") == "abc");
  CHECK(matched("/loans/{id}/repayments", "/loans//repayments") == "no match");
  CHECK(matched("/loans/{id}/repayments", "/loans/abc/repayments/x") == "no match");
  CHECK(matched("/loans/{id}/repayments", "/loans/abc") == "no match");
  CHECK(matched("/loans/{id}", "/loans/") == "no match");
  CHECK(matched("/loans/{id}", "/loans/a/b") == "no match");
  CHECK(matched("/finance/accounts/{id}/transactions/{transaction_id}",
                "/finance/accounts/a1/transactions/t9")
        == "a1,t9");
  CHECK(matched("/finance/accounts/{id}", "finance/accounts/a1") == "no match");
  CHECK(parameter_count("/finance/accounts/{id}/transactions/{transaction_id}") == 2);
  CHECK(parameter_count("/livez") == 0);
  CHECK(parameter_count("/{x}") == 1);
}

TEST_CASE("the router finds each route by its table, and names it by its pattern") {
  CHECK(router::route_label("/finance/accounts/a1/transactions/t9")
        == "/finance/accounts/{id}/transactions/{transaction_id}");
  CHECK(router::route_label("/social/groups/g1/members/u1") == "/social/groups/{id}/members/{user_id}");
  CHECK(router::route_label("/finance/tax/2026") == "/finance/tax/{year}");
  CHECK(router::route_label("/loans/l1/what-if") == "/loans/{id}/what-if");
  CHECK(router::route_label("/loans/l1/nothing") == "other");
  CHECK(router::route_label("/finance/accounts/") == "other");
  auto needs_caller = [](std::string_view path) {
    return router::placement_of("GET", path).needs_caller;
  };
  CHECK(needs_caller("/loans/l1"));
  CHECK(needs_caller("/finance/transfers/t1"));
  CHECK(router::placement_of("PUT", "/loans/l1").needs_caller); // under any method
  CHECK_FALSE(needs_caller("/auth/login"));
  CHECK_FALSE(needs_caller("/livez"));
  CHECK_FALSE(needs_caller("/nowhere"));
  auto entity = [](std::string_view method, std::string_view path) {
    return std::string(router::placement_of(method, path).entity);
  };
  CHECK(entity("GET", "/social/groups/g1/activity") == "g1");
  CHECK(entity("GET", "/social/groups/g1") == "g1");
  CHECK(entity("DELETE", "/social/groups/g1/members/u1") == "g1");
  CHECK(entity("POST", "/loans/l1/repayments") == "l1");
  CHECK(entity("GET", "/loans/l1/repayments").empty()); // no such route: served where it arrives
  CHECK(entity("GET", "/social/groups/g1/activity/x").empty());
  CHECK(entity("GET", "/social/groups").empty());
  CHECK(entity("GET", "/finance/accounts/a1").empty());
  CHECK(entity("GET", "/loans").empty());
}

TEST_CASE("a cluster's front finds how each route is placed from its table") {
  // Views that span owners, each with its merge.
  for (auto [method, path] : {std::pair{"GET", "/loans"}, std::pair{"GET", "/social/groups"},
                              std::pair{"GET", "/social/balances"}}) {
    const auto* route = router::placement_of(method, path).route;
    REQUIRE(route != nullptr);
    CHECK((route->flags & every_node) != 0);
    CHECK(static_cast<bool>(route->merge));
  }
  // Routes that create an entity placed by its own id.
  for (auto path : {"/loans", "/social/groups"}) {
    const auto* route = router::placement_of("POST", path).route;
    REQUIRE(route != nullptr);
    CHECK((route->flags & new_entity) != 0);
  }
  // Everything else: the caller's node or the entity's, with no merge.
  for (const auto& r : router::shapes()) {
    CHECK(((r.flags & every_node) != 0) == (r.merge != nullptr));
    if ((r.flags & every_node) != 0)
      CHECK(r.method == std::string_view("GET"));
  }
  CHECK_FALSE(static_cast<bool>(router::placement_of("GET", "/finance/accounts").route->merge));
  CHECK(router::placement_of("PUT", "/loans").route == nullptr);
  CHECK(router::placement_of("GET", "/nowhere").route == nullptr);
}

TEST_CASE("no two routes of one method match the same path") {
  const auto all = router::shapes();
  for (std::size_t i = 0; i < all.size(); ++i) {
    // A path that fits route i: each {param} filled with a value no literal has.
    std::string path(all[i].pattern);
    for (auto open = path.find('{'); open != std::string::npos; open = path.find('{'))
      path.replace(open, path.find('}', open) - open + 1, "x-1");
    for (std::size_t j = 0; j < all.size(); ++j) {
      path_params p;
      if (i == j || all[i].method != all[j].method)
        continue;
      CAPTURE(all[i].pattern);
      CAPTURE(all[j].pattern);
      CHECK_FALSE(match_pattern(all[j].pattern, path, p));
    }
  }
}

TEST_CASE("the tables' Idempotency-Key and token flags are what the OpenAPI document says") {
  boost::system::error_code ec;
  auto doc = boost::json::parse(openapi_document(), ec);
  REQUIRE_FALSE(ec);
  std::set<std::string> documented, flagged, documented_open, flagged_open;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, operation] : item.as_object()) {
      // No token: "security": [] on the operation.
      if (const auto* security = operation.as_object().if_contains("security");
          security != nullptr && security->as_array().empty())
        documented_open.insert(std::string(method) + " " + std::string(path));
      if (!operation.as_object().contains("parameters"))
        continue;
      for (const auto& parameter : operation.at("parameters").as_array())
        if (parameter.as_object().contains("$ref")
            && parameter.at("$ref").as_string().ends_with("/IdempotencyKey"))
          documented.insert(std::string(method) + " " + std::string(path));
    }
  for (const auto& r : router::shapes()) {
    std::string method(r.method);
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if ((r.flags & idempotent) != 0)
      flagged.insert(method + " " + std::string(r.pattern));
    if ((r.flags & signed_in) == 0)
      flagged_open.insert(method + " " + std::string(r.pattern));
  }
  CHECK_FALSE(flagged.empty());
  CHECK(flagged == documented);
  // Only the probes, the document, sign-in itself and reference data go
  // without a token, and the document says which.
  CHECK(flagged_open.contains("post /auth/login"));
  CHECK(flagged_open.contains("get /finance/currencies"));
  CHECK_FALSE(flagged_open.contains("get /finance/categories"));
  CHECK(flagged_open == documented_open);
}
