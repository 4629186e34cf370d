#include "events/subscription.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

#include <thread>

using namespace pfms;
using namespace pfms::test;

TEST_CASE("a subscription reads $all from a position in bounded batches") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  for (int i = 0; i < 25; ++i)
    REQUIRE(store->append("account-" + std::to_string(i % 3), expected_version::any(),
                          events_of(100)));
  subscription feed(*store, 1000, 300);
  std::uint64_t expected = 1001;
  for (auto batch = feed.poll(); batch && !batch->empty(); batch = feed.poll()) {
    CHECK(batch->size() <= 300);
    for (const auto& e : *batch)
      CHECK(e.position == expected++);
  }
  CHECK(expected == 2501);
  CHECK(feed.position() == 2500);
  CHECK(feed.poll()->empty());
}

TEST_CASE("a subscriber that does not read never holds up appends") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  subscription idle(*store, 0, 10);
  // 20,000 events land while the subscriber reads nothing: nothing buffers for it.
  for (int i = 0; i < 20; ++i)
    REQUIRE(store->append("account-a", expected_version::any(), events_of(1000)));
  CHECK(store->head_position() == 20'000);
  auto first = idle.poll();
  REQUIRE(first);
  CHECK(first->size() == 10);
  CHECK(first->front().position == 1);
}

TEST_CASE("a subscription follows new commits live") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  subscription feed(*store, 0);
  CHECK(feed.next(std::chrono::milliseconds(1))->empty());
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ignore_error(store->append("account-a", expected_version::any(), events_of(3)),
                 "the waiting side checks that it landed");
  });
  auto batch = feed.next(std::chrono::seconds(10));
  writer.join();
  REQUIRE(batch);
  REQUIRE_FALSE(batch->empty());
  CHECK(batch->front().position == 1);
}
