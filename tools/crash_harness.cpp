// The harness half of `pfmsctl bench crash`: see crash_bench.hpp.

#include "events/event_store.hpp"
#include "events/store_verifier.hpp"
#include "events/subscription.hpp"
#include "projections/ledger/account_balance_projection.hpp"
#include "tools/crash_bench.hpp"
#include "tools/node_families.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <sstream>

namespace pfms {

namespace {

constexpr auto round_time_max = std::chrono::seconds(20);

/// Acknowledged events: (stream, version) → event id.
using ack_map = std::map<std::pair<std::string, std::uint64_t>, std::string>;

// Reads whole lines from `fd` into `acks` for at most 1 ms; false at EOF.
bool read_acks(int fd, std::string& partial, ack_map& acks) {
  char buffer[65536];
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 1) <= 0)
    return true;
  {
    const auto n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0)
      return false;
    partial.append(buffer, static_cast<std::size_t>(n));
    for (auto end = partial.find('\n'); end != std::string::npos; end = partial.find('\n')) {
      std::istringstream line(partial.substr(0, end));
      partial.erase(0, end + 1);
      std::string tag, stream, id;
      std::uint64_t version = 0;
      if (line >> tag >> stream >> version >> id && tag == "ACK")
        acks[{stream, version}] = id;
    }
  }
  return true;
}

// One round: start the writer, let it run `run_ms` after its first ack, kill -9.
std::size_t run_round(const std::string& dir, const std::string& appenders, int run_ms,
                      ack_map& acks) {
  int fds[2];
  if (::pipe(fds) != 0)
    return 0;
  const int pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execl("/proc/self/exe", "pfmsctl", "bench", "crash-writer", "--data-dir", dir.c_str(),
            "--appenders", appenders.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  const auto before = acks.size();
  std::string partial;
  using clock = std::chrono::steady_clock;
  const auto give_up = clock::now() + round_time_max;
  bool open = true;
  while (open && acks.size() == before && clock::now() < give_up)
    open = read_acks(fds[0], partial, acks);
  const auto kill_at = clock::now() + std::chrono::milliseconds(run_ms);
  while (open && clock::now() < kill_at)
    open = read_acks(fds[0], partial, acks);
  ::kill(pid, SIGKILL);
  // Lines already in the pipe were acknowledged before the kill.
  while (open && clock::now() < give_up)
    open = read_acks(fds[0], partial, acks);
  ::close(fds[0]);
  ::waitpid(pid, nullptr, 0);
  return acks.size() - before;
}

struct findings {
  std::vector<std::string> lines;
  void add(std::string line) {
    if (lines.size() < 20)
      std::fprintf(stdout, "FINDING %s\n", line.c_str());
    lines.push_back(std::move(line));
  }
};

void check_acks(const event_store& store, const ack_map& acks, findings& out) {
  for (const auto& [where, id] : acks) {
    auto found = store.read(where.first, where.second, 1);
    if (!found || found->empty() || found->front().version != where.second)
      out.add(where.first + " version " + std::to_string(where.second) + " was acknowledged but is missing");
    else if (found->front().event_id != id)
      out.add(where.first + " version " + std::to_string(where.second) + " holds another event");
  }
}

// Walks the log once: no event id twice, and the balances projection's rows
// equal a rebuild from zero up to its checkpoint.
void check_log_and_projection(event_store& store, findings& out) {
  auto checkpoint = store.checkpoint(balances_projection.name);
  if (!checkpoint)
    return out.add("the projection's checkpoint cannot be read");
  std::map<std::string, std::optional<balance_row>> rebuilt;
  std::set<std::string> ids;
  subscription feed(store, 0, 10'000);
  for (auto batch = feed.poll(); batch && !batch->empty(); batch = feed.poll())
    for (const auto& e : *batch) {
      if (!ids.insert(e.event_id).second)
        out.add("event id " + e.event_id + " appears twice");
      if (e.position <= *checkpoint && e.stream_id.starts_with("account-"))
        ignore_error(apply_balance_event(rebuilt[e.stream_id.substr(8)], e),
                     "an event that does not apply leaves the row, and the compare below names it");
    }
  for (const auto& [id, row] : rebuilt) {
    auto stored = find_balance(store, id);
    if (!stored || *stored != row)
      out.add("projection row " + id + " differs from a rebuild");
  }
}

} // namespace

int run_crash_harness(const cli_flags& flags) {
  const auto rounds = number_flag(flags, "--rounds", 20, 1, 100'000);
  const auto appenders = number_flag(flags, "--appenders", 64, 1, 4096);
  if (!rounds || !appenders)
    return 2;
  const bool own_dir = !flags.contains("--data-dir");
  const auto dir = own_dir ? (std::filesystem::temp_directory_path()
                              / ("pfms-crash-" + std::to_string(::getpid())))
                               .string()
                           : flags.at("--data-dir");
  std::mt19937 random(std::random_device{}());
  ack_map acks;
  for (std::uint64_t round = 1; round <= *rounds; ++round) {
    const int run_ms = std::uniform_int_distribution<int>(1, 150)(random);
    const auto got = run_round(dir, std::to_string(*appenders), run_ms, acks);
    std::fprintf(stderr, "round %llu/%llu: killed after %d ms, %zu acknowledged\n",
                 static_cast<unsigned long long>(round), static_cast<unsigned long long>(*rounds),
                 run_ms, got);
  }
  const system_clock time;
  auto store = event_store::open({dir, true, node_families()}, time);
  if (!store)
    return 2;
  findings out;
  check_acks(**store, acks, out);
  auto report = verify_store(**store);
  if (!report || !report->clean())
    out.add("verify found " + std::to_string(report ? report->findings.size() : 1) + " problems");
  check_log_and_projection(**store, out);
  std::printf("crash: %llu rounds, %zu acknowledged events, %llu in the log, %zu findings\n",
              static_cast<unsigned long long>(*rounds), acks.size(),
              static_cast<unsigned long long>((*store)->head_position()), out.lines.size());
  store->reset();
  if (own_dir && out.lines.empty())
    std::filesystem::remove_all(dir);
  return out.lines.empty() && !acks.empty() ? 0 : 1;
}

} // namespace pfms
