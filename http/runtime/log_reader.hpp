#pragma once

#include "events/event_store.hpp"
#include "events/result.hpp"
#include "http/runtime/worker_pool.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace pfms {

/// Reads of the log itself, for the routes whose answers are not a read
/// model yet (reports, the transaction list, an account as of an instant, the
/// personal export): `threads` reader threads of its own run them, so no I/O
/// thread and no actor waits on a long read, and none is started per
/// request. Thread-safe.
class log_reader {
public:
  static constexpr std::size_t threads = 4;
  static constexpr std::size_t waiting_max = 64; ///< reads queued behind the running ones

  explicit log_reader(const event_store& store)
    : store_(store), pool_(threads, waiting_max, "pfms-log-read") {}

  /// Runs `read(store) -> result<T>` on a reader thread and hands the result
  /// to `done` there; with `waiting_max` reads already waiting,
  /// `runtime_errc::unavailable` at once, on the calling thread.
  template <class T, class Read>
  void read_log(Read read, std::function<void(result<T>)> done) const {
    auto job = [this, read = std::move(read), done]() mutable { done(result<T>(read(store_))); };
    if (!pool_.submit(std::move(job)))
      done(make_failure(runtime_errc::unavailable, "too many long reads at once; retry"));
  }

  /// The first outcome under a scoped idempotency key, for a route that must
  /// know before it does anything (e.g. verify a password that the first try
  /// changed): see `event_store::idempotent_outcome`. One local read, on the
  /// calling thread.
  [[nodiscard]] result<std::optional<append_result>>
  earlier_outcome(const std::string& key, const std::string& fingerprint) const {
    return store_.idempotent_outcome(key, fingerprint);
  }

private:
  const event_store& store_;
  mutable worker_pool pool_;
};

} // namespace pfms
