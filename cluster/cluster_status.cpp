#include "cluster/cluster_status.hpp"

#include <algorithm>
#include <array>

namespace pfms {

std::string_view to_string(peer_state s) {
  static constexpr std::array<std::string_view, 4> names{"", "connecting", "up", "down"};
  return names[static_cast<std::size_t>(s)];
}

cluster_status::cluster_status(const cluster_config& config, time_us now_us) : config_(config) {
  for (const auto& m : config.members)
    if (m.id != config.self_id)
      peers_.push_back({m, peer_state::connecting, now_us, {}, 0, 0});
}

std::vector<peer_status> cluster_status::peers() const {
  std::lock_guard lock(mutex_);
  return peers_;
}

bool cluster_status::is_up(std::string_view id) const {
  std::lock_guard lock(mutex_);
  return std::any_of(peers_.begin(), peers_.end(), [&](const peer_status& p) {
    return p.member.id == id && p.state == peer_state::up;
  });
}

void cluster_status::update(const peer_status& status) {
  std::lock_guard lock(mutex_);
  for (auto& p : peers_)
    if (p.member.id == status.member.id)
      p = status;
}

} // namespace pfms
