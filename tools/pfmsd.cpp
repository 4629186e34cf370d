// pfmsd: one pfms node. Reads its configuration, opens the store, starts the
// actor system and the HTTP front, prints one line when ready, and shuts down
// cleanly on SIGTERM or SIGINT (exit 0).

#include "actors/identity/user_directory.hpp"
#include "actors/ledger/account_directory.hpp"
#include "actors/lending/loan_directory.hpp"
#include "actors/runtime/type_registry.hpp"
#include "actors/social/group_directory.hpp"
#include "cluster/identity/erasure_courier.hpp"
#include "cluster/identity/user_router.hpp"
#include "cluster/ledger/account_router.hpp"
#include "cluster/runtime/membership.hpp"
#include "cluster/runtime/relay.hpp"
#include "cluster/runtime/wire_check.hpp"
#include "events/event_store.hpp"
#include "http/identity/auth_routes.hpp"
#include "http/identity/password_hasher.hpp"
#include "http/identity/token_issuer.hpp"
#include "http/ledger/account_routes.hpp"
#include "http/identity/identity_gateway.hpp"
#include "http/ledger/ledger_gateway.hpp"
#include "http/runtime/log_reader.hpp"
#include "http/lending/loan_gateway.hpp"
#include "http/runtime/admin_router.hpp"
#include "http/runtime/bridge.hpp"
#include "http/runtime/cluster_front.hpp"
#include "http/runtime/http_server.hpp"
#include "http/runtime/metrics.hpp"
#include "http/runtime/router.hpp"
#include "http/social/group_gateway.hpp"
#include "projections/runtime/projection_runner.hpp"
#include "tools/node_config.hpp"
#include "tools/node_families.hpp"
#include "tools/node_secrets.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>

#include <malloc.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>

extern char** environ;

