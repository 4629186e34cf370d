#include "actors/social/core/group_split.hpp"

#include "actors/social/core/group_error.hpp"

#include <algorithm>
#include <numeric>
#include <set>

namespace pfms {

namespace {

__extension__ typedef __int128 wide;

failure bad(std::string why) {
  return make_failure(group_errc::invalid_split, std::move(why));
}

// Largest-remainder apportionment of `amount` by `weights` (Σ > 0): floors,
// then one unit each to the largest remainders, ties to the earlier part.
std::vector<std::int64_t> apportion(std::int64_t amount, const std::vector<std::int64_t>& weights) {
  const wide total = std::accumulate(weights.begin(), weights.end(), wide{0});
  std::vector<std::int64_t> out(weights.size());
  std::vector<wide> remainder(weights.size());
  wide given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const wide exact = static_cast<wide>(amount) * weights[i];
    out[i] = static_cast<std::int64_t>(exact / total);
    remainder[i] = exact % total;
    given += out[i];
  }
  std::vector<std::size_t> order(weights.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t k = 0; given < amount; ++k, ++given)
    ++out[order[k]];
  return out;
}

status check_parts(const std::vector<split_part>& parts) {
  if (parts.empty() || parts.size() > split_parts_max)
    return bad("a split names 1 to 50 members");
  std::set<std::string_view> seen;
  for (const auto& p : parts) {
    if (!seen.insert(p.user_id).second)
      return bad("member " + p.user_id + " appears twice in the split");
    if (p.value < 0)
      return bad("split values must not be negative");
  }
  return done{};
}

wide sum_of(const std::vector<split_part>& parts) {
  wide sum = 0;
  for (const auto& p : parts)
    sum += p.value;
  return sum;
}

} // namespace

result<split_method> parse_split_method(std::string_view text) {
  for (auto m : {split_method::equal, split_method::exact, split_method::percent,
                 split_method::shares})
    if (to_string(m) == text)
      return m;
  return bad("method must be equal, exact, percent or shares");
}

std::string_view to_string(split_method method) {
  switch (method) {
    case split_method::equal: return "equal";
    case split_method::exact: return "exact";
    case split_method::percent: return "percent";
    case split_method::shares: return "shares";
  }
  return "unknown";
}

result<std::vector<member_amount>> split_amount(std::int64_t amount_minor, split_method method,
                                                const std::vector<split_part>& parts) {
  if (auto ok = check_parts(parts); !ok)
    return ok.error();
  std::vector<std::int64_t> weights;
  for (const auto& p : parts)
    weights.push_back(method == split_method::equal ? 1 : p.value);
  const auto total = sum_of(parts);
  if (method == split_method::exact && total != amount_minor)
    return bad("exact parts sum to " + std::to_string(static_cast<std::int64_t>(total))
               + ", not " + std::to_string(amount_minor));
  if (method == split_method::percent && total != 10'000)
    return bad("percent parts are basis points and must sum to 10000");
  if (method == split_method::shares && total == 0)
    return bad("at least one share must be greater than 0");
  const auto owed = method == split_method::exact
                      ? weights
                      : apportion(amount_minor, weights);
  std::vector<member_amount> out;
  for (std::size_t i = 0; i < parts.size(); ++i)
    out.push_back({parts[i].user_id, owed[i]});
  return out;
}

} // namespace pfms
