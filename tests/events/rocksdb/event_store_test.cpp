#include "events/hash_chain.hpp"
#include "events/store_error.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

#include <thread>

using namespace pfms;
using namespace pfms::test;

TEST_CASE("append assigns consecutive versions and positions and reads them back") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  auto first = store->append("account-a", expected_version::no_stream(), events_of(2, "a"));
  REQUIRE(first);
  CHECK(first->first_version == 1);
  CHECK(first->last_version == 2);
  CHECK(first->last_position == 2);
  auto second = store->append("account-b", expected_version::any(), events_of(1, "b"));
  REQUIRE(second);
  CHECK(second->first_position == 3);
  auto a = store->read("account-a", 1, 100);
  REQUIRE(a);
  REQUIRE(a->size() == 2);
  CHECK((*a)[1].version == 2);
  CHECK((*a)[1].payload == "payload-a1");
  CHECK((*a)[1].previous_hash == (*a)[0].hash);
  CHECK((*a)[0].previous_hash == genesis_hash());
  auto all = store->read_all(1, 100);
  REQUIRE(all);
  REQUIRE(all->size() == 3);
  CHECK((*all)[2].stream_id == "account-b");
  CHECK(store->head_position() == 3);
}

TEST_CASE("a wrong expected version is a conflict and writes nothing") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  REQUIRE(store->append("account-a", expected_version::no_stream(), events_of(1)));
  auto again = store->append("account-a", expected_version::no_stream(), events_of(1));
  REQUIRE_FALSE(again);
  CHECK(is(again.error(), store_errc::version_conflict));
  auto stale = store->append("account-a", expected_version::exactly(5), events_of(1));
  CHECK(is(stale.error(), store_errc::version_conflict));
  CHECK(*store->stream_version("account-a") == 1);
  CHECK(store->head_position() == 1);
  CHECK(store->append("account-a", expected_version::exactly(1), events_of(1)));
}

TEST_CASE("malformed appends are rejected") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  CHECK(is(store->append("nodash", expected_version::any(), events_of(1)).error(),
           store_errc::invalid_append));
  CHECK(is(store->append("account-a", expected_version::any(), {}).error(),
           store_errc::invalid_append));
  CHECK(is(store->append(std::string("acc\0unt-a", 9), expected_version::any(), events_of(1))
             .error(),
           store_errc::invalid_append));
  CHECK(store->head_position() == 0);
}

TEST_CASE("concurrent appenders to one stream never both win the same version") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  std::atomic<int> wins{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (std::uint64_t v = 0; v < 20; ++v) {
        auto r = store->append("account-x", expected_version::exactly(v), events_of(1));
        r ? ++wins : ++conflicts;
      }
    });
  for (auto& t : threads)
    t.join();
  CHECK(wins.load() == 20);
  CHECK(conflicts.load() == 60);
  CHECK(*store->stream_version("account-x") == 20);
}

TEST_CASE("appended events and the global head survive reopening") {
  temp_dir dir;
  manual_clock time(1000);
  {
    auto store = open_store(dir.path(), time);
    REQUIRE(store->append("account-a", expected_version::any(), events_of(3)));
  }
  auto store = open_store(dir.path(), time);
  CHECK(store->head_position() == 3);
  auto next = store->append("account-b", expected_version::any(), events_of(1));
  REQUIRE(next);
  CHECK(next->first_position == 4);
}

TEST_CASE("a read-only store refuses writes") {
  temp_dir dir;
  manual_clock time(1000);
  { open_store(dir.path(), time); }
  auto store = open_store(dir.path(), time, true);
  CHECK(is(store->append("account-a", expected_version::any(), events_of(1)).error(),
           store_errc::read_only));
}

TEST_CASE("projection commits write rows and checkpoint together") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  CHECK(*store->checkpoint("p") == 0);
  REQUIRE(store->commit_projection("p", "rm_test", 7, {{"k", "v"}}));
  CHECK(*store->checkpoint("p") == 7);
  CHECK(**store->read_model_get("rm_test", "k") == "v");
  CHECK_FALSE(*store->read_model_get("rm_test", "missing"));
  CHECK(is(store->commit_projection("p", "rm_none", 8, {}).error(), store_errc::not_found));
}
