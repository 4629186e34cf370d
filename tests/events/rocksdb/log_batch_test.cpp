// The log as one record per committed batch: reads across and inside batches,
// stream heads from last events, every tamper case against both chains, and
// the store's format number.

#include "events/envelope_codec.hpp"
#include "events/hash_chain.hpp"
#include "events/rocksdb/log_batch.hpp"
#include "events/store_error.hpp"
#include "events/store_verifier.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"
#include "tests/support/node_process.hpp"

#include <fstream>
#include <future>
#include <iterator>

using namespace pfms;
using namespace pfms::test;
namespace internal = pfms::events::internal;

namespace {

// A filled store (`fill`) changed by `tamper`, then verified.
verify_report verify_tampered(const std::function<void(rocksdb::DB&, family_map&)>& tamper) {
  temp_dir dir;
  fill(dir.path());
  tamper_with(dir.path(), tamper);
  return verify(dir.path());
}

bool names(const verify_report& report, const std::string& stream, std::uint64_t version) {
  for (const auto& f : report.findings)
    if (f.stream == stream && f.version == version)
      return true;
  return false;
}

std::string get(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family, const std::string& key) {
  std::string value;
  REQUIRE(db.Get({}, family, key, &value).ok());
  return value;
}

// The log record of a batch of one run, with its global hash recomputed
// from `global_before`, as an attacker who knows the scheme would write it.
std::string forged_record(std::uint64_t first, std::string_view stream, std::uint64_t version,
                          std::string_view event_hash, std::string& global) {
  global = sha256_hasher().digest(global, event_hash);
  internal::log_batch_writer writer(first);
  writer.begin_run(stream, version, 1);
  writer.add_hash(event_hash);
  return writer.finish(global);
}

} // namespace

TEST_CASE("a batch of many appends is one log record, read whole or from inside it") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  std::vector<std::promise<result<append_result>>> answers(2000);
  for (std::size_t i = 0; i < answers.size(); ++i)
    store->append_async({"account-" + std::to_string(i % 300), expected_version::any(),
                         events_of(1 + i % 3), {}, {}},
                        [&answers, i](result<append_result> r) { answers[i].set_value(r); });
  std::uint64_t events = 0;
  for (auto& a : answers) {
    auto r = a.get_future().get();
    REQUIRE(r);
    events += r->last_position - r->first_position + 1;
  }
  const auto batches = store->stats().batches;
  CHECK(batches < 2000 / 4);
  auto all = store->read_all(1, 10'000);
  REQUIRE(all);
  REQUIRE(all->size() == events);
  for (std::size_t i = 0; i < all->size(); ++i)
    REQUIRE((*all)[i].position == i + 1);
  // From inside a batch and cut inside one: exactly the positions asked for.
  auto middle = store->read_all(events / 2 + 1, 7);
  REQUIRE(middle);
  REQUIRE(middle->size() == 7);
  CHECK(middle->front().position == events / 2 + 1);
  CHECK(middle->back().position == events / 2 + 7);
  // Heads come from last events: a new append continues each stream.
  auto next = store->append("account-7", expected_version::exactly(*store->stream_version(
                                           "account-7")), events_of(1));
  REQUIRE(next);
  store.reset();
  const auto report = verify(dir.path());
  CHECK(report.clean());
  CHECK(report.log_entries_checked == events + 1);
  CHECK(report.log_batches_checked == batches + 1);
}

TEST_CASE("a stream's head is its last event, across reopening and a lost head cache") {
  temp_dir dir;
  manual_clock time(1000);
  fill(dir.path());
  auto store = open_store(dir.path(), time);
  CHECK(*store->stream_version("account-a") == 3);
  CHECK(*store->stream_version("account-") == 0); // a prefix of no stream
  CHECK(*store->stream_version("account-d") == 0);
  auto conflict = store->append("account-a", expected_version::exactly(2), events_of(1));
  REQUIRE_FALSE(conflict);
  CHECK(is(conflict.error(), store_errc::version_conflict));
  auto fine = store->append("account-a", expected_version::exactly(3), events_of(1), "k");
  REQUIRE(fine);
  CHECK(fine->first_version == 4);
  CHECK(fine->first_position == 7);
  CHECK(store->read("account-a", 1, 10, true)->size() == 4);
}

TEST_CASE("verify catches an altered event hash in a log record and names the event") {
  const auto report = verify_tampered([](rocksdb::DB& db, family_map& f) {
    auto value = get(db, f["log"], internal::position_key(4));
    value[value.size() - 1] ^= 0x01; // the hash of account-b version 2
    REQUIRE(db.Put({}, f["log"], internal::position_key(4), value).ok());
  });
  REQUIRE_FALSE(report.clean());
  CHECK(report.findings.front().position == 4);
  CHECK(names(report, "account-b", 2));
}

TEST_CASE("verify catches events reordered inside a batch") {
  const auto report = verify_tampered([](rocksdb::DB& db, family_map& f) {
    auto value = get(db, f["log"], internal::position_key(2));
    const auto second = value.size() - hash_size, first = second - hash_size;
    auto swapped = value.substr(0, first) + value.substr(second) + value.substr(first, hash_size);
    REQUIRE(db.Put({}, f["log"], internal::position_key(2), swapped).ok());
  });
  REQUIRE_FALSE(report.clean());
  CHECK(names(report, "account-a", 1));
  CHECK(names(report, "account-a", 2));
}

