#pragma once

#include "events/clock.hpp"
#include "events/internal/keys.hpp"
#include "events/result.hpp"

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
/// `log`, `streams` and `idempotency` and moves the global head.
struct store_impl {
  const clock* time = nullptr;
  bool read_only = false;
  std::unique_ptr<rocksdb::DB> db;
  std::map<std::string, rocksdb::ColumnFamilyHandle*, std::less<>> families;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;

  std::atomic<std::uint64_t> head_position{0};
  std::string head_global_hash; ///< journal thread only (after open)
  std::function<void(std::uint64_t)> commit_listener;
  mutable std::mutex commit_mutex; ///< with `committed`: wakes wait_for_commit
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

/// The head of `stream` ({0, genesis} when it does not exist), or `io` /
/// `corrupt`. Defined in event_store.cpp.
[[nodiscard]] result<stream_head> load_stream_head(const store_impl& impl,
                                                   std::string_view stream);

} // namespace pfms::events::internal
