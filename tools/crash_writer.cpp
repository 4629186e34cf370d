// The writer half of `pfmsctl bench crash`: see crash_bench.hpp.

#include "actors/ledger/account_codec.hpp"
#include "events/event_store.hpp"
#include "events/ids.hpp"
#include "tools/crash_bench.hpp"
#include "tools/node_families.hpp"

#include <unistd.h>

#include <cstdio>
#include <memory>
#include <thread>

namespace pfms {

namespace {

constexpr auto writer_lifetime_max = std::chrono::seconds(60);

/// The fixed stream of appender `index`, so a restarted writer finds it again.
std::string appender_account(std::size_t index) {
  char id[64];
  std::snprintf(id, sizeof id, "00000000-0000-7000-8000-%012zu", index);
  return id;
}

// One closed-loop appender: each acknowledgement submits the next append.
class appender {
public:
  appender(event_store& store, const id_generator& ids, std::size_t index, const std::string& key)
    : store_(store), ids_(ids), account_(appender_account(index)),
      seal_(account_sealer(account_, key)) {}

  void start() {
    version_ = store_.stream_version(account_stream(account_)).value();
    submit();
  }

private:
  void submit() {
    account_event event =
      version_ == 0 ? account_event{account_opened{account_, "crash", account_kind::cash, "EUR", 0, 0, "crash"}}
                    : account_event{transaction_recorded{
                        "t" + std::to_string(version_), transaction_kind::income,
                        static_cast<std::int64_t>(version_), "EUR", 0, "", ""}};
    auto encoded = encode_account_event(event, {ids_.next(), "crash", "", ""}, seal_);
    const auto event_id = encoded.event_id;
    store_.append_async({account_stream(account_), expected_version::exactly(version_),
                         {std::move(encoded)}, {}, {}},
                        [this, event_id](result<append_result> r) { on_done(r, event_id); });
  }

  void on_done(const result<append_result>& r, const std::string& event_id) {
    if (!r) {
      std::fprintf(stderr, "crash-writer: %s\n", r.error().detail.c_str());
      std::_Exit(3);
    }
    version_ = r->last_version;
    // One write(2) per line, unbuffered: a line in the pipe is an acknowledgement.
    const auto line = "ACK " + account_stream(account_) + " " + std::to_string(version_) + " "
                      + event_id + "\n";
    if (::write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size()))
      std::_Exit(3);
    submit();
  }

  event_store& store_;
  const id_generator& ids_;
  std::string account_;
  sealer seal_;
  std::uint64_t version_ = 0;
};

} // namespace

int run_crash_writer(const cli_flags& flags) {
  const auto count = number_flag(flags, "--appenders", 64, 1, 4096);
  if (!count || !flags.contains("--data-dir"))
    return 2;
  const system_clock time;
  const id_generator ids(time);
  auto store = event_store::open({flags.at("--data-dir"), false, node_families()}, time);
  if (!store)
    return 2;
  auto projections = projection_feed::open(**store, node_projections);
  if (!projections)
    return 2;
  // The accounts' owner, "crash", seals their personal fields like a user would.
  auto key = (*store)->create_subject_key("crash");
  if (!key)
    return 2;
  std::vector<std::unique_ptr<appender>> appenders;
  for (std::size_t i = 0; i < *count; ++i)
    appenders.push_back(std::make_unique<appender>(**store, ids, i, *key));
  for (auto& a : appenders)
    a->start();
  const auto deadline = std::chrono::steady_clock::now() + writer_lifetime_max;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!projections->catch_up())
      return 3;
    (*store)->wait_for_commit(*projections->checkpoint(balances_projection.name),
                              std::chrono::milliseconds(5));
  }
  // Only reached when nobody killed the writer: leave without a clean shutdown
  // on purpose, like the kill would.
  std::_Exit(0);
}

} // namespace pfms
