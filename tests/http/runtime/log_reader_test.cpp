// The log reader's own threads: long reads run there, at most `threads` at
// once, with a bounded queue behind them; past it a read is refused at once.

#include "events/failure.hpp"
#include "http/runtime/log_reader.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

using namespace pfms;
using namespace pfms::test;

TEST_CASE("long reads run on the reader's threads, wait in a bounded queue, and past it are refused") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  log_reader reader(*store);
  std::mutex mutex;
  std::condition_variable changed;
  bool release = false;
  std::size_t started = 0, finished = 0, refused = 0, on_caller = 0;
  const auto caller = std::this_thread::get_id();
  auto blocking = [&](const event_store&) -> result<int> {
    std::unique_lock lock(mutex);
    ++started;
    changed.notify_all();
    changed.wait(lock, [&] { return release; });
    return 7;
  };
  auto count = [&](result<int> r) {
    std::lock_guard lock(mutex);
    if (r) {
      CHECK(*r == 7);
      ++finished;
    } else {
      CHECK(is(r.error(), runtime_errc::unavailable));
      ++refused;
    }
    if (std::this_thread::get_id() == caller)
      ++on_caller;
    changed.notify_all();
  };
  const auto total = log_reader::threads + log_reader::waiting_max;
  for (std::size_t i = 0; i < log_reader::threads; ++i)
    reader.read_log<int>(blocking, count);
  {
    std::unique_lock lock(mutex);
    REQUIRE(changed.wait_for(lock, std::chrono::seconds(10),
                             [&] { return started == log_reader::threads; }));
  }
  for (std::size_t i = 0; i < log_reader::waiting_max; ++i)
    reader.read_log<int>(blocking, count);
  // Every thread busy and the queue full: the next read is refused at once, here.
  reader.read_log<int>(blocking, count);
  {
    std::lock_guard lock(mutex);
    CHECK(refused == 1);
    CHECK(on_caller == 1);
    CHECK(started == log_reader::threads);
    release = true;
  }
  changed.notify_all();
  std::unique_lock lock(mutex);
  REQUIRE(changed.wait_for(lock, std::chrono::seconds(10), [&] { return finished == total; }));
  CHECK(started == total);
  CHECK(on_caller == 1); // every read ran on a reader thread
}
