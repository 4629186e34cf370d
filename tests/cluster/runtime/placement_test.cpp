// Rendezvous placement: one owner per key from the configured ids alone,
// spread evenly, and only the keys a node wins or loses move when the
// configuration changes.

#include "cluster/runtime/placement.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace pfms;

namespace {

// Random canonical-looking ids, the same on every run.
std::vector<std::string> keys(std::size_t n) {
  std::mt19937_64 random(42);
  std::vector<std::string> out;
  const char* hex = "0123456789abcdef";
  for (std::size_t i = 0; i < n; ++i) {
    std::string id(36, '-');
    for (std::size_t j = 0; j < id.size(); ++j)
      if (j != 8 && j != 13 && j != 18 && j != 23)
        id[j] = hex[random() % 16];
    out.push_back(id);
  }
  return out;
}

const std::vector<std::string> three{"n1", "n2", "n3"};

} // namespace

TEST_CASE("the owner is the node with the highest score, whatever the configured order") {
  const std::vector<std::string> reversed{"n3", "n2", "n1"};
  for (const auto& key : keys(1000)) {
    const auto i = owner_index(key, three);
    for (const auto& node : three)
      CHECK(rendezvous_score(three[i], key) >= rendezvous_score(node, key));
    CHECK(reversed[owner_index(key, reversed)] == three[i]);
  }
  CHECK(owner_index("anything", {"solo"}) == 0);
}

TEST_CASE("keys spread evenly over the nodes") {
  for (const auto& nodes : {three, std::vector<std::string>{"a", "b", "c", "d", "e"}}) {
    std::map<std::size_t, std::size_t> counts;
    const auto all = keys(30'000);
    for (const auto& key : all)
      ++counts[owner_index(key, nodes)];
    const double fair = static_cast<double>(all.size()) / static_cast<double>(nodes.size());
    REQUIRE(counts.size() == nodes.size());
    for (const auto& [node, count] : counts) {
      CAPTURE(nodes[node]);
      CHECK(static_cast<double>(count) > fair * 0.95);
      CHECK(static_cast<double>(count) < fair * 1.05);
    }
  }
}

TEST_CASE("adding a node moves only the keys it wins; removing one moves only its own") {
  const std::vector<std::string> four{"n1", "n2", "n3", "n4"};
  std::size_t moved = 0;
  const auto all = keys(20'000);
  for (const auto& key : all) {
    const auto before = three[owner_index(key, three)];
    const auto after = four[owner_index(key, four)];
    if (after != before) {
      CHECK(after == "n4");
      ++moved;
    }
    // Removing n4 again gives every key back to its old owner.
    CHECK(three[owner_index(key, three)] == before);
  }
  CHECK(moved > all.size() / 5); // about a quarter
  CHECK(moved < all.size() / 3);
}

TEST_CASE("the score separates node id and key") {
  // "n1" + "2x" and "n12" + "x" are different inputs.
  CHECK(rendezvous_score("n1", "2x") != rendezvous_score("n12", "x"));
  CHECK(rendezvous_score("n1", "k") == rendezvous_score("n1", "k"));
}
