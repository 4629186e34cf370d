#pragma once

#include "events/event_store.hpp"
#include "events/store_verifier.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>
#include <rocksdb/db.h>

#include <functional>
#include <future>
#include <map>

#include <memory>
#include <string>
#include <vector>

namespace pfms::test {

inline std::vector<new_event> events_of(std::size_t count, const std::string& tag = "e") {
  std::vector<new_event> out;
  for (std::size_t i = 0; i < count; ++i)
    out.push_back({tag + std::to_string(i), "TestEvent", "payload-" + tag + std::to_string(i),
                   "tester", "corr", "cause"});
  return out;
}

/// `request`'s outcome, waited for.
inline result<append_result> append_now(event_store& store, append_request request) {
  std::promise<result<append_result>> outcome;
  store.append_async(std::move(request),
                     [&outcome](result<append_result> r) { outcome.set_value(std::move(r)); });
  return outcome.get_future().get();
}

inline std::unique_ptr<event_store> open_store(const std::string& path, const clock& time,
                                               bool read_only = false) {
  auto store = event_store::open({path, read_only, {"rm_test"}}, time);
  REQUIRE(store);
  return std::move(*store);
}

/// Three streams in four batches, each one append that waited for its sync:
/// positions 1–2 (account-a 1–2), 3–4 (account-b 1–2), 5 (account-a 3),
/// 6 (account-c 1).
inline void fill(const std::string& path) {
  manual_clock time(5000);
  auto store = open_store(path, time);
  REQUIRE(store->append("account-a", expected_version::any(), events_of(2, "a")));
  REQUIRE(store->append("account-b", expected_version::any(), events_of(2, "b")));
  REQUIRE(store->append("account-a", expected_version::any(), events_of(1, "a2")));
  REQUIRE(store->append("account-c", expected_version::any(), events_of(1, "c")));
}

/// `verify_store` on the store at `path`, opened read-only.
inline verify_report verify(const std::string& path) {
  manual_clock time(0);
  auto store = open_store(path, time, true);
  auto report = verify_store(*store);
  REQUIRE(report);
  return *report;
}

// Opens the store's RocksDB directly, as an attacker or a broken disk would
// see it, and lets `tamper` change it. The store must be closed.
using family_map = std::map<std::string, rocksdb::ColumnFamilyHandle*>;

inline void tamper_with(const std::string& path,
                 const std::function<void(rocksdb::DB&, family_map&)>& tamper) {
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (auto& n : names)
    descriptors.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), path, descriptors, &handles, &db).ok());
  family_map families;
  for (auto* h : handles)
    families[h->GetName()] = h;
  tamper(*db, families);
  for (auto* h : handles)
    db->DestroyColumnFamilyHandle(h);
  delete db;
}

} // namespace pfms::test
