// pfmsctl bench entities: see entity_bench.hpp and docs/benchmarks.md.

#include "tools/entity_bench.hpp"

#include "actors/ledger/account_directory.hpp"
#include "actors/runtime/type_registry.hpp"
#include "events/event_store.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include <malloc.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace pfms {

namespace {

using steady = std::chrono::steady_clock;
constexpr const char* owner = "bench-owner";

// A line of /proc/self/status ("VmRSS", "VmHWM") in MiB.
double status_mib(const std::string& field) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(field + ":", 0) == 0)
      return static_cast<double>(std::stoull(line.substr(field.size() + 1))) / 1024.0;
  return 0;
}

std::string account_id(std::uint64_t i) {
  char id[48];
  std::snprintf(id, sizeof id, "0192f3c4-0000-7000-8000-%012llx",
                static_cast<unsigned long long>(i));
  return id;
}

// Asks `directory` for every account below `count` from `threads` threads:
// opening it (`open`) or its balance; how many answered as expected.
std::uint64_t touch_all(caf::actor_system& system, const account_actor& directory,
                        std::uint64_t count, std::uint64_t threads, bool open) {
  std::atomic<std::uint64_t> answered{0};
  std::vector<std::thread> pool;
  for (std::uint64_t t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      caf::scoped_actor self{system};
      for (std::uint64_t i = t; i < count; i += threads) {
        auto ok = [&](account_view&) { ++answered; };
        auto failed = [](caf::error&) {};
        if (open)
          self->request(directory, std::chrono::seconds(60),
                        open_account{account_id(i), "Bench", "checking", "EUR", 0, 0, owner},
                        command_context{owner, "bench"})
            .receive(ok, failed);
        else
          self->request(directory, std::chrono::seconds(60), account_terms_query{account_id(i), owner})
            .receive(ok, failed);
      }
    });
  for (auto& thread : pool)
    thread.join();
  return answered;
}

// Waits (up to 10 min) until the live count is at most `at_most`.
bool await_live(const live_entities& live, std::uint64_t at_most) {
  const auto deadline = steady::now() + std::chrono::minutes(10);
  while (live.accounts.load() > at_most && steady::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return live.accounts.load() <= at_most;
}

int measure(event_store& store, const clock& time, std::uint64_t count, std::uint64_t threads) {
  const id_generator ids(time);
  live_entities live;
  caf::actor_system_config cfg;
  register_actor_types(cfg);
  cfg.set("scheduler.policy", caf::atom("sharing")); // as pfmsd runs
  caf::actor_system system{cfg};
  system.await_actors_before_shutdown(false);
  entity_env env{&store, &ids, &time};
  env.live = &live;
  env.passivate_after = std::chrono::milliseconds(0); // stop whatever is idle at a sweep
  env.sweep_every = std::chrono::milliseconds(0);     // and sweep only when told to
  env.release_memory = [] { malloc_trim(0); };         // as pfmsd does
  auto directory = system.spawn(account_directory_fn, env);
  std::printf("rss at start: %.0f MiB\n", status_mib("VmRSS"));
  const auto start = steady::now();
  const auto opened = touch_all(system, directory, count, threads, true);
  const double took = std::chrono::duration<double>(steady::now() - start).count();
  std::printf("accounts touched: %llu of %llu in %.1f s (%.0f/s), live %llu\n",
              static_cast<unsigned long long>(opened), static_cast<unsigned long long>(count),
              took, static_cast<double>(opened) / took,
              static_cast<unsigned long long>(live.accounts.load()));
  const double peak = status_mib("VmHWM");
  std::printf("peak rss: %.0f MiB (goal <= 4096: %s)\n", peak, peak <= 4096 ? "met" : "missed");
  caf::anon_send(directory, sweep_atom::value, false);
  const bool stopped = await_live(live, 0);
  std::printf("passivated: live %llu\n", static_cast<unsigned long long>(live.accounts.load()));
  std::printf("rss once stopped: %.0f MiB\n", status_mib("VmRSS"));
  // The next sweep gives the memory back, as the node's do; a request
  // behind it answers once it has.
  caf::anon_send(directory, sweep_atom::value, false);
  caf::scoped_actor{system}
    ->request(directory, std::chrono::seconds(60), account_terms_query{"none", owner})
    .receive([](account_view&) {}, [](caf::error&) {});
  const double after = status_mib("VmRSS");
  std::printf("rss after the next sweep: %.0f MiB (goal <= 512: %s)\n", after,
              after <= 512 ? "met" : "missed");
  const auto sample = std::min<std::uint64_t>(count, 10'000);
  const auto again = touch_all(system, directory, sample, threads, false);
  std::printf("answered again: %llu of %llu sampled\n", static_cast<unsigned long long>(again),
              static_cast<unsigned long long>(sample));
  caf::anon_send_exit(directory, caf::exit_reason::user_shutdown);
  return opened == count && stopped && again == sample ? 0 : 1;
}

} // namespace

int run_entity_bench(const cli_flags& flags) {
  const auto count = number_flag(flags, "--accounts", 1'000'000, 1, 100'000'000);
  const auto threads = number_flag(flags, "--threads", 64, 1, 4096);
  if (!count || !threads) {
    std::fprintf(stderr, "--accounts must be 1..100000000, --threads 1..4096\n");
    return 2;
  }
  const auto dir = flags.contains("--dir") ? flags.at("--dir")
                                           : (std::filesystem::temp_directory_path()
                                              / ("pfms-entity-bench-" + std::to_string(::getpid())))
                                               .string();
  const system_clock time;
  int outcome = 2;
  {
    std::error_code made;
    std::filesystem::create_directories(dir, made);
    auto store = event_store::open({dir + "/store", false, {}}, time);
    if (!store || !(*store)->create_subject_key(owner)) {
      std::fprintf(stderr, "cannot open a store in %s\n", dir.c_str());
      return 2;
    }
    outcome = measure(**store, time, *count, *threads);
  }
  std::filesystem::remove_all(dir);
  return outcome;
}

} // namespace pfms
