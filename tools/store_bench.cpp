// pfmsctl bench store: see store_bench.hpp and docs/benchmarks.md.

#include "tools/store_bench.hpp"

#include "actors/ledger/account_codec.hpp"
#include "events/event_store.hpp"
#include "events/rocksdb/raw_baseline.hpp"
#include "events/store_verifier.hpp"
#include "events/subscription.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>
#include <unordered_map>

namespace pfms {

namespace {

using steady = std::chrono::steady_clock;
constexpr std::size_t event_bytes = 200;

double seconds_since(steady::time_point start) {
  return std::chrono::duration<double>(steady::now() - start).count();
}

double percentile_us(std::vector<double>& samples, double p) {
  if (samples.empty())
    return 0;
  const auto at = static_cast<std::size_t>(p * static_cast<double>(samples.size() - 1));
  std::nth_element(samples.begin(), samples.begin() + static_cast<long>(at), samples.end());
  return samples[at];
}

// The machine's limit: median of 4 KiB write + fdatasync, over `seconds`.
double fsync_p50_us(const std::string& dir, double seconds) {
  const auto path = dir + "/fsync-probe";
  const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  std::vector<double> samples;
  const std::string block(4096, 'x');
  for (auto start = steady::now(); seconds_since(start) < seconds;) {
    const auto t = steady::now();
    if (::pwrite(fd, block.data(), block.size(), 0) < 0 || ::fdatasync(fd) != 0)
      break;
    samples.push_back(seconds_since(t) * 1e6);
  }
  ::close(fd);
  std::filesystem::remove(path);
  return percentile_us(samples, 0.5);
}

struct load_result {
  double appends_per_second = 0;
  double p50_us = 0;
  double p99_us = 0;
  double mean_batch = 0;
};

// N closed-loop appenders, each on its own stream, for `seconds`.
class closed_loop {
public:
  closed_loop(event_store& store, std::size_t appenders, double seconds)
    : store_(store), deadline_(steady::now() + std::chrono::duration_cast<steady::duration>(
                                                 std::chrono::duration<double>(seconds))),
      versions_(appenders, 0), latencies_(appenders), in_flight_(appenders) {}

