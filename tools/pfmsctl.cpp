// pfmsctl: audits of a node's store. Opens it read-only, so it also works
// beside a running node; only `rebuild` writes, and needs the node stopped. Exit codes: 0 clean, 1 findings, 2 usage or I/O error.

#include "events/event_store.hpp"
#include "events/hash_chain.hpp"
#include "events/store_verifier.hpp"
#include "http/runtime/rfc3339.hpp"
#include "tools/crash_bench.hpp"
#include "tools/entity_bench.hpp"
#include "tools/ledger_check.hpp"
#include "tools/rebuild_command.hpp"
#include "tools/replay_command.hpp"
#include "tools/store_bench.hpp"

#include <charconv>
#include <cstdio>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace {

constexpr const char* usage =
  "usage: pfmsctl verify --data-dir DIR [--peers DIR,DIR...]\n"
  "       pfmsctl replay --data-dir DIR --stream STREAM_ID [--as-of RFC3339] [--version N]\n"
  "       pfmsctl rebuild PROJECTION [--data-dir DIR]\n"
  "       pfmsctl bench store [--dir DIR] [--seconds S] [--replay-events N]\n"
  "       pfmsctl bench crash [--rounds N] [--data-dir DIR] [--appenders N]\n"
  "       pfmsctl bench entities [--dir DIR] [--accounts N] [--threads T]\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "pfmsctl: %s\n%s", message.c_str(), usage);
  return 2;
}

int io_error(const std::string& message) {
  std::fprintf(stderr, "pfmsctl: %s\n", message.c_str());
  return 2;
}

// "--name value" pairs from argv[first]; nullopt on a dangling or repeated flag.
std::optional<pfms::cli_flags> flags_of(int argc, char** argv, int first) {
  pfms::cli_flags flags;
  for (int i = first; i < argc; i += 2) {
    if (i + 1 >= argc || !std::string(argv[i]).starts_with("--")
        || !flags.emplace(argv[i], argv[i + 1]).second)
      return std::nullopt;
  }
  return flags;
}

// The ledger's invariants (money conserved, every transfer once); true when clean.
bool verify_ledger(const pfms::event_store& store,
                   std::span<const pfms::event_store* const> peers) {
  auto report = pfms::check_ledger(store, peers);
  if (!report) {
    std::printf("FINDING ledger: %s\n", report.error().detail.c_str());
    return false;
  }
  for (const auto& f : report->findings)
    std::printf("FINDING account=%s transfer=%s: %s\n", f.account_id.c_str(),
                f.transfer_id.empty() ? "-" : f.transfer_id.c_str(), f.problem.c_str());
  for (const auto& [code, t] : report->totals)
    std::printf("money %s: balances %s = opening %s + transactions %s - sent %s + received %s\n",
                code.c_str(), pfms::to_decimal(t.balances).c_str(),
                pfms::to_decimal(t.opening).c_str(), pfms::to_decimal(t.transactions).c_str(),
                pfms::to_decimal(t.transfers_out).c_str(), pfms::to_decimal(t.transfers_in).c_str());
  std::printf("ledger %s: %llu accounts, %llu transfers (%llu in transit), %zu findings\n",
              report->clean() ? "clean" : "BROKEN",
              static_cast<unsigned long long>(report->accounts_checked),
              static_cast<unsigned long long>(report->transfers_checked),
              static_cast<unsigned long long>(report->in_transit), report->findings.size());
  if (report->crossing > 0)
    std::printf("%llu transfer legs cross to accounts of other nodes: not checked; give their "
                "data directories with --peers to check them\n",
                static_cast<unsigned long long>(report->crossing));
  return report->clean();
}

int verify(pfms::event_store& store, std::span<const pfms::event_store* const> peers) {
  auto report = pfms::verify_store(store);
  if (!report)
    return io_error(report.error().detail);
  for (const auto& f : report->findings)
    std::printf("FINDING stream=%s version=%llu position=%llu: %s\n",
                f.stream.empty() ? "-" : f.stream.c_str(),
                static_cast<unsigned long long>(f.version),
                static_cast<unsigned long long>(f.position), f.problem.c_str());
  std::printf("head: position %llu global hash %s\n",
              static_cast<unsigned long long>(report->last_position),
              pfms::to_hex(report->last_global_hash).c_str());
  std::printf("%s: %llu events in %llu streams, %llu log entries in %llu batches, %zu findings\n",
              report->clean() ? "clean" : "CORRUPT",
              static_cast<unsigned long long>(report->events_checked),
              static_cast<unsigned long long>(report->streams_checked),
              static_cast<unsigned long long>(report->log_entries_checked),
              static_cast<unsigned long long>(report->log_batches_checked),
              report->findings.size());
  // The ledger is checked only over an intact log: its events are the input.
  const bool ledger_clean = report->clean() && verify_ledger(store, peers);
  return report->clean() && ledger_clean ? 0 : 1;
}

