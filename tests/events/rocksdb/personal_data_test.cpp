#include "events/personal_data.hpp"
#include "events/store_error.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"
#include "tests/support/files.hpp"

using namespace pfms;
using namespace pfms::test;

TEST_CASE("sealed fields open only under their key and context") {
  const auto key = new_subject_key();
  const auto other = new_subject_key();
  REQUIRE(key.size() == subject_key_size);
  CHECK(key != other);
  const auto sealed = seal(key, "user-1/email", "alice@example.org");
  CHECK(sealed.find("alice") == std::string::npos);
  CHECK(sealed != seal(key, "user-1/email", "alice@example.org")); // fresh nonce
  CHECK(*unseal(key, "user-1/email", sealed) == "alice@example.org");
  CHECK_FALSE(unseal(other, "user-1/email", sealed));
  CHECK_FALSE(unseal(key, "user-2/email", sealed));
  CHECK_FALSE(unseal(key, "user-1/display_name", sealed));
  auto flipped = sealed;
  flipped[flipped.size() - 1] ^= 1;
  CHECK_FALSE(unseal(key, "user-1/email", flipped));
  CHECK_FALSE(unseal(key, "user-1/email", sealed.substr(0, 10)));
  CHECK(seal(key, "c", "").empty());
  CHECK(*unseal(key, "c", "") == "");
}

TEST_CASE("a sealer without a key opens every field as erased") {
  const sealer live{new_subject_key(), "account-9"};
  const auto sealed = live.seal_field("name", "Alice's savings");
  CHECK(*live.open_field("name", sealed) == "Alice's savings");
  CHECK_FALSE(live.open_field("note", sealed));
  const sealer gone{"", "account-9"};
  CHECK(gone.erased());
  CHECK(*gone.open_field("name", sealed) == erased_text);
  CHECK(*gone.open_field("name", "") == "");
}

TEST_CASE("subject keys: one per subject, and erasure destroys it on disk for good") {
  temp_dir dir;
  manual_clock time(1000);
  std::string key;
  {
    auto store = open_store(dir.path(), time);
    CHECK_FALSE(*store->subject_key("u1"));
    key = *store->create_subject_key("u1");
    CHECK(*store->create_subject_key("u1") == key);
    CHECK(**store->subject_key("u1") == key);
    CHECK(*store->create_subject_key("u2") != key);
  }
  CHECK(any_file_contains(dir.path(), key)); // it is durable
  {
    auto store = open_store(dir.path(), time);
    CHECK(**store->subject_key("u1") == key);
    REQUIRE(store->erase_subject_key("u1", erasure_reach::every_node));
    CHECK_FALSE(*store->subject_key("u1"));
    auto again = store->create_subject_key("u1");
    REQUIRE_FALSE(again);
    CHECK(is(again.error(), store_errc::subject_erased));
    CHECK(*store->subject_key("u2")); // others keep theirs
    CHECK_FALSE(any_file_contains(dir.path(), key));
  }
  auto store = open_store(dir.path(), time);
  CHECK_FALSE(*store->subject_key("u1"));
  CHECK(is(store->create_subject_key("u1").error(), store_errc::subject_erased));
  CHECK_FALSE(any_file_contains(dir.path(), key));
}

TEST_CASE("an erasure for every node waits in the outbox until every node has it") {
  temp_dir dir;
  manual_clock time(1000);
  auto store = open_store(dir.path(), time);
  REQUIRE(store->create_subject_key("u1"));
  REQUIRE(store->erase_subject_key("u1", erasure_reach::this_node));
  CHECK(store->erasure_outbox(10)->empty()); // a peer carrying it out tells no one
  REQUIRE(store->erase_subject_key("u2", erasure_reach::every_node));
  REQUIRE(store->erase_subject_key("u3", erasure_reach::every_node));
  auto waiting = *store->erasure_outbox(10);
  REQUIRE(waiting.size() == 2);
  CHECK(waiting[0].subject == "u2");
  CHECK(waiting[0].done_nodes.empty());
  CHECK(store->erasure_outbox(1)->size() == 1);
  REQUIRE(store->record_erasure_reach({"u2", {"n2"}}, false));
  CHECK((*store->erasure_notice_of("u2"))->done_nodes == std::vector<std::string>{"n2"});
  REQUIRE(store->record_erasure_reach({"u2", {"n2", "n3"}}, false));
  CHECK((*store->erasure_notice_of("u2"))->done_nodes
        == std::vector<std::string>{"n2", "n3"});
  REQUIRE(store->record_erasure_reach({"u2", {"n2", "n3"}}, true));
  CHECK_FALSE(*store->erasure_notice_of("u2"));
  // The outbox is on disk: a restart resumes with what is left.
  store.reset();
  store = open_store(dir.path(), time);
  waiting = *store->erasure_outbox(10);
  REQUIRE(waiting.size() == 1);
  CHECK(waiting[0].subject == "u3");
}

TEST_CASE("the snapshot key lasts until the next erasure, which destroys it on disk") {
  temp_dir dir;
  manual_clock time(1000);
  std::string key;
  {
    auto store = open_store(dir.path(), time);
    auto first = store->snapshot_key();
    REQUIRE(first);
    CHECK(first->key.size() == subject_key_size);
    CHECK(first->epoch == store->erasure_epoch());
    CHECK(store->snapshot_key()->key == first->key);
    key = first->key;
  }
  CHECK(any_file_contains(dir.path(), key)); // durable: snapshots outlive a restart
  auto store = open_store(dir.path(), time);
  CHECK(store->snapshot_key()->key == key);
  REQUIRE(store->create_subject_key("u1"));
  REQUIRE(store->erase_subject_key("u1", erasure_reach::this_node));
  auto after = store->snapshot_key();
  REQUIRE(after);
  CHECK(after->key != key);
  CHECK(after->key.size() == subject_key_size);
  CHECK(after->epoch == store->erasure_epoch());
  CHECK(after->epoch == 1);
  CHECK_FALSE(any_file_contains(dir.path(), key));
}
