// pfmsd: one pfms node. Reads its configuration, opens the store, starts the
// actor system and the HTTP front, prints one line when ready, and shuts down
// cleanly on SIGTERM or SIGINT (exit 0).

#include "actors/directory_actor.hpp"
#include "actors/journal_actor.hpp"
#include "actors/type_registry.hpp"
#include "actors/user_directory.hpp"
#include "cluster/account_router.hpp"
#include "cluster/membership.hpp"
#include "cluster/relay.hpp"
#include "cluster/user_router.hpp"
#include "http/cluster_front.hpp"
#include "http/admin_router.hpp"
#include "http/auth_routes.hpp"
#include "http/metrics.hpp"
#include "http/password_hasher.hpp"
#include "http/token_issuer.hpp"
#include "events/event_store.hpp"
#include "http/account_routes.hpp"
#include "tools/transfer_resumer.hpp"
#include "actors/group_directory.hpp"
#include "http/group_gateway.hpp"
#include "http/loan_gateway.hpp"
#include "actors/loan_actor.hpp"
#include "tools/loan_waker.hpp"
#include "http/http_server.hpp"
#include "http/ledger_gateway.hpp"
#include "http/router.hpp"
#include "projections/projection_runner.hpp"
#include "tools/node_secrets.hpp"
#include "tools/node_config.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>

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

// The store's lines for /metrics: journal counters, head, projection lag.
std::function<std::string()> node_metrics(const pfms::event_store& store,
                                          const pfms::live_entities& live) {
  return [&store, &live] {
    const auto s = store.stats();
    const auto head = store.head_position();
    const auto checkpoint = store.checkpoint(pfms::account_balance_projection::name);
    const auto lag = checkpoint && *checkpoint <= head ? head - *checkpoint : 0;
    auto line = [](const char* name, const char* type, std::uint64_t value) {
      return "# TYPE " + std::string(name) + " " + type + "\n" + name + " "
             + std::to_string(value) + "\n";
    };
    return line("pfms_journal_batches_total", "counter", s.batches)
           + line("pfms_journal_appends_total", "counter", s.appends)
           + line("pfms_journal_events_total", "counter", s.events)
           + line("pfms_journal_sync_microseconds_total", "counter", s.sync_us_total)
           + line("pfms_log_head_position", "gauge", head)
           + "# TYPE pfms_projection_lag_events gauge\n"
             "pfms_projection_lag_events{projection=\"account_balances\"} "
           + std::to_string(lag) + "\n"
           + "# TYPE pfms_live_entities gauge\npfms_live_entities{kind=\"account\"} "
           + std::to_string(live.accounts.load()) + "\npfms_live_entities{kind=\"user\"} "
           + std::to_string(live.users.load()) + "\npfms_live_entities{kind=\"group\"} "
           + std::to_string(live.groups.load()) + "\npfms_live_entities{kind=\"loan\"} "
           + std::to_string(live.loans.load()) + "\n";
  };
}

// The HTTP side: routes, both listeners, the ready line, the wait for a
// shutdown signal, and draining. Everything here is destroyed before the
// actor system, the password hasher finishing its queue first.
int run_front(const pfms::node_config& config, pfms::event_store& store, const pfms::clock& time,
              const pfms::id_generator& ids, const pfms::token_issuer& tokens,
              const pfms::ledger_gateway& gateway, const pfms::group_gateway& group_bridge,
              const pfms::loan_gateway& loan_bridge, const pfms::live_entities& live,
              const std::string& admin_token, const pfms::cluster_status& cluster,
              pfms::relay_slot& relay, caf::actor_system& system) {
  std::atomic<bool> ready{false};
  pfms::password_hasher hasher({static_cast<unsigned>(config.password_hash_passes),
                               static_cast<unsigned>(config.password_hash_mib)});
  const pfms::account_routes accounts(gateway, ids);
  pfms::login_limiter limiter(time);
  const pfms::auth_routes auth(gateway, hasher, tokens, limiter);
  pfms::rate_limiter per_user(time, static_cast<unsigned>(config.rate_limit_user_rps));
  pfms::idempotency_guard in_flight;
  const pfms::category_routes categories(gateway);
  const pfms::transfer_routes transfers(gateway, ids);
  const pfms::group_routes groups(group_bridge, gateway, ids);
  const pfms::loan_routes loans(loan_bridge, gateway, ids, time);
  const pfms::router routes(accounts, auth, categories, transfers, groups, loans, tokens, per_user,
                            in_flight, ready);
  // In a cluster a signed request is served on its user's node; this node
  // serves the ones relayed to it through the same routes.
  const bool clustered = cluster.config().clustered();
  const pfms::cluster_front front(routes, tokens, cluster, system, config.request_timeout);
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
    [&gateway](auto done) { gateway.rebuild_balances(std::move(done)); }, cluster);
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
  relay.bind(nullptr);
  return 0;
}

