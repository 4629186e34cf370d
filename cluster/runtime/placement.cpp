#include "cluster/runtime/placement.hpp"

#include <cassert>

namespace pfms {

namespace {

constexpr std::uint64_t fnv_offset = 14'695'981'039'346'656'037ull;
constexpr std::uint64_t fnv_prime = 1'099'511'628'211ull;

std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
  for (const unsigned char c : bytes) {
    h ^= c;
    h *= fnv_prime;
  }
  return h;
}

std::uint64_t splitmix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

} // namespace

std::uint64_t rendezvous_score(std::string_view node_id, std::string_view shard_key) {
  auto h = fnv1a(fnv_offset, node_id);
  h = fnv1a(h, std::string_view("\0", 1));
  return splitmix64(fnv1a(h, shard_key));
}

std::size_t owner_index(std::string_view shard_key, const std::vector<std::string>& node_ids) {
  assert(!node_ids.empty());
  std::size_t best = 0;
  std::uint64_t best_score = rendezvous_score(node_ids[0], shard_key);
  for (std::size_t i = 1; i < node_ids.size(); ++i) {
    const auto score = rendezvous_score(node_ids[i], shard_key);
    if (score > best_score || (score == best_score && node_ids[i] < node_ids[best])) {
      best = i;
      best_score = score;
    }
  }
  return best;
}

} // namespace pfms