namespace {

constexpr std::chrono::milliseconds drain_grace{5000};

int fail(const std::string& message) {
  std::fprintf(stderr, "pfmsd: %s\n", message.c_str());
  return 2;
}

sigset_t shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

// The store's lines for /metrics: journal counters, head, projection lag,
// live entities; each with its HELP and TYPE, in base units.
std::function<std::string()> node_metrics(const pfms::event_store& store,
                                          const pfms::live_entities& live) {
  return [&store, &live] {
    const auto s = store.stats();
    const auto head = store.head_position();
    auto family = [](const char* name, const char* type, const char* help) {
      return "# HELP " + std::string(name) + " " + help + "\n# TYPE " + name + " " + type + "\n";
    };
    auto line = [&](const char* name, const char* type, const char* help, std::string value) {
      return family(name, type, help) + name + " " + value + "\n";
    };
    auto lags = family("pfms_projection_lag_events", "gauge",
                       "Committed events a projection has not folded yet.");
    for (const auto& p : pfms::node_projections) {
      const auto checkpoint = store.checkpoint(p.name);
      const auto lag = checkpoint && *checkpoint <= head ? head - *checkpoint : 0;
      lags += "pfms_projection_lag_events{projection=\"" + std::string(p.name) + "\"} "
              + std::to_string(lag) + "\n";
    }
    auto entities = family("pfms_live_entities", "gauge", "Entity actors running, by kind.");
    for (const auto& [kind, count] :
         {std::pair{"account", &live.accounts}, std::pair{"user", &live.users},
          std::pair{"group", &live.groups}, std::pair{"loan", &live.loans},
          std::pair{"email_claim", &live.email_claims}})
      entities += "pfms_live_entities{kind=\"" + std::string(kind) + "\"} "
                  + std::to_string(count->load()) + "\n";
    char sync_seconds[32]; // microseconds as seconds, in integers
    std::snprintf(sync_seconds, sizeof sync_seconds, "%llu.%06llu",
                  static_cast<unsigned long long>(s.sync_us_total / 1'000'000),
                  static_cast<unsigned long long>(s.sync_us_total % 1'000'000));
    return line("pfms_journal_batches_total", "counter", "Batches the journal committed.",
                std::to_string(s.batches))
           + line("pfms_journal_appends_total", "counter", "Appends (one stream each) committed.",
                  std::to_string(s.appends))
           + line("pfms_journal_events_total", "counter", "Events committed.",
                  std::to_string(s.events))
           + line("pfms_journal_sync_seconds_total", "counter",
                  "Time spent syncing the log to disk.", sync_seconds)
           + line("pfms_log_head_position", "gauge", "Position of the last committed event.",
                  std::to_string(head))
           + lags + entities;
  };
}

// What the routes reach the actors and the log through; all outlive the front.
struct front_gateways {
  const pfms::ledger_gateway& ledger;
  const pfms::identity_gateway& users;
  const pfms::log_reader& log;
  const pfms::group_gateway& groups;
  const pfms::loan_gateway& loans;
};

// The HTTP side: routes, both listeners, the ready line, the wait for a
// shutdown signal, and draining. Everything here is destroyed before the
// actor system, the password hasher finishing its queue first.
int run_front(const pfms::node_config& config, pfms::event_store& store, const pfms::clock& time,
              const pfms::id_generator& ids, const pfms::token_issuer& tokens,
              const front_gateways& gateways, const pfms::live_entities& live,
              const std::string& admin_token, const pfms::cluster_status& cluster,
              pfms::relay_slot& relay, caf::actor_system& system,
              const pfms::login_guard_actor& login_guard) {
  std::atomic<bool> ready{false};
  pfms::password_hasher hasher({static_cast<unsigned>(config.password_hash_passes),
                               static_cast<unsigned>(config.password_hash_mib)});
  const auto& [gateway, users, log, group_bridge, loan_bridge] = gateways;
  const pfms::account_routes accounts(gateway, log, ids);
  const pfms::login_limiter limiter(system, login_guard, &cluster, config.request_timeout);
  const pfms::auth_routes auth(users, log, hasher, tokens, limiter);
  pfms::rate_limiter per_user(time, static_cast<unsigned>(config.rate_limit_user_rps));
  pfms::idempotency_guard in_flight;
  const pfms::category_routes categories(users);
  const pfms::time_zone_book zones(config.zoneinfo_dir);
  const pfms::report_routes reports(gateway, users, loan_bridge, group_bridge, zones);
  const pfms::transfer_routes transfers(gateway, ids);
  const pfms::group_routes groups(group_bridge, users, gateway, ids);
  const pfms::loan_routes loans(loan_bridge, users, gateway, ids, time);
  const pfms::people_names names(users);
  const pfms::router routes(accounts, auth, categories, reports, transfers, groups, loans, tokens,
                            per_user, in_flight, names, ready);
  // In a cluster a signed request is served on the node of its shard key
  // (cluster_front.hpp); this node serves the ones relayed to it through the
  // same routes.
  const bool clustered = cluster.config().clustered();
  // A relay waits a second longer than the owner's own request timeout, so
  // the owner's answer (even its timeout) is what the client hears.
  auto sessions = [&identity = gateways.users, &time](const std::string& user,
                                                     const std::string& session) {
    return identity.published_session(user, session, time.now_us());
  };
  const pfms::cluster_front front(routes, tokens, sessions, ids, cluster, system,
                                  config.request_timeout + std::chrono::seconds(1));
  if (clustered)
    relay.bind([&front](pfms::relayed_request r, pfms::relay_slot::reply done) {
      front.serve_relayed(std::move(r), std::move(done));
    });
  const pfms::request_handler handler =
    clustered ? pfms::request_handler(std::cref(front)) : pfms::request_handler(routes);
  pfms::http_metrics metrics;
  // The access log: one JSON line per request on stderr, never a token or
  // body; the same entry feeds /metrics under its route template.
  pfms::http_server server(config.http, handler, ids, time, [&](const pfms::request_log& e) {
    metrics.record(pfms::router::route_label(e.path), e);
    const auto line = pfms::to_json_line(e, time.now_us()) + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
  });
  const pfms::admin_router admin_routes(
    metrics, node_metrics(store, live), admin_token, tokens, store,
    [&gateway](std::string name, auto done) { gateway.rebuild(std::move(name), std::move(done)); },
    cluster);
  pfms::http_server admin(config.admin, admin_routes, ids, time);
  for (auto* listener : {&server, &admin})
    if (auto started = listener->start(); !started)
      return fail(started.error().detail);
  ready = true;
  std::printf("pfmsd ready http=%s:%u admin=%s:%u data=%s\n", config.http.host.c_str(),
              server.port(), config.admin.host.c_str(), admin.port(), config.data_dir.c_str());
  std::fflush(stdout);
  auto signals = shutdown_signals();
  int received = 0;
  sigwait(&signals, &received);
  ready = false;
  server.stop(drain_grace);
  admin.stop(std::chrono::milliseconds(0));
  // The requests still waiting on the bridge answer now, while their
  // sessions can still be destroyed; later ones find no bridge.
  pfms::http::stop_bridge(system);
  relay.bind(nullptr);
  return 0;
}

// This node's entity directories, and in a cluster the routers and the front
// actor through which entities are reached on the node that owns them (the
// routers read this node's own directories from the cluster status).
struct entity_actors {
  pfms::account_actor accounts;
  pfms::user_directory_actor users;
  pfms::group_actor groups;
  pfms::loan_actor loans;
  pfms::account_actor account_front; ///< the router in a cluster, else `accounts`
  pfms::user_directory_actor user_front; ///< the router in a cluster, else `users`
  pfms::front_actor front;           ///< serves relayed requests; none on a single node
  pfms::login_guard_actor login_guard; ///< this node's failure windows

