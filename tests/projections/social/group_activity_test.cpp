// The group activity projection: a group's events as its activity feed
// pages them, written by the group codec into a real store, text sealed
// under each writer's key and shredded with it.

#include "actors/runtime/writer_keys.hpp"
#include "actors/social/group_codec.hpp"
#include "projections/runtime/projection_feed.hpp"
#include "projections/social/group_activity.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

using namespace pfms;

namespace {

const std::string group_id = "01890000-0000-7000-8000-0000000000a1";

group_expense dinner(std::string id, std::string writer, std::string description) {
  return group_expense{std::move(id), std::move(description), "food", 900, "EUR", 0,
                       {{"u1", 900}}, {{"u1", 450}, {"u2", 450}}, 0, false, split_method::equal,
                       std::move(writer)};
}

struct group_log {
  test::temp_dir dir;
  manual_clock time{1'764'000'000'000'000};
  std::unique_ptr<event_store> store = open();
  int count = 0;

  std::unique_ptr<event_store> open() {
    auto opened = event_store::open(
      {dir.path(), false, {std::string(group_activity_projection.family)}}, time);
    REQUIRE(opened);
    return std::move(*opened);
  }

  void write(const std::string& group, const std::vector<group_event>& events) {
    writer_keys keys(*store, group_stream(group));
    REQUIRE(prepare_text_keys(events, keys, *store));
    std::vector<new_event> encoded;
    for (const auto& e : events)
      encoded.push_back(
        encode_group_event(e, {"e-" + std::to_string(++count), "u1", "c", "test"}, keys));
    REQUIRE(store->append(group_stream(group), expected_version::any(), encoded));
  }

  void catch_up() {
    auto feed = projection_feed::open(*store, std::span(&group_activity_projection, 1));
    REQUIRE(feed);
    REQUIRE(feed->catch_up());
  }

  std::vector<group_event> page(std::uint64_t from, std::size_t limit) {
    auto rows = group_activity_of(*store, group_id, from, limit);
    REQUIRE(rows);
    writer_keys keys(*store, group_stream(group_id));
    std::vector<group_event> out;
    for (const auto& row : *rows) {
      CHECK(row.stream_id == group_stream(group_id));
      CHECK(row.hash.empty());
      auto event = decode_group_event(row, keys);
      REQUIRE(event);
      out.push_back(*event);
    }
    return out;
  }
};

} // namespace

TEST_CASE("a group's activity holds its events in version order, a page at a time") {
  group_log g;
  g.write(group_id, {group_created{group_id, "Flat", "EUR", "u1"}, member_invited{"u2", "u1"}});
  g.write("01890000-0000-7000-8000-0000000000b2",
          {group_created{"01890000-0000-7000-8000-0000000000b2", "Other", "EUR", "u9"}});
  g.write(group_id, {member_joined{"u2"}, expense_recorded{dinner("e1", "u1", "Luigi trattoria")}});
  g.catch_up();
  auto rows = group_activity_of(*g.store, group_id, 1, 200);
  REQUIRE(rows);
  REQUIRE(rows->size() == 4); // the other group's event is not in this one's feed
  auto stream = g.store->read(group_stream(group_id), 1, 10);
  REQUIRE(stream);
  for (std::size_t i = 0; i < rows->size(); ++i) {
    CHECK((*rows)[i].version == i + 1);
    CHECK((*rows)[i].type == (*stream)[i].type);
    CHECK((*rows)[i].payload == (*stream)[i].payload);
    CHECK((*rows)[i].actor == (*stream)[i].actor);
    CHECK((*rows)[i].recorded_at_us == (*stream)[i].recorded_at_us);
  }
  // A page from a version, cut at its limit.
  auto page = g.page(2, 2);
  REQUIRE(page.size() == 2);
  CHECK(std::get<member_invited>(page[0]).user_id == "u2");
  CHECK(std::get<member_joined>(page[1]).user_id == "u2");
  CHECK(group_activity_of(*g.store, group_id, 5, 10)->empty());
  CHECK(group_activity_of(*g.store, "no-such-group", 1, 10)->empty());
}

TEST_CASE("activity rows keep each writer's text sealed, and an erasure shreds it there too") {
  group_log g;
  g.write(group_id, {group_created{group_id, "Flat", "EUR", "u1"},
                     expense_recorded{dinner("e1", "u1", "Luigi trattoria")},
                     expense_recorded{dinner("e2", "u2", "Taxi home")}});
  g.catch_up();
  REQUIRE(g.store->scan_read_model(group_activity_projection.family, "a:",
                                   [](std::string_view, std::string_view value) {
                                     CHECK(value.find("Luigi") == std::string_view::npos);
                                     CHECK(value.find("Taxi") == std::string_view::npos);
                                     return true;
                                   }));
  CHECK(std::get<expense_recorded>(g.page(2, 1)[0]).expense.description == "Luigi trattoria");
  REQUIRE(g.store->erase_subject_key("u1", erasure_reach::this_node));
  auto after = g.page(2, 2);
  CHECK(std::get<expense_recorded>(after[0]).expense.description == erased_text);
  CHECK(std::get<expense_recorded>(after[1]).expense.description == "Taxi home");
}
