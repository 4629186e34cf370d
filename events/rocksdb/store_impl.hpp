#pragma once

#include "events/clock.hpp"
#include "events/hash_chain.hpp"
#include "events/result.hpp"
#include "events/rocksdb/keys.hpp"

#include <rocksdb/db.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace pfms::events::internal {

/// The state behind `event_store`. The journal thread alone writes `events`,
/// `log` and `idempotency` and moves the global head.
struct store_impl {
  const clock* time = nullptr;
  bool read_only = false;
  time_us idempotency_ttl_us = 0;
  std::unique_ptr<rocksdb::DB> db;
  std::map<std::string, rocksdb::ColumnFamilyHandle*, std::less<>> families;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;

  std::atomic<std::uint64_t> head_position{0};
  std::string head_global_hash; ///< journal thread only (after open)
  time_us last_recorded_us = 0; ///< the newest record time; journal thread only (after open)
  std::function<void(std::uint64_t)> commit_listener;
  mutable std::mutex commit_mutex; ///< with `committed`: wakes wait_for_commit
  std::mutex subject_keys_mutex;   ///< one creator or eraser of subject keys at a time
  std::atomic<std::uint64_t> erasures{0};
  mutable std::condition_variable committed;

  [[nodiscard]] rocksdb::ColumnFamilyHandle* family(std::string_view name) const {
    auto it = families.find(name);
    return it == families.end() ? nullptr : it->second;
  }

  ~store_impl() {
    for (auto* h : handles)
      if (db)
        db->DestroyColumnFamilyHandle(h);
  }
};

/// The unexpired entry under idempotency `key` as of `now`, nullopt when
/// none; `io` / `corrupt`. Defined in event_store_reads.cpp.
[[nodiscard]] result<std::optional<idempotency_entry>>
read_idempotency_entry(const store_impl& impl, std::string_view key, time_us now);

/// The fingerprint a first append under a key stores: SHA-256 over the
/// caller's request fingerprint when it gave one, else over the stream and
/// each event's type and payload.
[[nodiscard]] std::string idempotency_fingerprint(sha256_hasher& hasher,
                                                  std::string_view stream,
                                                  const std::vector<new_event>& events,
                                                  std::string_view request_fingerprint);

/// The head of `stream` from its last event ({0, genesis} when it has none),
/// or `io` / `corrupt`. Defined in event_store.cpp.
[[nodiscard]] result<stream_head> load_stream_head(const store_impl& impl,
                                                   std::string_view stream);

} // namespace pfms::events::internal
