#pragma once

// What the bridge (http/runtime/bridge.hpp) waits for: the callback of each
// request it made, by ticket, and one monitor per remote target that
// requests wait on. The callbacks live here, not in CAF's reply handlers
// (those hold a ticket only), so that when the front stops the bridge
// answers and drops them all while what they hold of the I/O threads (the
// sessions) can still be destroyed, and a target that goes down answers its
// waiting requests at once.

#include "events/failure.hpp"
#include "events/result.hpp"

#include <caf/actor_addr.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/system_messages.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>

namespace pfms::http::internal {

/// A callback the bridge holds, of any reply type.
struct pending_reply {
  virtual ~pending_reply() = default;
  virtual void fail(const failure& why) = 0;
};

template <class Reply>
struct pending_reply_of final : pending_reply {
  explicit pending_reply_of(std::function<void(result<Reply>)> given) : done(std::move(given)) {}
  void fail(const failure& why) override { done(why); }
  std::function<void(result<Reply>)> done;
};

class bridge_book {
public:
  static constexpr std::size_t waiting_max = 100'000; ///< requests waiting at once

  /// Holds `done` until `take(ticket)`; with `watched`, until that target
  /// goes down (on_down), monitored once however many requests wait on it.
  /// Nothing (and `done` answered `unavailable`) past `waiting_max`.
  template <class Reply>
  std::optional<std::uint64_t> add(caf::event_based_actor* self,
                                   std::function<void(result<Reply>)> done,
                                   std::optional<caf::actor_addr> watched = std::nullopt) {
    if (pending_.size() >= waiting_max) {
      done(make_failure(runtime_errc::unavailable, "too many requests waiting; retry shortly"));
      return std::nullopt;
    }
    const auto ticket = ++last_ticket_;
    pending_.emplace(ticket, entry{std::make_unique<pending_reply_of<Reply>>(std::move(done)),
                                   watched});
    if (watched) {
      auto& waiting = watching_[*watched];
      if (waiting.empty())
        self->monitor(*watched);
      waiting.insert(ticket);
    }
    return ticket;
  }

  /// The callback of `ticket`, no longer held; null when it was answered
  /// already (its target went down, or the bridge drained).
  template <class Reply>
  std::function<void(result<Reply>)> take(caf::event_based_actor* self, std::uint64_t ticket) {
    auto it = pending_.find(ticket);
    if (it == pending_.end())
      return nullptr;
    auto held = std::move(it->second);
    pending_.erase(it);
    if (held.watched)
      unwatch(self, *held.watched, ticket);
    return std::move(static_cast<pending_reply_of<Reply>&>(*held.reply).done);
  }

  /// `down.source` is gone: every request waiting on it answers
  /// `node_unavailable`.
  void on_down(const caf::down_msg& down);

  /// Answers every request still held `why`, and drops their callbacks.
  void drain(const failure& why);

  [[nodiscard]] std::size_t waiting() const { return pending_.size(); }
  [[nodiscard]] std::size_t watched_targets() const { return watching_.size(); }

private:
  struct entry {
    std::unique_ptr<pending_reply> reply;
    std::optional<caf::actor_addr> watched;
  };

  void unwatch(caf::event_based_actor* self, const caf::actor_addr& target, std::uint64_t ticket);

  std::map<std::uint64_t, entry> pending_;
  std::map<caf::actor_addr, std::set<std::uint64_t>> watching_;
  std::uint64_t last_ticket_ = 0;
};

} // namespace pfms::http::internal
