#include "http/runtime/log_reader.hpp"

#include <pthread.h>

namespace pfms {

log_reader::log_reader(const event_store& store) : store_(store) {
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i)
    threads_.emplace_back([this] { run(); });
}

log_reader::~log_reader() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_)
    thread.join();
}

bool log_reader::submit(std::function<void()> job) const {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || waiting_.size() >= waiting_max)
      return false;
    waiting_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void log_reader::run() const {
  pthread_setname_np(pthread_self(), "pfms-log-read");
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
