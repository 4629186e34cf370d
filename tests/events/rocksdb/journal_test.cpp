#include "events/rocksdb/keys.hpp"
#include "events/store_error.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

#include <future>
#include <thread>

using namespace pfms;
using namespace pfms::test;

namespace {

append_request request_of(std::string stream, expected_version expected, std::size_t count = 1,
                          std::string key = {}) {
  return {std::move(stream), expected, events_of(count), std::move(key), {}};
}

// Submits all requests back to back and waits for every answer.
std::vector<result<append_result>> submit_all(event_store& store,
                                              std::vector<append_request> requests) {
  std::vector<std::promise<result<append_result>>> promises(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i)
    store.append_async(std::move(requests[i]), [&promises, i](result<append_result> r) {
      promises[i].set_value(std::move(r));
    });
  std::vector<result<append_result>> out;
  for (auto& p : promises)
    out.push_back(p.get_future().get());
  return out;
}

} // namespace

TEST_CASE("appends that arrive while a batch syncs share the next batch and fsync") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  std::vector<append_request> requests;
  for (int i = 0; i < 2000; ++i)
    requests.push_back(request_of("account-" + std::to_string(i), expected_version::no_stream()));
  auto outcomes = submit_all(*store, std::move(requests));
  for (auto& o : outcomes)
    REQUIRE(o);
  const auto stats = store->stats();
  CHECK(stats.appends == 2000);
  CHECK(stats.events == 2000);
  CHECK(stats.batches < 2000 / 4); // measured: a handful of batches, not one per append
  CHECK(store->head_position() == 2000);
}

TEST_CASE("two appends to one stream in one batch are ordered and the second conflicts") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  std::vector<append_request> requests;
  for (int i = 0; i < 50; ++i) {
    requests.push_back(request_of("account-s" + std::to_string(i), expected_version::no_stream()));
    requests.push_back(request_of("account-s" + std::to_string(i), expected_version::no_stream()));
    requests.push_back(request_of("account-s" + std::to_string(i), expected_version::exactly(1)));
  }
  auto outcomes = submit_all(*store, std::move(requests));
  for (std::size_t i = 0; i < outcomes.size(); i += 3) {
    REQUIRE(outcomes[i]);
    CHECK(outcomes[i]->first_version == 1);
    REQUIRE_FALSE(outcomes[i + 1]);
    CHECK(is(outcomes[i + 1].error(), store_errc::version_conflict));
    REQUIRE(outcomes[i + 2]);
    CHECK(outcomes[i + 2]->first_version == 2);
  }
  CHECK(store->head_position() == 100);
}

TEST_CASE("a retry with the same idempotency key returns the first outcome and writes nothing") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  auto first = store->append("account-a", expected_version::no_stream(), events_of(2), "u1:k1");
  REQUIRE(first);
  CHECK_FALSE(first->replayed);
  // Fresh event ids, as a client retry would carry; the content is the same.
  auto retry_events = events_of(2);
  retry_events[0].event_id = "other-id";
  auto retry = store->append("account-a", expected_version::no_stream(), retry_events, "u1:k1");
  REQUIRE(retry);
  CHECK(retry->replayed);
  CHECK(retry->first_position == first->first_position);
  CHECK(retry->last_version == 2);
  CHECK(store->head_position() == 2);
  auto other = store->append("account-a", expected_version::any(), events_of(1, "x"), "u1:k1");
  REQUIRE_FALSE(other);
  CHECK(is(other.error(), store_errc::idempotency_mismatch));
  // Keys are scoped by the caller: another scope is another key.
  CHECK_FALSE(store->append("account-a", expected_version::any(), events_of(2), "u2:k1")->replayed);
  CHECK(store->head_position() == 4);
}

TEST_CASE("with a request fingerprint a re-decided retry replays and a lookup sees the outcome") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  auto with_print = [](std::vector<new_event> events, std::string print) {
    append_request r{"account-r", expected_version::any(), std::move(events), "u1:k", {}};
    r.request_fingerprint = std::move(print);
    return r;
  };
  CHECK_FALSE(*store->idempotent_outcome("u1:k", "POST /x body"));
  auto first = submit_all(*store, {with_print(events_of(2), "POST /x body")});
  REQUIRE(first[0]);
  // Other events (a re-decision), same request: the first outcome, nothing written.
  auto retry = submit_all(*store, {with_print(events_of(1, "other"), "POST /x body")});
  REQUIRE(retry[0]);
  CHECK(retry[0]->replayed);
  CHECK(retry[0]->last_version == 2);
  CHECK(store->head_position() == 2);
  auto seen = store->idempotent_outcome("u1:k", "POST /x body");
  REQUIRE(seen);
  REQUIRE(*seen);
  CHECK((*seen)->replayed);
  CHECK((*seen)->first_position == first[0]->first_position);
  CHECK((*seen)->last_version == 2);
  CHECK(is(store->idempotent_outcome("u1:k", "POST /x other body").error(),
           store_errc::idempotency_mismatch));
  auto other = submit_all(*store, {with_print(events_of(2), "POST /x other body")});
  CHECK(is(other[0].error(), store_errc::idempotency_mismatch));
  // A content-checked append under the key is another request, too.
  CHECK(is(store->append("account-r", expected_version::any(), events_of(2), "u1:k").error(),
           store_errc::idempotency_mismatch));
  CHECK(store->head_position() == 2);
}

