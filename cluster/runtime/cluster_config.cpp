#include "cluster/runtime/cluster_config.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <set>

namespace pfms {

namespace {

failure bad(std::string what) {
  return make_failure(runtime_errc::unavailable, "cluster_nodes: " + std::move(what));
}

bool valid_id(std::string_view id) {
  return !id.empty() && id.size() <= node_id_max
         && std::all_of(id.begin(), id.end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            });
}

result<cluster_member> member_of(std::string_view entry) {
  const auto eq = entry.find('=');
  const auto colon = entry.rfind(':');
  if (eq == std::string_view::npos || colon == std::string_view::npos || colon < eq)
    return bad("each entry must be id=host:port, got '" + std::string(entry) + "'");
  cluster_member m{std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1, colon - eq - 1)), 0};
  if (!valid_id(m.id))
    return bad("node ids are 1 to 32 of a-z 0-9 _ -, got '" + m.id + "'");
  if (m.host.empty())
    return bad("node " + m.id + " has no host");
  const auto port_text = entry.substr(colon + 1);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
  if (ec != std::errc{} || end != port_text.data() + port_text.size() || value == 0 || value > 65535)
    return bad("node " + m.id + " needs a port 1..65535, got '" + std::string(port_text) + "'");
  m.port = static_cast<std::uint16_t>(value);
  return m;
}

} // namespace

const cluster_member& cluster_config::self() const {
  auto it = std::find_if(members.begin(), members.end(),
                         [&](const cluster_member& m) { return m.id == self_id; });
  assert(it != members.end());
  return *it;
}

std::vector<std::string> cluster_config::node_ids() const {
  std::vector<std::string> out;
  for (const auto& m : members)
    out.push_back(m.id);
  return out;
}

std::string address_of(const cluster_member& m) {
  return m.host + ":" + std::to_string(m.port);
}

result<cluster_config> parse_cluster_config(std::string_view self_id, std::string_view nodes) {
  cluster_config out;
  out.self_id = std::string(self_id);
  if (nodes.empty()) {
    if (!self_id.empty() && !valid_id(self_id))
      return bad("node_id must be 1 to 32 of a-z 0-9 _ -");
    return out;
  }
  std::set<std::string> ids;
  std::set<std::string> addresses;
  std::size_t start = 0;
  while (start <= nodes.size()) {
    const auto comma = std::min(nodes.find(',', start), nodes.size());
    auto m = member_of(nodes.substr(start, comma - start));
    if (!m)
      return m.error();
    if (!ids.insert(m->id).second)
      return bad("node " + m->id + " is listed twice");
    if (!addresses.insert(address_of(*m)).second)
      return bad("two nodes share " + address_of(*m));
    out.members.push_back(std::move(*m));
    if (out.members.size() > cluster_nodes_max)
      return bad("at most 64 nodes");
    start = comma + 1;
  }
  if (!ids.contains(out.self_id))
    return bad("node_id '" + out.self_id + "' is not one of the configured nodes");
  return out;
}

} // namespace pfms
