#include "cluster/runtime/membership.hpp"

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/atom.hpp>
#include <caf/io/middleman.hpp>
#include <caf/io/middleman_actor.hpp>
#include <caf/stateful_actor.hpp>

#include <algorithm>
#include <chrono>

namespace pfms {

namespace {

using connect_peer_atom = caf::atom_constant<caf::atom("connpeer")>;
using heartbeat_atom = caf::atom_constant<caf::atom("heartbeat")>;
using steady = std::chrono::steady_clock;

constexpr std::chrono::seconds connect_timeout{2};

struct peer_link {
  peer_status status;
  node_actor handle;          ///< while up
  node_directories directories; ///< the peer's, while up
  std::uint32_t attempt = 0;  ///< failed connects in a row
  bool connecting = false;
  bool ping_in_flight = false;
};

struct membership_state {
  std::vector<peer_link> peers;
  static inline const char* name = "membership";
};

using self_ptr = caf::stateful_actor<membership_state>*;

struct context {
  cluster_status* status;
  const clock* time;
};

std::chrono::milliseconds backoff(const cluster_config& c, std::uint32_t attempt) {
  const auto delay = c.reconnect_first * (1u << std::min(attempt, 10u));
  return std::min<std::chrono::milliseconds>(delay, c.reconnect_max);
}

peer_link* find(self_ptr self, const std::string& id) {
  for (auto& p : self->state.peers)
    if (p.status.member.id == id)
      return &p;
  return nullptr;
}

void publish(const context& ctx, const peer_link& p) {
  ctx.status->update(p.status, p.directories);
}

// The connection failed or dropped: down (if it was up), and try again later.
void lose(self_ptr self, const context& ctx, peer_link& p, std::string why) {
  const auto& config = ctx.status->config();
  if (p.handle) {
    self->demonitor(p.handle.address());
    p.handle = node_actor{};
    p.directories = {};
  }
  if (p.status.state == peer_state::up) {
    p.status.state = peer_state::down;
    p.status.since_us = ctx.time->now_us();
  }
  p.status.last_error = std::move(why);
  p.connecting = false;
  p.ping_in_flight = false;
  publish(ctx, p);
  self->delayed_send(self, backoff(config, p.attempt++), connect_peer_atom::value,
                     p.status.member.id);
}

// Asks the node at the peer's address who it is; up when it is the configured one.
void greet(self_ptr self, const context& ctx, const std::string& id, node_actor handle) {
  const auto& config = ctx.status->config();
  const auto sent = steady::now();
  self->request(handle, config.peer_timeout, node_ping{config.self_id})
    .then(
      [=](node_pong& pong) {
        auto* p = find(self, id);
        if (p == nullptr)
          return;
        if (pong.node_id != id)
          return lose(self, ctx, *p, "the node at " + address_of(p->status.member) + " is '"
                                       + pong.node_id + "', not '" + id + "'");
        p->connecting = false;
        p->attempt = 0;
        p->handle = handle;
        p->directories = pong.directories;
        self->monitor(handle);
        p->status.state = peer_state::up;
        p->status.since_us = ctx.time->now_us();
        p->status.last_error.clear();
        p->status.round_trip_us = static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - sent).count());
        ++p->status.connects;
        publish(ctx, *p);
      },
      [=](caf::error& error) {
        if (auto* p = find(self, id))
          lose(self, ctx, *p, "no answer to the first ping: " + self->system().render(error));
      });
}

void connect(self_ptr self, const context& ctx, const std::string& id) {
  auto* p = find(self, id);
  if (p == nullptr || p->connecting || p->handle)
    return;
  p->connecting = true;
  const auto member = p->status.member;
  self->request(self->system().middleman().actor_handle(), connect_timeout,
                caf::connect_atom::value, member.host, member.port)
    .then(
      [=](caf::node_id&, caf::strong_actor_ptr& published, std::set<std::string>&) {
        if (!published) {
          if (auto* q = find(self, id))
            lose(self, ctx, *q, "nothing is published at " + address_of(member));
          return;
        }
        greet(self, ctx, id, caf::actor_cast<node_actor>(published));
      },
      [=](caf::error& error) {
        if (auto* q = find(self, id))
          lose(self, ctx, *q, "connecting to " + address_of(member) + " failed: "
                                + self->system().render(error));
      });
}

