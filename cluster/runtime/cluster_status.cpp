#include "cluster/runtime/cluster_status.hpp"

#include <algorithm>
#include <array>

namespace pfms {

std::string_view to_string(peer_state s) {
  static constexpr std::array<std::string_view, 4> names{"", "connecting", "up", "down"};
  return names[static_cast<std::size_t>(s)];
}

cluster_status::cluster_status(const cluster_config& config, time_us now_us)
  : config_(config), node_ids_(config.node_ids()) {
  for (const auto& m : config.members)
    if (m.id != config.self_id)
      peers_.push_back({m, peer_state::connecting, now_us, {}, 0, 0});
  directories_.resize(peers_.size());
}

std::vector<peer_status> cluster_status::peers() const {
  std::lock_guard lock(mutex_);
  return peers_;
}

node_directories cluster_status::directories_of(std::string_view id) const {
  std::lock_guard lock(mutex_);
  if (id == config_.self_id)
    return own_;
  for (std::size_t i = 0; i < peers_.size(); ++i)
    if (peers_[i].member.id == id && peers_[i].state == peer_state::up)
      return directories_[i];
  return {};
}

void cluster_status::set_own(node_directories own) {
  std::lock_guard lock(mutex_);
  own_ = std::move(own);
}

void cluster_status::update(const peer_status& status, node_directories directories) {
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < peers_.size(); ++i)
    if (peers_[i].member.id == status.member.id) {
      peers_[i] = status;
      directories_[i] = status.state == peer_state::up ? std::move(directories) : node_directories{};
    }
}

} // namespace pfms
