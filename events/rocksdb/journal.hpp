#pragma once

#include "events/event_store.hpp"
#include "events/hash_chain.hpp"
#include "events/rocksdb/store_impl.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace pfms::events::internal {

/// The single writer of the `events`, `log` and `idempotency` families: a
/// thread that takes the appends queued while the previous batch
/// was syncing, stages them in order into one WriteBatch, syncs it once, and
/// answers each. Per event it puts the event; per batch one `log` record
/// (events/rocksdb/log_batch.hpp). Also sweeps expired idempotency keys.
class journal {
public:
  static constexpr std::size_t head_cache_max = 100'000;

  journal(store_impl& impl, time_us idempotency_ttl_us, std::chrono::milliseconds sweep_interval);
  /// Answers everything still queued, then stops the thread.
  ~journal();
  journal(const journal&) = delete;
  journal& operator=(const journal&) = delete;

  void submit(append_request request, append_callback done);
  std::size_t sweep();
  [[nodiscard]] journal_stats stats() const;

private:
  struct pending {
    append_request request;
    append_callback done;
  };
  void run();
  void write_batch(std::vector<pending>& batch);

  store_impl& impl_;
  sha256_hasher hasher_; ///< journal thread only
  /// Heads of recently written streams (journal thread only), in front of
  /// reading a stream's last event. The journal is the only writer, so an
  /// entry is never stale; past `head_cache_max` entries the cache starts over.
  std::unordered_map<std::string, stream_head> head_cache_;
  const time_us ttl_us_;
  const std::chrono::milliseconds sweep_interval_;
  std::mutex queue_mutex_;
  std::condition_variable wake_;
  std::deque<pending> queue_;
  bool stopping_ = false;
  std::mutex write_mutex_; ///< held while a batch or a sweep writes
  std::atomic<std::uint64_t> batches_{0}, appends_{0}, events_{0}, sync_us_{0};
  std::thread thread_;
};

} // namespace pfms::events::internal
