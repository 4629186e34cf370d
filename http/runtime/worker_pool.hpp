#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pfms {

/// A fixed set of threads of its own taking jobs from a bounded queue: for
/// work that must not run on an I/O thread or in an actor (long reads of the
/// log, password hashing), with no thread started per request. Thread-safe.
class worker_pool {
public:
  /// `threads` threads named `name` (at most 15 characters), at most
  /// `waiting_max` jobs queued behind the running ones.
  worker_pool(std::size_t threads, std::size_t waiting_max, std::string name);
  /// Lets the running jobs finish and drops the waiting ones (whoever asked
  /// for them is gone by then), then stops the threads.
  ~worker_pool();
  worker_pool(const worker_pool&) = delete;
  worker_pool& operator=(const worker_pool&) = delete;

  /// Queues `job`; false, with nothing queued, when `waiting_max` jobs wait
  /// already or the pool is stopping.
  [[nodiscard]] bool submit(std::function<void()> job);

private:
  void run();

  const std::size_t waiting_max_;
  const std::string name_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> waiting_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

} // namespace pfms