int replay(const pfms::event_store& store, pfms::cli_flags& flags) {
  pfms::replay_request request;
  request.stream = flags["--stream"];
  if (request.stream.empty())
    return usage_error("replay needs --stream");
  if (flags.contains("--as-of")) {
    request.as_of = pfms::parse_rfc3339(flags["--as-of"]);
    if (!request.as_of)
      return usage_error("--as-of must be RFC 3339 with an offset");
  }
  if (flags.contains("--version")) {
    const auto& text = flags["--version"];
    std::uint64_t v = 0;
    if (std::from_chars(text.data(), text.data() + text.size(), v).ptr
        != text.data() + text.size())
      return usage_error("--version must be a whole number");
    request.version = v;
  }
  auto json = pfms::replay_to_json(store, request);
  if (!json)
    return io_error(json.error().detail);
  std::printf("%s\n", json->c_str());
  return 0;
}


// Commands, with the flags each accepts. "bench X" commands take two words.
const std::map<std::string, std::vector<std::string>>& commands() {
  static const std::map<std::string, std::vector<std::string>> table{
    {"verify", {"--data-dir", "--peers"}},
    {"replay", {"--data-dir", "--stream", "--as-of", "--version"}},
    {"rebuild", {"--data-dir"}},
    {"bench crash", {"--rounds", "--data-dir", "--appenders"}},
    {"bench crash-writer", {"--data-dir", "--appenders"}},
    {"bench store", {"--dir", "--seconds", "--replay-events"}},
    {"bench entities", {"--dir", "--accounts", "--threads"}},
  };
  return table;
}

int run(const std::string& command, pfms::cli_flags& flags) {
  if (command == "bench crash")
    return pfms::run_crash_harness(flags);
  if (command == "bench crash-writer")
    return pfms::run_crash_writer(flags);
  if (command == "bench store")
    return pfms::run_store_bench(flags);
  if (command == "bench entities")
    return pfms::run_entity_bench(flags);
  const auto dir = flags.contains("--data-dir") ? flags["--data-dir"] : "./data";
  const pfms::system_clock time;
  // A store that does not exist is an error, never created by an audit.
  auto store = pfms::event_store::open({dir, true, {}}, time);
  if (!store)
    return io_error(store.error().detail);
  if (command != "verify")
    return replay(**store, flags);
  // A cluster's other nodes, read-only too: the counterparts of transfers across nodes.
  std::vector<std::unique_ptr<pfms::event_store>> opened;
  std::vector<const pfms::event_store*> peers;
  for (std::size_t from = 0; flags.contains("--peers") && from <= flags["--peers"].size();) {
    const auto& list = flags["--peers"];
    const auto comma = std::min(list.find(',', from), list.size());
    auto peer = pfms::event_store::open({list.substr(from, comma - from), true, {}}, time);
    if (!peer)
      return io_error(peer.error().detail);
    peers.push_back(opened.emplace_back(std::move(*peer)).get());
    from = comma + 1;
  }
  return verify(**store, peers);
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2)
    return usage_error("missing command");
  // "bench X" is one command of two words; "rebuild NAME" takes its name.
  const bool two_words = std::string(argv[1]) == "bench" && argc >= 3;
  const bool named = std::string(argv[1]) == "rebuild";
  if (named && (argc < 3 || std::string(argv[2]).starts_with("--")))
    return usage_error("rebuild needs the name of a projection");
  const std::string command = two_words ? std::string("bench ") + argv[2] : argv[1];
  auto flags = flags_of(argc, argv, two_words || named ? 3 : 2);
  if (!flags)
    return usage_error("flags come as --name value, each once");
  if (!commands().contains(command))
    return usage_error("unknown command '" + command + "'");
  const auto& allowed = commands().at(command);
  for (const auto& [name, value] : *flags)
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      return usage_error("unknown flag '" + name + "' for " + command);
  if (named)
    return pfms::run_rebuild(argv[2], *flags);
  return run(command, *flags);
}