TEST_CASE("duplicate keys inside one batch are answered once and written once") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  std::vector<append_request> requests;
  for (int i = 0; i < 20; ++i)
    requests.push_back(request_of("account-a", expected_version::any(), 1, "same"));
  auto outcomes = submit_all(*store, std::move(requests));
  int written = 0;
  for (auto& o : outcomes) {
    REQUIRE(o);
    written += o->replayed ? 0 : 1;
    CHECK(o->first_position == 1);
  }
  CHECK(written == 1);
  CHECK(store->head_position() == 1);
}

TEST_CASE("idempotency keys expire after the TTL and the sweep removes them") {
  temp_dir dir;
  manual_clock time(1'000'000'000);
  auto opened = event_store::open({dir.path(), false, {}, 1'000'000, std::chrono::hours(1)}, time);
  REQUIRE(opened);
  auto& store = **opened;
  REQUIRE(store.append("account-a", expected_version::any(), events_of(1), "k"));
  CHECK(store.sweep_idempotency() == 0);
  time.advance(2'000'000);
  // Expired: the same key is a new append even before the sweep.
  auto again = store.append("account-a", expected_version::any(), events_of(1), "k");
  REQUIRE(again);
  CHECK_FALSE(again->replayed);
  CHECK(store.sweep_idempotency() == 1); // the first entry's index; the new entry stays
  auto retry = store.append("account-a", expected_version::any(), events_of(1), "k");
  CHECK(retry->replayed);
  time.advance(2'000'000);
  CHECK(store.sweep_idempotency() == 1);
  CHECK_FALSE(store.append("account-a", expected_version::any(), events_of(1), "k")->replayed);
}

TEST_CASE("reads that check the chain name a tampered event instead of returning it") {
  temp_dir dir;
  manual_clock time(1000);
  {
    auto store = open_store(dir.path(), time);
    REQUIRE(store->append("account-a", expected_version::any(), events_of(5)));
    auto fine = store->read("account-a", 3, 10, true);
    REQUIRE(fine);
    CHECK(fine->size() == 3);
  }
  tamper_with(dir.path(), [](rocksdb::DB& db, family_map& f) {
    const auto key = events::internal::event_key("account-a", 4);
    std::string value;
    REQUIRE(db.Get({}, f["events"], key, &value).ok());
    value[value.find("payload-e3") + 9] ^= 0x01;
    REQUIRE(db.Put({}, f["events"], key, value).ok());
  });
  auto store = open_store(dir.path(), time);
  CHECK(store->read("account-a", 1, 10, false)->size() == 5); // unchecked reads do not look
  for (std::uint64_t from : {1, 3, 4, 5}) {
    CAPTURE(from);
    auto checked = store->read("account-a", from, 10, true);
    REQUIRE_FALSE(checked);
    CHECK(is(checked.error(), store_errc::corrupt));
    CHECK(checked.error().detail.find("account-a version") != std::string::npos);
  }
}

TEST_CASE("snapshots round-trip and the latest wins") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  CHECK_FALSE(*store->read_snapshot("account-a"));
  REQUIRE(store->write_snapshot("account-a", {1, 10, "state-10"}));
  REQUIRE(store->write_snapshot("account-a", {1, 20, "state-20"}));
  auto latest = store->read_snapshot("account-a");
  REQUIRE(*latest);
  CHECK((*latest)->version == 20);
  CHECK((*latest)->format_version == 1);
  CHECK((*latest)->state == "state-20");
}

TEST_CASE("wait_for_commit returns once the head passes the position") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  CHECK(store->wait_for_commit(0, std::chrono::milliseconds(1)) == 0);
  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ignore_error(store->append("account-a", expected_version::any(), events_of(1)),
                 "the waiting side checks that it landed");
  });
  CHECK(store->wait_for_commit(0, std::chrono::seconds(10)) == 1);
  writer.join();
}

TEST_CASE("record times never go backwards, even when the clock does, across reopening too") {
  temp_dir dir;
  manual_clock time(5'000'000);
  {
    auto store = open_store(dir.path(), time);
    REQUIRE(store->append("s-1", expected_version::any(), events_of(1)));
    time.advance(-2'000'000); // the clock jumps back
    auto later = store->append("s-1", expected_version::any(), events_of(1));
    REQUIRE(later);
    CHECK(later->recorded_at_us == 5'000'000);
  }
  auto store = open_store(dir.path(), time);
  auto after_reopen = store->append("s-1", expected_version::any(), events_of(1));
  REQUIRE(after_reopen);
  CHECK(after_reopen->recorded_at_us == 5'000'000);
  time.advance(4'000'000);
  CHECK(store->append("s-1", expected_version::any(), events_of(1))->recorded_at_us == 7'000'000);
}
