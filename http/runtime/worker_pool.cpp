#include "http/runtime/worker_pool.hpp"

#include <pthread.h>

namespace pfms {

worker_pool::worker_pool(std::size_t threads, std::size_t waiting_max, std::string name)
  : waiting_max_(waiting_max), name_(std::move(name)) {
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i)
    threads_.emplace_back([this] { run(); });
}

worker_pool::~worker_pool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_)
    thread.join();
}

bool worker_pool::submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || waiting_.size() >= waiting_max_)
      return false;
    waiting_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void worker_pool::run() {
  pthread_setname_np(pthread_self(), name_.c_str());
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
      if (stopping_)
        return;
      job = std::move(waiting_.front());
      waiting_.pop_front();
    }
    job();
  }
}

} // namespace pfms
