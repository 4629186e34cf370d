#pragma once

// The bridge's watch on the remote actors it is waiting for: one monitor per
// target however many requests wait on it, so a request to a node that dies
// answers at once, with no actor spawned per request to watch it.

#include <caf/actor_addr.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/system_messages.hpp>

#include <cassert>
#include <cstdint>
#include <functional>
#include <map>
#include <utility>

namespace pfms::http::internal {

class bridge_watch {
public:
  /// Until `forget(target, id)`, calls `lost()` once if `target` goes down;
  /// answers the id. Only in the context of `self`, whose down handler
  /// calls `on_down`.
  std::uint64_t watch(caf::event_based_actor* self, const caf::actor_addr& target,
                      std::function<void()> lost) {
    auto& waiting = waiting_[target];
    if (waiting.empty())
      self->monitor(target);
    const auto id = ++last_id_;
    waiting.emplace(id, std::move(lost));
    return id;
  }

  /// The request `id` was answered: no longer watched for.
  void forget(caf::event_based_actor* self, const caf::actor_addr& target, std::uint64_t id) {
    auto it = waiting_.find(target);
    if (it == waiting_.end())
      return; // its target went down, and it heard so
    it->second.erase(id);
    if (it->second.empty()) {
      self->demonitor(target);
      waiting_.erase(it);
    }
  }

  /// `down.source` is gone: everything waiting on it hears so.
  void on_down(const caf::down_msg& down) {
    auto it = waiting_.find(down.source);
    if (it == waiting_.end())
      return;
    auto lost = std::move(it->second);
    waiting_.erase(it);
    for (auto& [id, tell] : lost)
      tell();
  }

  /// Targets watched now (for tests).
  [[nodiscard]] std::size_t targets() const { return waiting_.size(); }

private:
  std::map<caf::actor_addr, std::map<std::uint64_t, std::function<void()>>> waiting_;
  std::uint64_t last_id_ = 0;
};

} // namespace pfms::http::internal
