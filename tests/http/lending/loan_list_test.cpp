// The merge of the nodes' pages of GET /loans (http/lending/loan_list.cpp).

#include "http/lending/loan_routes.hpp"

#include <boost/json/parse.hpp>
#include <doctest/doctest.h>

using namespace pfms;

namespace {

// A node's page: loans `ids` (in id order), `missing` loans that did not answer.
node_part page(std::string node, std::vector<std::string> ids, std::vector<std::string> missing = {}) {
  std::string items, gone;
  for (const auto& id : ids)
    items += std::string(items.empty() ? "" : ",") + R"({"role":"lender","loan":{"id":")" + id
             + "\"}}";
  for (const auto& id : missing)
    gone += std::string(gone.empty() ? "" : ",") + "\"" + id + "\"";
  return {std::move(node),
          http_response{200, "application/json",
                        R"({"items":[)" + items + R"(],"missing_loans":[)" + gone
                          + R"(],"missing_nodes":[],"next_page_token":null})",
                        {}}};
}

http_request list(std::string query) {
  http_request r;
  r.method = "GET";
  r.path = "/loans";
  r.query = std::move(query);
  return r;
}

std::vector<std::string> ids_of(const boost::json::value& body) {
  std::vector<std::string> out;
  for (const auto& item : body.at("items").as_array())
    out.emplace_back(item.at("loan").at("id").as_string());
  return out;
}

} // namespace

TEST_CASE("the nodes' pages of loans make one page: the first `limit` in id order, and the token after it") {
  const std::vector<node_part> parts{page("n1", {"b", "d", "f"}), page("n2", {"a", "c"}, {"e"}),
                                     page("n3", {})};
  auto first = boost::json::parse(loan_routes::merge_pages(list("limit=3"), parts).body);
  CHECK(ids_of(first) == std::vector<std::string>{"a", "b", "c"});
  CHECK(first.at("next_page_token").as_string() == "c");
  CHECK(first.at("missing_loans").as_array().empty());
  CHECK(first.at("missing_nodes").as_array().empty());
  // A loan that did not answer keeps its place in the order.
  auto five = boost::json::parse(loan_routes::merge_pages(list("limit=5"), parts).body);
  CHECK(ids_of(five) == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(five.at("missing_loans").as_array().size() == 1);
  CHECK(five.at("missing_loans").as_array()[0].as_string() == "e");
  CHECK(five.at("next_page_token").as_string() == "e");
  // Fewer than `limit`: the last page.
  auto all = boost::json::parse(loan_routes::merge_pages(list(""), parts).body);
  CHECK(ids_of(all).size() == 5);
  CHECK(all.at("next_page_token").is_null());
}

TEST_CASE("a node that gave no page, or one of another shape, is named as missing") {
  const std::vector<node_part> parts{page("n1", {"a"}), {"n2", std::nullopt},
                                     {"n3", http_response{200, "application/json", "[1]", {}}}};
  auto body = boost::json::parse(loan_routes::merge_pages(list(""), parts).body);
  CHECK(ids_of(body) == std::vector<std::string>{"a"});
  const auto& missing = body.at("missing_nodes").as_array();
  REQUIRE(missing.size() == 2);
  CHECK(missing[0].as_string() == "n2");
  CHECK(missing[1].as_string() == "n3");
}