// Pings every up peer that has no ping in flight; a ping unanswered within
// peer_timeout takes the peer down.
void beat(self_ptr self, const context& ctx) {
  const auto& config = ctx.status->config();
  for (auto& p : self->state.peers) {
    if (!p.handle || p.ping_in_flight)
      continue;
    p.ping_in_flight = true;
    const auto id = p.status.member.id;
    const auto sent = steady::now();
    self->request(p.handle, config.peer_timeout, node_ping{config.self_id})
      .then(
        [=](node_pong&) {
          if (auto* q = find(self, id)) {
            q->ping_in_flight = false;
            q->status.round_trip_us = static_cast<std::uint64_t>(
              std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - sent).count());
            publish(ctx, *q);
          }
        },
        [=](caf::error& error) {
          if (auto* q = find(self, id); q && q->handle)
            lose(self, ctx, *q, "heartbeat unanswered: " + self->system().render(error));
        });
  }
  self->delayed_send(self, config.heartbeat, heartbeat_atom::value);
}

caf::behavior membership_fn(self_ptr self, context ctx) {
  for (const auto& p : ctx.status->peers())
    self->state.peers.push_back({p, node_actor{}, {}, 0, false, false});
  self->set_down_handler([=](const caf::down_msg& down) {
    for (auto& p : self->state.peers)
      if (p.handle && p.handle.address() == down.source)
        lose(self, ctx, p, "the connection dropped");
  });
  for (const auto& p : self->state.peers)
    self->send(self, connect_peer_atom::value, p.status.member.id);
  self->send(self, heartbeat_atom::value);
  return {
    [=](connect_peer_atom, const std::string& id) { connect(self, ctx, id); },
    [=](heartbeat_atom) { beat(self, ctx); },
  };
}

} // namespace

void register_cluster_types(caf::actor_system_config& cfg) {
  register_interface<node_actor>(cfg);
  register_interface<front_actor>(cfg);
  cfg.add_message_type<node_actor>("pfms.node_actor");
  cfg.add_message_type<front_actor>("pfms.front_actor");
  cfg.add_message_type<login_guard_actor>("pfms.login_guard_actor");
  cfg.add_message_type<erasure_courier_actor>("pfms.erasure_courier_actor");
}

node_actor::behavior_type node_actor_fn(node_actor::pointer, std::string node_id,
                                        node_directories directories) {
  return {
    [=](const node_ping&) { return node_pong{node_id, directories}; },
  };
}

void configure_middleman(caf::actor_system_config& cfg, const cluster_config& config) {
  if (!config.clustered())
    return;
  cfg.set("middleman.heartbeat-interval", caf::timespan{config.heartbeat});
  cfg.set("middleman.connection-timeout", caf::timespan{config.peer_timeout * 2});
}

void cluster_actors::stop() const {
  if (membership)
    caf::anon_send_exit(membership, caf::exit_reason::user_shutdown);
  if (node)
    caf::anon_send_exit(node, caf::exit_reason::user_shutdown);
}

result<cluster_actors> start_cluster(caf::actor_system& system, cluster_status& status,
                                     const clock& time, node_directories local) {
  const auto& config = status.config();
  if (!config.clustered())
    return cluster_actors{};
  status.set_own(local);
  auto node = system.spawn(node_actor_fn, config.self_id, std::move(local));
  const auto& self = config.self();
  auto port = system.middleman().publish(node, self.port, self.host.c_str(), true);
  if (!port)
    return make_failure(runtime_errc::unavailable, "the cluster port " + address_of(self)
                                                     + " cannot be opened: " + system.render(port.error()));
  auto membership = system.spawn(membership_fn, context{&status, &time});
  return cluster_actors{node, membership};
}

} // namespace pfms
