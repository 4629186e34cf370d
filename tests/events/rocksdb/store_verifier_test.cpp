#include "events/envelope_codec.hpp"
#include "events/hash_chain.hpp"
#include "events/rocksdb/keys.hpp"
#include "events/store_verifier.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

using namespace pfms;
using namespace pfms::test;
namespace internal = pfms::events::internal;


TEST_CASE("verify passes an untouched store and counts what it checked") {
  temp_dir dir;
  fill(dir.path());
  auto report = verify(dir.path());
  CHECK(report.clean());
  CHECK(report.events_checked == 6);
  CHECK(report.streams_checked == 3);
  CHECK(report.log_entries_checked == 6);
  CHECK(report.log_batches_checked == 4); // one record per append here: each waited for its sync
}

TEST_CASE("verify catches a flipped byte in an event's payload and names it") {
  temp_dir dir;
  fill(dir.path());
  tamper_with(dir.path(), [](rocksdb::DB& db, family_map& f) {
    const auto key = internal::event_key("account-b", 2);
    std::string value;
    REQUIRE(db.Get({}, f["events"], key, &value).ok());
    const auto at = value.find("payload-b1");
    REQUIRE(at != std::string::npos);
    value[at + 8] ^= 0x01;
    REQUIRE(db.Put({}, f["events"], key, value).ok());
  });
  auto report = verify(dir.path());
  REQUIRE_FALSE(report.clean());
  CHECK(report.findings.front().stream == "account-b");
  CHECK(report.findings.front().version == 2);
}

TEST_CASE("verify catches a deleted event in the middle of a stream") {
  temp_dir dir;
  fill(dir.path());
  tamper_with(dir.path(), [](rocksdb::DB& db, family_map& f) {
    REQUIRE(db.Delete({}, f["events"], internal::event_key("account-a", 2)).ok());
  });
  auto report = verify(dir.path());
  REQUIRE_FALSE(report.clean());
  CHECK(report.findings.front().stream == "account-a");
  CHECK(report.findings.front().version == 3);
}

TEST_CASE("verify catches a deleted last event, which no head contradicts") {
  temp_dir dir;
  fill(dir.path());
  tamper_with(dir.path(), [](rocksdb::DB& db, family_map& f) {
    // The stream now looks whole at version 1; only the log can tell.
    REQUIRE(db.Delete({}, f["events"], internal::event_key("account-b", 2)).ok());
  });
  auto report = verify(dir.path());
  REQUIRE_FALSE(report.clean());
  bool named = false;
  for (const auto& finding : report.findings)
    named = named || (finding.stream == "account-b" && finding.version == 2);
  CHECK(named);
}

TEST_CASE("verify catches a whole deleted stream") {
  temp_dir dir;
  fill(dir.path());
  tamper_with(dir.path(), [](rocksdb::DB& db, family_map& f) {
    REQUIRE(db.Delete({}, f["events"], internal::event_key("account-b", 1)).ok());
    REQUIRE(db.Delete({}, f["events"], internal::event_key("account-b", 2)).ok());
  });
  auto report = verify(dir.path());
  REQUIRE_FALSE(report.clean());
  CHECK(report.findings.front().stream == "account-b");
  CHECK(report.findings.front().position == 3);
}

TEST_CASE("verify reports the global head so a truncated tail can be detected by an anchor") {
  temp_dir dir;
  fill(dir.path());
  const auto before = verify(dir.path());
  CHECK(before.last_position == 6);
  CHECK(before.last_global_hash.size() == hash_size);
  tamper_with(dir.path(), [](rocksdb::DB& db, family_map& f) {
    REQUIRE(db.Delete({}, f["events"], internal::event_key("account-c", 1)).ok());
    REQUIRE(db.Delete({}, f["log"], internal::position_key(6)).ok());
  });
  const auto after = verify(dir.path());
  CHECK(after.last_position == 5);
  CHECK(after.last_global_hash != before.last_global_hash);
}

TEST_CASE("verify catches a stream deleted together with its log batch") {
  temp_dir dir;
  fill(dir.path());
  tamper_with(dir.path(), [](rocksdb::DB& db, family_map& f) {
    REQUIRE(db.Delete({}, f["events"], internal::event_key("account-b", 1)).ok());
    REQUIRE(db.Delete({}, f["events"], internal::event_key("account-b", 2)).ok());
    // account-b's append was the batch of positions 3 and 4, keyed by 4.
    REQUIRE(db.Delete({}, f["log"], internal::position_key(4)).ok());
  });
  auto report = verify(dir.path());
  REQUIRE_FALSE(report.clean());
  CHECK(report.findings.front().position == 3);
}