// Everything after the store, which must outlive the actor system.
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
  pfms::register_actor_types(cfg);
  pfms::register_projection_types(cfg);
  pfms::register_cluster_types(cfg);
  cfg.load<caf::io::middleman>();
  pfms::configure_middleman(cfg, config.cluster);
  // Work sharing: idle workers wait on a condition instead of polling in
  // 50 µs steps (docs/benchmarks.md, HTTP, measures both).
  cfg.set("scheduler.policy",
          config.scheduler_policy == "sharing" ? caf::atom("sharing") : caf::atom("stealing"));
  std::atomic<bool> wake_pending{false};
  // Shared with the actors: declared first, destroyed after the actor system.
  pfms::live_entities live;
  pfms::published_users published;
  pfms::cluster_status cluster(config.cluster, time.now_us());
  pfms::relay_slot relay;
  caf::actor_system system{cfg};
  // Entity actors are not linked to anything; the store outlives them all.
  system.await_actors_before_shutdown(false);
  auto journal = system.spawn(pfms::journal_actor_fn, &store);
  pfms::entity_env env{&store, journal, &ids, &time, config.snapshot_every,
                       std::chrono::seconds{30}, &live, &published};
  env.failpoint = config.failpoint;
  // In a cluster each entity is reached on the node that owns it, through a
  // router per kind; the routers read this node's own directories from `cluster`.
  const bool clustered = config.cluster.clustered();
  auto account_router =
    clustered ? system.spawn(pfms::account_router_fn, &cluster) : pfms::account_actor{};
  auto account_env = env; // a saga's other account may be another person's, on another node
  account_env.accounts = account_router;
  auto directory = system.spawn(pfms::directory_actor_fn, account_env);
  auto users = system.spawn(pfms::user_directory_fn, env);
  auto group_directory = system.spawn(pfms::group_directory_fn, env);
  auto account_front = clustered ? account_router : directory;
  auto loan_env = env; // loans disburse through the ledger: they reach the accounts
  loan_env.accounts = account_front;
  auto loan_directory = system.spawn(pfms::loan_directory_fn, loan_env);
  auto front_actor =
    clustered ? system.spawn(pfms::front_actor_fn, &relay) : pfms::front_actor{};
  auto projection = system.spawn(pfms::projection_runner_fn, &store, &wake_pending);
  auto cluster_actors = pfms::start_cluster(
    system, cluster, time,
    {loan_directory, group_directory, directory, users, front_actor,
     caf::actor_cast<caf::actor>(projection)});
  if (!cluster_actors)
    return fail(cluster_actors.error().detail);
  auto user_front = clustered ? system.spawn(pfms::user_router_fn, &cluster) : users;
  pfms::wake_on_commit(store, projection, wake_pending);
  pfms::resume_open_transfers(system, projection, directory);
  pfms::wake_active_loans(system, projection, loan_directory);
  const pfms::ledger_gateway gateway(system, store, account_front, projection, user_front,
                                     config.request_timeout, &published, &cluster);
  // In a cluster the gateways reach each loan and group on the node that owns it.
  const pfms::group_gateway group_bridge(system, group_directory, config.request_timeout, &cluster);
  const pfms::loan_gateway loan_bridge(system, loan_directory, projection, config.request_timeout,
                                       &cluster);
  const auto result = run_front(config, store, time, ids, tokens, gateway, group_bridge,
                                loan_bridge, live, *admin_token, cluster, relay, system);
  store.set_commit_listener(nullptr);
  caf::anon_send_exit(directory, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(users, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(group_directory, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(loan_directory, caf::exit_reason::user_shutdown);
  for (const auto& a : {caf::actor_cast<caf::actor>(account_router), caf::actor_cast<caf::actor>(user_front),
                        caf::actor_cast<caf::actor>(front_actor)})
    if (a)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  cluster_actors->stop();
  caf::anon_send_exit(journal, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(projection, caf::exit_reason::user_shutdown);
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
  pfms::store_options options{config->data_dir, false, {pfms::account_balance_projection::family}};
  options.idempotency_ttl_us = static_cast<pfms::time_us>(config->idempotency_ttl_s) * 1'000'000;
  auto store = pfms::event_store::open(options, time);
  if (!store)
    return fail(store.error().detail);
  return serve(*config, **store, time);
}
