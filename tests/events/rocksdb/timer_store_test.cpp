#include "events/store_error.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

#include <future>

using namespace pfms;
using namespace pfms::test;

namespace {

append_request with_timer(std::string stream, expected_version expected, std::size_t count,
                          std::optional<time_us> wake_at) {
  append_request r{std::move(stream), expected, events_of(count, "t"), {}, {}};
  r.wake_at = wake_at;
  return r;
}

std::vector<std::string> due_streams(const event_store& store, std::string_view kind,
                                     time_us until, std::size_t max = 100) {
  auto due = store.due_timers(kind, until, max);
  REQUIRE(due);
  std::vector<std::string> out;
  for (const auto& t : *due)
    out.push_back(t.stream + "@" + std::to_string(t.due_us));
  return out;
}

} // namespace

TEST_CASE("a timer moves with its append, lists in due order per kind, and clears") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  REQUIRE(append_now(*store, with_timer("loan-b", expected_version::no_stream(), 1, 500)));
  REQUIRE(append_now(*store, with_timer("loan-a", expected_version::no_stream(), 1, 300)));
  REQUIRE(append_now(*store, with_timer("plan-a", expected_version::no_stream(), 1, 100)));
  REQUIRE(append_now(*store, with_timer("loan-c", expected_version::no_stream(), 1, std::nullopt)));
  CHECK(due_streams(*store, "loan", 1000) == std::vector<std::string>{"loan-a@300", "loan-b@500"});
  CHECK(due_streams(*store, "loan", 499) == std::vector<std::string>{"loan-a@300"});
  CHECK(due_streams(*store, "loan", 1000, 1) == std::vector<std::string>{"loan-a@300"});
  CHECK(due_streams(*store, "plan", 1000) == std::vector<std::string>{"plan-a@100"});
  CHECK(due_streams(*store, "lo", 1000).empty()); // a kind is matched whole
  CHECK(*store->timer_of("loan-c") == 0);

  // Moved later by the next append; an append without one leaves it.
  REQUIRE(append_now(*store, with_timer("loan-a", expected_version::exactly(1), 1, 700)));
  REQUIRE(append_now(*store, with_timer("loan-a", expected_version::exactly(2), 1, std::nullopt)));
  CHECK(*store->timer_of("loan-a") == 700);
  CHECK(due_streams(*store, "loan", 1000) == std::vector<std::string>{"loan-b@500", "loan-a@700"});
  // Cleared.
  REQUIRE(append_now(*store, with_timer("loan-b", expected_version::exactly(1), 1, 0)));
  CHECK(*store->timer_of("loan-b") == 0);
  CHECK(due_streams(*store, "loan", 1000) == std::vector<std::string>{"loan-a@700"});
}

TEST_CASE("a timer alone moves with no event, is checked against the version, and lasts") {
  temp_dir dir;
  manual_clock time(1000);
  {
    auto store = open_store(dir.path(), time);
    REQUIRE(append_now(*store, with_timer("loan-x", expected_version::no_stream(), 2, 400)));
    const auto head = store->head_position();
    auto moved = append_now(*store, with_timer("loan-x", expected_version::exactly(2), 0, 900));
    REQUIRE(moved);
    CHECK(moved->last_version == 2);
    CHECK(store->head_position() == head); // no event written
    CHECK(*store->stream_version("loan-x") == 2);
    auto stale = append_now(*store, with_timer("loan-x", expected_version::exactly(1), 0, 50));
    REQUIRE_FALSE(stale);
    CHECK(is(stale.error(), store_errc::version_conflict));
    // No event and no timer, or an idempotency key with no event, is no append.
    auto empty = append_now(*store, with_timer("loan-x", expected_version::any(), 0, std::nullopt));
    CHECK(is(empty.error(), store_errc::invalid_append));
    auto keyed = with_timer("loan-x", expected_version::any(), 0, 10);
    keyed.idempotency_key = "k";
    CHECK(is(append_now(*store, std::move(keyed)).error(), store_errc::invalid_append));
    CHECK(is(append_now(*store, with_timer("loan-x", expected_version::any(), 0, -5)).error(),
             store_errc::invalid_append));
  }
  auto reopened = open_store(dir.path(), time);
  CHECK(*reopened->timer_of("loan-x") == 900);
  CHECK(due_streams(*reopened, "loan", 1000) == std::vector<std::string>{"loan-x@900"});
}

TEST_CASE("two moves of one timer in one batch leave only the last") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  std::vector<std::promise<result<append_result>>> answers(3);
  store->append_async(with_timer("loan-y", expected_version::no_stream(), 1, 100),
                      [&](result<append_result> r) { answers[0].set_value(std::move(r)); });
  store->append_async(with_timer("loan-y", expected_version::exactly(1), 1, 200),
                      [&](result<append_result> r) { answers[1].set_value(std::move(r)); });
  store->append_async(with_timer("loan-y", expected_version::exactly(2), 0, 300),
                      [&](result<append_result> r) { answers[2].set_value(std::move(r)); });
  for (auto& a : answers)
    REQUIRE(a.get_future().get());
  CHECK(due_streams(*store, "loan", 1000) == std::vector<std::string>{"loan-y@300"});
}
