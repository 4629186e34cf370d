#include "events/store_error.hpp"
#include "projections/runtime/projection_feed.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

#include <array>

using namespace pfms;
using namespace pfms::test;

namespace {

std::string row_key(std::uint64_t position) {
  return "e:" + std::to_string(position);
}

// One row per event; fails on an event applied twice, and while its family
// holds a "fail" row.
result<std::vector<read_model_put>> fold_each(const event_store& store, std::string_view family,
                                              std::span<const recorded_event> events) {
  auto fail = store.read_model_get(family, "fail");
  if (!fail)
    return fail.error();
  if (*fail)
    return make_failure(store_errc::corrupt, "told to fail");
  std::vector<read_model_put> puts;
  for (const auto& e : events) {
    auto seen = store.read_model_get(family, row_key(e.position));
    if (!seen || *seen)
      return make_failure(store_errc::corrupt, "an event applied twice");
    puts.push_back({row_key(e.position), e.stream_id});
  }
  return puts;
}

constexpr projection first{"first", "rm_first", &fold_each};
constexpr projection second{"second", "rm_second", &fold_each};
constexpr std::array both{first, second};

std::unique_ptr<event_store> open_both(const std::string& path, const pfms::clock& time) {
  auto store = event_store::open({path, false, families_of(both)}, time);
  REQUIRE(store);
  return std::move(*store);
}

void append(event_store& store, const std::string& stream, std::size_t count) {
  REQUIRE(store.append(stream, expected_version::any(), events_of(count)));
}

std::size_t rows_of(const event_store& store, std::string_view family) {
  std::size_t n = 0;
  REQUIRE(store.scan_read_model(family, "e:", [&](std::string_view key, std::string_view) {
    n += key.starts_with("e:") ? 1 : 0;
    return true;
  }));
  return n;
}

} // namespace

TEST_CASE("a feed gives each projection the events after its own checkpoint, each once") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_both(dir.path(), time);
  append(*store, "s-1", 3);
  {
    auto alone = projection_feed::open(*store, std::span(&first, 1));
    REQUIRE(alone);
    REQUIRE(alone->catch_up());
    CHECK(*alone->checkpoint("first") == 3);
  }
  append(*store, "s-2", 2);
  auto feed = projection_feed::open(*store, both);
  REQUIRE(feed);
  CHECK(*feed->checkpoint("first") == 3);
  CHECK(*feed->checkpoint("second") == 0);
  REQUIRE(feed->catch_up());
  CHECK(*feed->checkpoint("first") == 5);
  CHECK(*feed->checkpoint("second") == 5);
  // Across many batches, and resumed by a new feed from the stored checkpoints.
  for (int i = 0; i < 3; ++i)
    append(*store, "s-3", 900);
  auto again = projection_feed::open(*store, both);
  REQUIRE(again->catch_up());
  CHECK(*again->checkpoint("first") == 2705);
  CHECK(rows_of(*store, "rm_first") == 2705);
  CHECK(rows_of(*store, "rm_second") == 2705);
  CHECK_FALSE(again->checkpoint("third"));
}

TEST_CASE("a broken projection stops, the others go on, and its rebuild starts it again") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_both(dir.path(), time);
  append(*store, "s-1", 2);
  auto feed = projection_feed::open(*store, both);
  REQUIRE(feed->catch_up());
  REQUIRE(store->write_rows("rm_second", {{"fail", ""}}));
  append(*store, "s-1", 2);
  auto caught_up = feed->catch_up();
  REQUIRE_FALSE(caught_up);
  CHECK(caught_up.error().detail == "told to fail");
  CHECK(*feed->checkpoint("first") == 4);
  CHECK(*feed->checkpoint("second") == 2);
  CHECK(*store->checkpoint("second") == 2); // nothing of the failed batch was written
  CHECK(feed->broken("second"));
  CHECK_FALSE(feed->broken("first"));
  // The others go on; the broken one stays where it stopped.
  append(*store, "s-2", 1);
  REQUIRE(feed->catch_up());
  CHECK(*feed->checkpoint("first") == 5);
  CHECK(*feed->checkpoint("second") == 2);
  // A rebuild empties its family (the "fail" row too) and folds the whole log.
  auto rebuilt = feed->rebuild("second");
  REQUIRE(rebuilt);
  CHECK(*rebuilt == 5);
  CHECK_FALSE(feed->broken("second"));
  CHECK(rows_of(*store, "rm_second") == 5);
  CHECK(rows_of(*store, "rm_first") == 5);
}

TEST_CASE("rebuilding an unknown projection answers not_found and changes nothing") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_both(dir.path(), time);
  append(*store, "s-1", 2);
  auto feed = projection_feed::open(*store, both);
  REQUIRE(feed->catch_up());
  auto rebuilt = feed->rebuild("third");
  REQUIRE_FALSE(rebuilt);
  CHECK(is(rebuilt.error(), store_errc::not_found));
  CHECK(*store->checkpoint("first") == 2);
  CHECK(rows_of(*store, "rm_first") == 2);
  CHECK(is(*feed->broken("third"), store_errc::not_found));
}