  void stop() const {
    for (const auto& h : {caf::actor_cast<caf::actor>(accounts), caf::actor_cast<caf::actor>(users),
                          caf::actor_cast<caf::actor>(groups), caf::actor_cast<caf::actor>(loans),
                          caf::actor_cast<caf::actor>(account_front),
                          caf::actor_cast<caf::actor>(user_front), caf::actor_cast<caf::actor>(front),
                          caf::actor_cast<caf::actor>(login_guard)})
      if (h)
        caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
  }
};

entity_actors spawn_entities(caf::actor_system& system, const pfms::entity_env& env,
                             const pfms::cluster_status& cluster, const pfms::relay_slot& relay) {
  const bool clustered = cluster.config().clustered();
  entity_actors a;
  pfms::http::start_bridge(system); // the gateways' way into the actors
  auto router = clustered ? system.spawn(pfms::account_router_fn, &cluster) : pfms::account_actor{};
  auto account_env = env; // a saga's other account may be another person's, on another node
  account_env.accounts = router;
  a.accounts = system.spawn(pfms::account_directory_fn, account_env);
  // User actors claim emails, and claim actors ask after users, through the
  // router in a cluster: an email and its holder may live on different nodes.
  a.user_front = clustered ? system.spawn(pfms::user_router_fn, &cluster)
                           : pfms::user_directory_actor{};
  a.users = system.spawn(pfms::user_directory_fn, env, a.user_front);
  if (!clustered)
    a.user_front = a.users;
  a.groups = system.spawn(pfms::group_directory_fn, env);
  a.account_front = clustered ? router : a.accounts;
  auto loan_env = env; // loans disburse through the ledger: they reach the accounts
  loan_env.accounts = a.account_front;
  a.loans = system.spawn(pfms::loan_directory_fn, loan_env);
  if (clustered)
    a.front = system.spawn(pfms::front_actor_fn, &relay);
  a.login_guard = system.spawn(pfms::login_guard_fn, env.store, env.time);
  return a;
}

// What the operator set for the entities (docs/operations.md).
void apply_entity_settings(pfms::entity_env& env, const pfms::node_config& config) {
  env.failpoint = config.failpoint;
  env.passivate_after = std::chrono::milliseconds(config.passivate_after_ms);
  // Sweeps a tenth as often as entities may idle: one stops at most 10 % late.
  env.sweep_every = std::max(env.passivate_after / 10, std::chrono::milliseconds(1));
  // Passivated entities' memory goes back to the system, not to malloc's free lists.
  env.release_memory = [] { malloc_trim(0); };
}

// Whether every message the node's peers may send it or get from it is
// registered (cluster/runtime/wire_check.hpp): checked at start, not at first use.
pfms::status check_cluster_wire(caf::actor_system& system) {
  using check = pfms::status (*)(caf::actor_system&);
  for (check wired : {&pfms::check_wire<pfms::account_actor>, &pfms::check_wire<pfms::user_directory_actor>,
                      &pfms::check_wire<pfms::loan_actor>, &pfms::check_wire<pfms::group_actor>,
                      &pfms::check_wire<pfms::front_actor>, &pfms::check_wire<pfms::node_actor>,
                      &pfms::check_wire<pfms::login_guard_actor>,
                      &pfms::check_wire<pfms::erasure_courier_actor>,
                      &pfms::check_wire<pfms::projection_actor>})
    if (auto ok = wired(system); !ok)
      return ok;
  return pfms::done{};
}

// Everything after the store, which must outlive the actor system.
// The message types, the middleman and the scheduler of the node's actor system.
void configure_actor_system(caf::actor_system_config& cfg, const pfms::node_config& config) {
  pfms::register_actor_types(cfg);
  pfms::register_projection_types(cfg);
  pfms::register_cluster_types(cfg);
  cfg.load<caf::io::middleman>();
  pfms::configure_middleman(cfg, config.cluster);
  // Work sharing: idle workers wait on a condition instead of polling in
  // 50 µs steps (docs/benchmarks.md, HTTP, measures both).
  cfg.set("scheduler.policy",
          config.scheduler_policy == "sharing" ? caf::atom("sharing") : caf::atom("stealing"));
}

int serve(const pfms::node_config& config, pfms::event_store& store, const pfms::clock& time) {
  const pfms::id_generator ids(time);
  auto key = pfms::load_jwt_key(config.jwt_key_file, config.data_dir);
  auto codec = key ? pfms::jwt_codec::make(std::move(*key)) : key.error();
  if (!codec)
    return fail(codec.error().detail);
  const pfms::token_issuer tokens(std::move(*codec), time, ids);
  auto admin_token = pfms::load_admin_token(config.admin_token_file, config.data_dir);
  if (!admin_token)
    return fail(admin_token.error().detail);
  caf::actor_system_config cfg;
  configure_actor_system(cfg, config);
  std::atomic<bool> wake_pending{false};
  // Shared with the actors: declared first, destroyed after the actor system.
  pfms::live_entities live;
  pfms::published_users published;
  pfms::cluster_status cluster(config.cluster, time.now_us());
  pfms::relay_slot relay;
  caf::actor_system system{cfg};
  // Entity actors are not linked to anything; the store outlives them all.
  system.await_actors_before_shutdown(false);
  if (config.cluster.clustered())
    if (auto wired = check_cluster_wire(system); !wired)
      return fail(wired.error().detail);
  pfms::entity_env env{&store, &ids, &time, config.snapshot_every, &live, &published};
  apply_entity_settings(env, config);
  const auto a = spawn_entities(system, env, cluster, relay);
  auto projection = system.spawn(pfms::projection_runner_fn, &store, &wake_pending);
  // Erasures reach the other nodes' keys from the outbox (every 2 s while a row waits).
  auto erasures = system.spawn(pfms::erasure_courier_fn, &store, &cluster,
                               std::chrono::milliseconds{2000});
  auto cluster_actors = pfms::start_cluster(
    system, cluster, time,
    {a.loans, a.groups, a.accounts, a.users, a.front, caf::actor_cast<caf::actor>(projection),
     a.login_guard, erasures});
  if (!cluster_actors)
    return fail(cluster_actors.error().detail);
  pfms::wake_on_commit(store, projection, wake_pending);
  const pfms::log_reader log(store);
  const pfms::ledger_gateway gateway(system, a.account_front, projection, log,
                                     config.request_timeout, &cluster);
  const pfms::identity_gateway users(system, a.user_front, config.request_timeout, &published,
                                     &cluster);
  // This node's loans and groups only: the front relays each request to its entity's node.
  const pfms::group_gateway group_bridge(system, a.groups, projection, config.request_timeout);
  const pfms::loan_gateway loan_bridge(system, a.loans, projection, config.request_timeout);
  const auto result = run_front(config, store, time, ids, tokens,
                                {gateway, users, log, group_bridge, loan_bridge}, live,
                                *admin_token, cluster, relay, system, a.login_guard);
  store.set_commit_listener(nullptr);
  a.stop();
  pfms::http::stop_bridge(system); // when the front never started
  cluster_actors->stop();
  caf::anon_send_exit(projection, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(erasures, caf::exit_reason::user_shutdown);
  std::printf("pfmsd stopped\n");
  return result;
}

} // namespace

int main(int argc, char** argv) {
  // Block the shutdown signals before any thread starts, so only sigwait sees them.
  auto signals = shutdown_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto config = pfms::load_node_config({argv + 1, argv + argc}, pfms::pfms_environment(environ));
  if (!config)
    return fail(config.error().detail);
  std::error_code ec;
  std::filesystem::create_directories(config->data_dir, ec);
  if (ec)
    return fail("cannot create data directory " + config->data_dir + ": " + ec.message());
  const pfms::system_clock time;
  pfms::store_options options{config->data_dir, false, pfms::node_families()};
  options.idempotency_ttl_us = static_cast<pfms::time_us>(config->idempotency_ttl_s) * 1'000'000;
  auto store = pfms::event_store::open(options, time);
  if (!store)
    return fail(store.error().detail);
  return serve(*config, **store, time);
}
