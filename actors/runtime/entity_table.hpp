#pragma once

// A directory's live entities: one actor per id, spawned on first use
// (virtual actors), asked to stop once idle (passivation), and woken again by
// its next message (a due durable timer's wake among them).
//
//   absent ──message──► live ──idle past `idle_after`──► stopping ──stopped──► absent
//                         ▲                                 │ busy
//                         └─────────────────────────────────┘
//
// While an entity stops, its messages wait here (at most `stash_max`) and go
// to its next incarnation, which starts once the last one answered: two
// actors of one id never write at once.

#include "actors/runtime/passivation.hpp"
#include "events/caf_error.hpp"
#include "events/store_error.hpp"

#include <caf/actor_clock.hpp>
#include <caf/send.hpp>
#include <caf/system_messages.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pfms::runtime {

struct table_settings {
  std::chrono::milliseconds idle_after{300'000}; ///< idle this long, an entity stops
  std::size_t stash_max = 1024;   ///< messages held for one stopping entity
  std::size_t sweep_max = 10'000; ///< entities asked to stop per sweep
  std::atomic<std::uint64_t>* gauge = nullptr; ///< optional: follows the live count
};

template <class Entity>
class entity_table {
public:
  using time_point = caf::actor_clock::time_point;
  using spawn_fn = std::function<Entity(const std::string& id)>;

  void configure(spawn_fn spawn, table_settings settings) {
    spawn_ = std::move(spawn);
    settings_ = settings;
  }

  /// Delegates the request `xs...` to entity `id` (spawned if absent), or
  /// holds it while the entity stops.
  template <class... Outs, class Self, class... Ts>
  caf::result<Outs...> ask(Self self, const std::string& id, Ts&... xs) {
    auto& s = slot_of(self, id);
    if (!s.stopping)
      return self->delegate(s.actor, std::move(xs)...);
    if (s.stash.size() >= settings_.stash_max)
      return to_caf_error(make_failure(store_errc::overloaded, "too many requests for one entity"));
    auto promise = self->template make_response_promise<Outs...>();
    s.stash.emplace_back([promise, args = std::make_tuple(std::move(xs)...)](
                           const Entity& to) mutable {
      std::apply([&](auto&... ys) { promise.delegate(to, std::move(ys)...); }, args);
    });
    return promise;
  }

  /// Sends the one-way message `xs...` to entity `id`, as `ask` does.
  template <class Self, class... Ts>
  void tell(Self self, const std::string& id, Ts&... xs) {
    auto& s = slot_of(self, id);
    if (!s.stopping) {
      self->send(s.actor, std::move(xs)...);
      return;
    }
    if (s.stash.size() < settings_.stash_max)
      s.stash.emplace_back([args = std::make_tuple(std::move(xs)...)](const Entity& to) mutable {
        std::apply([&](auto&... ys) { caf::anon_send(to, std::move(ys)...); }, args);
      });
  }

  /// Asks the entities idle since before `now - idle_after` to stop, at most
  /// `sweep_max`; whether more may be idle.
  template <class Self>
  bool passivate_idle(Self self, time_point now) {
    std::size_t asked = 0;
    while (!idle_order_.empty() && asked < settings_.sweep_max) {
      const std::string id = idle_order_.front();
      auto& s = slots_.at(id);
      if (now - s.used < settings_.idle_after)
        return false;
      idle_order_.pop_front();
      s.stopping = true;
      ++asked;
      ask_to_stop(self, id, s.actor);
    }
    return !idle_order_.empty();
  }

  /// An entity stopped without being asked to (a failed append, an unknown id):
  /// forgotten, and what waited for it goes to a new one.
  template <class Self>
  void on_down(Self self, const caf::down_msg& down) {
    auto it = id_of_.find(down.source.id());
    if (it == id_of_.end())
      return;
    const std::string id = it->second;
    gone(self, id, down.source.id());
  }

  /// Whether `id` has an actor, live or stopping.
  [[nodiscard]] bool holds(const std::string& id) const { return slots_.contains(id); }

  /// How many entities stopped since the last call.
  std::size_t take_stopped() { return std::exchange(stopped_, 0); }

private:
  struct slot {
    Entity actor;
    time_point used;
    std::list<std::string>::iterator in_order; ///< valid unless stopping
    bool stopping = false;
    std::vector<std::function<void(const Entity&)>> stash;
  };

  // The slot of `id`, marked used now: the live one, else a new one spawned.
  template <class Self>
  slot& slot_of(Self self, const std::string& id) {
    const auto now = self->clock().now();
    if (auto it = slots_.find(id); it != slots_.end()) {
      auto& s = it->second;
      if (!s.stopping) {
        idle_order_.splice(idle_order_.end(), idle_order_, s.in_order);
        s.used = now;
      }
      return s;
    }
    return start(self, id, now);
  }

  template <class Self>
  slot& start(Self self, const std::string& id, time_point now) {
    auto actor = spawn_(id);
    self->monitor(actor);
    idle_order_.push_back(id);
    auto& s = slots_[id];
    s = slot{actor, now, std::prev(idle_order_.end()), false, {}};
    id_of_[actor.id()] = id;
    publish();
    return s;
  }

  template <class Self>
  void ask_to_stop(Self self, const std::string& id, const Entity& actor) {
    const auto actor_id = actor.id();
    self->request(actor, caf::infinite, passivate_atom::value)
      .then(
        [this, self, id, actor_id](passivate_reply& reply) {
          if (reply.stopped)
            gone(self, id, actor_id);
          else
            resume(self, id, actor_id);
        },
        [this, self, id, actor_id](caf::error&) { gone(self, id, actor_id); });
  }

  // The entity refused to stop (busy): it serves on, first what waited for it.
  template <class Self>
  void resume(Self self, const std::string& id, caf::actor_id actor_id) {
    auto it = slots_.find(id);
    if (it == slots_.end() || it->second.actor.id() != actor_id || !it->second.stopping)
      return;
    auto& s = it->second;
    s.stopping = false;
    s.used = self->clock().now();
    idle_order_.push_back(id);
    s.in_order = std::prev(idle_order_.end());
    flush(s.stash, s.actor);
  }

  // Incarnation `actor_id` of `id` stopped.
  template <class Self>
  void gone(Self self, const std::string& id, caf::actor_id actor_id) {
    id_of_.erase(actor_id);
    auto it = slots_.find(id);
    if (it == slots_.end() || it->second.actor.id() != actor_id)
      return;
    if (!it->second.stopping)
      idle_order_.erase(it->second.in_order);
    auto stash = std::move(it->second.stash);
    slots_.erase(it);
    ++stopped_;
    publish();
    if (!stash.empty())
      flush(stash, start(self, id, self->clock().now()).actor);
  }

  static void flush(std::vector<std::function<void(const Entity&)>>& stash, const Entity& to) {
    auto waiting = std::move(stash);
    stash.clear();
    for (auto& deliver : waiting)
      deliver(to);
  }

  void publish() const {
    if (settings_.gauge != nullptr)
      settings_.gauge->store(slots_.size(), std::memory_order_relaxed);
  }

  spawn_fn spawn_;
  table_settings settings_;
  std::unordered_map<std::string, slot> slots_;
  std::unordered_map<caf::actor_id, std::string> id_of_;
  std::list<std::string> idle_order_; ///< live, not stopping; least recently used first
  std::size_t stopped_ = 0;
};

} // namespace pfms::runtime