TEST_CASE("verify catches two batches swapped even with the global chain recomputed") {
  const auto report = verify_tampered([](rocksdb::DB& db, family_map& f) {
    const auto a3 = decode_envelope(get(db, f["events"], internal::event_key("account-a", 3)));
    const auto c1 = decode_envelope(get(db, f["events"], internal::event_key("account-c", 1)));
    REQUIRE(a3);
    REQUIRE(c1);
    auto before = internal::decode_log_batch(4, get(db, f["log"], internal::position_key(4)));
    REQUIRE(before);
    std::string global(before->global_hash);
    REQUIRE(db.Put({}, f["log"], internal::position_key(5),
                   forged_record(5, "account-c", 1, c1->hash, global)).ok());
    REQUIRE(db.Put({}, f["log"], internal::position_key(6),
                   forged_record(6, "account-a", 3, a3->hash, global)).ok());
  });
  REQUIRE_FALSE(report.clean());
  CHECK(names(report, "account-c", 1));
  CHECK(names(report, "account-a", 3));
}

TEST_CASE("verify catches an inserted batch naming an event that is not there") {
  const auto report = verify_tampered([](rocksdb::DB& db, family_map& f) {
    auto head = internal::decode_log_batch(6, get(db, f["log"], internal::position_key(6)));
    REQUIRE(head);
    std::string global(head->global_hash);
    REQUIRE(db.Put({}, f["log"], internal::position_key(7),
                   forged_record(7, "account-c", 2, std::string(hash_size, 'x'), global)).ok());
  });
  REQUIRE_FALSE(report.clean());
  CHECK(names(report, "account-c", 2));
}

TEST_CASE("verify catches an inserted event whose stream chain is valid, by the log") {
  const auto report = verify_tampered([](rocksdb::DB& db, family_map& f) {
    auto forged = decode_envelope(get(db, f["events"], internal::event_key("account-c", 1)));
    REQUIRE(forged);
    forged->previous_hash = forged->hash;
    forged->version = 2;
    forged->position = 7;
    forged->event_id = "forged";
    forged->hash = event_hash(*forged);
    REQUIRE(db.Put({}, f["events"], internal::event_key("account-c", 2),
                   encode_envelope(*forged)).ok());
  });
  REQUIRE_FALSE(report.clean());
  CHECK(names(report, "account-c", 2));
}

TEST_CASE("verify catches a deleted batch in the middle of the log") {
  const auto report = verify_tampered([](rocksdb::DB& db, family_map& f) {
    REQUIRE(db.Delete({}, f["log"], internal::position_key(4)).ok());
  });
  REQUIRE_FALSE(report.clean());
  CHECK(report.findings.front().position == 3);
  CHECK(names(report, "account-b", 1));
}

TEST_CASE("reads that check the chain name a deleted or swapped event of a stream") {
  temp_dir dir;
  manual_clock time(1000);
  {
    auto store = open_store(dir.path(), time);
    REQUIRE(store->append("account-a", expected_version::any(), events_of(5)));
  }
  tamper_with(dir.path(), [](rocksdb::DB& db, family_map& f) {
    auto two = get(db, f["events"], internal::event_key("account-a", 2));
    auto three = get(db, f["events"], internal::event_key("account-a", 3));
    REQUIRE(db.Put({}, f["events"], internal::event_key("account-a", 2), three).ok());
    REQUIRE(db.Put({}, f["events"], internal::event_key("account-a", 3), two).ok());
    REQUIRE(db.Delete({}, f["events"], internal::event_key("account-a", 5)).ok());
  });
  auto store = open_store(dir.path(), time, true);
  auto swapped = store->read("account-a", 1, 10, true);
  REQUIRE_FALSE(swapped);
  CHECK(swapped.error().detail.find("account-a version 2") != std::string::npos);
  // From just after the swap: the anchor before the range is checked too.
  CHECK_FALSE(store->read("account-a", 4, 10, true));
  // The deleted last event leaves no gap in the stream: only the log tells.
  CHECK(names(verify_store(*store).value(), "account-a", 5));
}

TEST_CASE("a store of another log format is refused with a sentence, by the node and pfmsctl") {
  temp_dir dir;
  fill(dir.path());
  CHECK(verify(dir.path()).clean()); // marked with this format when it was made
  for (const std::string& format : {std::string(), std::string("\0\0\0\0\0\0\0\3", 8)}) {
    tamper_with(dir.path(), [&](rocksdb::DB& db, family_map& f) {
      auto* home = f[rocksdb::kDefaultColumnFamilyName];
      REQUIRE((format.empty() ? db.Delete({}, home, internal::store_format_key)
                              : db.Put({}, home, internal::store_format_key, format)).ok());
    });
    const auto sentence = "is in log format " + std::string(format.empty() ? "1" : "3")
                          + "; this build reads log format 2 only";
    manual_clock time(0);
    for (bool read_only : {false, true}) {
      auto refused = event_store::open({dir.path(), read_only, {"rm_test"}}, time);
      REQUIRE_FALSE(refused);
      CHECK(is(refused.error(), store_errc::unsupported_format));
      CHECK(refused.error().detail.find(sentence) != std::string::npos);
    }
    std::string out;
    const auto errors = dir.path() + "/pfmsctl.err";
    CHECK(run_tool("PFMSCTL", {"verify", "--data-dir", dir.path()}, out, errors, {}) == 2);
    std::ifstream said(errors);
    const std::string said_text((std::istreambuf_iterator<char>(said)), {});
    CHECK(said_text.find(sentence) != std::string::npos);
  }
}
