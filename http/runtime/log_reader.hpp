#pragma once

#include "events/event_store.hpp"
#include "events/result.hpp"

#include <caf/fwd.hpp>

#include <atomic>
#include <functional>
#include <optional>
#include <string>

namespace pfms {

/// Reads of the log itself, for the routes whose answers are not a read
/// model yet (reports, the transaction list, an account as of an instant, the
/// personal export): each runs on a thread of its own, at most `reads_max` at
/// once, so no I/O thread and no actor waits on a long read. Thread-safe.
class log_reader {
public:
  log_reader(caf::actor_system& system, const event_store& store)
    : system_(system), store_(store) {}

  /// Runs `read(store) -> result<T>` on a thread of its own and hands the
  /// result to `done` there; past `reads_max` reads at once,
  /// `runtime_errc::unavailable` at once.
  template <class T, class Read>
  void read_log(Read read, std::function<void(result<T>)> done) const {
    auto job = [this, read = std::move(read), done]() mutable { done(result<T>(read(store_))); };
    if (!start_detached(std::move(job)))
      done(make_failure(runtime_errc::unavailable, "too many long reads at once; retry"));
  }
  static constexpr int reads_max = 4;

  /// The first outcome under a scoped idempotency key, for a route that must
  /// know before it does anything (e.g. verify a password that the first try
  /// changed): see `event_store::idempotent_outcome`. One local read, on the
  /// calling thread.
  [[nodiscard]] result<std::optional<append_result>>
  earlier_outcome(const std::string& key, const std::string& fingerprint) const {
    return store_.idempotent_outcome(key, fingerprint);
  }

private:
  bool start_detached(std::function<void()> job) const;

  caf::actor_system& system_;
  const event_store& store_;
  mutable std::atomic<int> running_{0};
};

} // namespace pfms