  load_result run() {
    const auto start = steady::now();
    for (std::size_t i = 0; i < versions_.size(); ++i)
      submit(i);
    while (in_flight_.load() > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const double elapsed = seconds_since(start);
    std::vector<double> all;
    for (auto& l : latencies_)
      all.insert(all.end(), l.begin(), l.end());
    const auto stats = store_.stats();
    return {static_cast<double>(all.size()) / elapsed, percentile_us(all, 0.5),
            percentile_us(all, 0.99),
            static_cast<double>(stats.appends) / static_cast<double>(std::max<std::uint64_t>(stats.batches, 1))};
  }

private:
  void submit(std::size_t i) {
    const auto sent = steady::now();
    new_event e{std::to_string(i) + "-" + std::to_string(versions_[i]), "BenchEvent",
                std::string(event_bytes, 'p'), "bench", "", ""};
    store_.append_async({"bench-" + std::to_string(i), expected_version::exactly(versions_[i]),
                         {std::move(e)}, {}, {}},
                        [this, i, sent](result<append_result> r) {
                          if (!r) {
                            std::fprintf(stderr, "append failed: %s\n", r.error().detail.c_str());
                            std::_Exit(2);
                          }
                          latencies_[i].push_back(seconds_since(sent) * 1e6);
                          ++versions_[i];
                          if (steady::now() < deadline_)
                            submit(i);
                          else
                            --in_flight_;
                        });
  }

  event_store& store_;
  steady::time_point deadline_;
  std::vector<std::uint64_t> versions_;
  std::vector<std::vector<double>> latencies_; ///< touched by the journal thread only
  std::atomic<std::size_t> in_flight_;
};

// Writes `count` TransactionRecorded events over 1000 accounts, 1000 events an append.
constexpr std::uint64_t bench_accounts = 1000;

std::string bench_account(std::uint64_t index) {
  return "00000000-0000-7000-8000-" + std::to_string(100'000'000'000 + index);
}

bool fill_accounts(event_store& store, std::uint64_t count) {
  constexpr std::uint64_t accounts = bench_accounts, per_append = 1000;
  std::vector<std::uint64_t> versions(accounts, 0);
  auto key = store.create_subject_key("bench");
  if (!key)
    return false;
  for (std::uint64_t written = 0; written < count;) {
    const auto a = (written / per_append) % accounts;
    const auto id = bench_account(a);
    std::vector<account_event> events;
    if (versions[a] == 0)
      events.push_back(account_opened{id, "bench", account_kind::cash, "EUR", 0, 0, "bench"});
    while (events.size() < per_append)
      events.push_back(transaction_recorded{"t" + std::to_string(versions[a] + events.size()),
                                            transaction_kind::income, 1, "EUR", 0, "", ""});
    std::vector<new_event> encoded;
    const auto seal = account_sealer(id, *key);
    for (const auto& e : events)
      encoded.push_back(encode_account_event(e, {"e", "bench", "", ""}, seal));
    if (!store.append(account_stream(id), expected_version::exactly(versions[a]), encoded))
      return false;
    versions[a] += per_append;
    written += per_append;
  }
  return true;
}

// Recovers every account as an actor does: scans its stream, decodes each
// envelope and account event, applies it. One thread.
double replay_events_per_second(const event_store& store, std::uint64_t accounts,
                                std::uint64_t& replayed) {
  account_event_decoder decoder;
  const auto start = steady::now();
  replayed = 0;
  for (std::uint64_t a = 0; a < accounts; ++a) {
    account_state state;
    auto seal = account_sealer_of(store, bench_account(a));
    if (!seal)
      return 0;
    auto scanned = store.scan(account_stream(bench_account(a)), 1, [&](const recorded_event& e) {
      auto event = decoder.decode(e, *seal);
      if (!event)
        return false;
      state = evolve(std::move(state), *event);
      ++replayed;
      return true;
    });
    if (!scanned)
      return 0;
  }
  return static_cast<double>(replayed) / seconds_since(start);
}

void print_load(std::size_t appenders, const load_result& r, double raw, double layout,
                double fsync_us) {
  std::printf("appenders=%-5zu appends/s=%8.0f p50=%6.0fus p99=%6.0fus batch=%6.1f "
              "raw_1put/s=%8.0f ratio=%.2f raw_3put/s=%8.0f ratio=%.2f p50/fsync=%.2f\n",
              appenders, r.appends_per_second, r.p50_us, r.p99_us, r.mean_batch, raw,
              raw > 0 ? r.appends_per_second / raw : 0, layout,
              layout > 0 ? r.appends_per_second / layout : 0, r.p50_us / fsync_us);
  std::fflush(stdout);
}

} // namespace

int run_store_bench(const cli_flags& flags) {
  const auto seconds = number_flag(flags, "--seconds", 3, 1, 600);
  const auto replay_count = number_flag(flags, "--replay-events", 1'000'000, 1000, 100'000'000);
  if (!seconds || !replay_count)
    return 2;
  const auto dir = flags.contains("--dir")
                     ? flags.at("--dir")
                     : (std::filesystem::temp_directory_path()
                        / ("pfms-bench-" + std::to_string(::getpid()))).string();
  std::filesystem::create_directories(dir);
  const auto duration = static_cast<double>(*seconds);
  const double fsync_us = fsync_p50_us(dir, 1.0);
  std::printf("fsync (4 KiB write + fdatasync) p50=%.0fus\n", fsync_us);
  const system_clock time;
  for (std::size_t appenders : {1, 16, 256, 4096}) {
    const auto run_dir = dir + "/journal-" + std::to_string(appenders);
    load_result r;
    {
      auto store = event_store::open({run_dir, false, {}}, time);
      if (!store)
        return 2;
      r = closed_loop(**store, appenders, duration).run();
    }
    const auto batch = static_cast<std::size_t>(std::max(1.0, r.mean_batch + 0.5));
    const auto raw_dir = dir + "/raw-" + std::to_string(appenders);
    const double raw =
      raw_events_per_second(raw_dir + "-1", batch, duration, false, event_bytes);
    const double layout =
      raw_events_per_second(raw_dir + "-3", batch, duration, true, event_bytes);
    print_load(appenders, r, raw, layout, fsync_us);
  }
  auto store = event_store::open({dir + "/replay", false, {}}, time);
  if (!store || !fill_accounts(**store, *replay_count))
    return 2;
  std::uint64_t replayed = 0;
  const double replay_rate = replay_events_per_second(**store, bench_accounts, replayed);
  std::printf("replay: %llu events, %.0f events/s (decode + evolve, one thread)\n",
              static_cast<unsigned long long>(replayed), replay_rate);
  const auto start = steady::now();
  auto report = verify_store(**store);
  const double verify_rate = static_cast<double>(report ? report->events_checked : 0)
                             / seconds_since(start);
  std::printf("verify: %llu events, %.0f events/s, %s\n",
              static_cast<unsigned long long>(report ? report->events_checked : 0), verify_rate,
              report && report->clean() ? "clean" : "NOT CLEAN");
  store->reset();
  if (!flags.contains("--dir"))
    std::filesystem::remove_all(dir);
  return 0;
}

} // namespace pfms
