#pragma once

#include "events/clock.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

namespace events::internal {
struct store_impl;
} // namespace events::internal

/// What the appender believes the stream's version is (optimistic concurrency).
struct expected_version {
  static constexpr std::uint64_t any_value = UINT64_MAX;
  std::uint64_t value = any_value;

  /// Append whatever the stream's version is.
  [[nodiscard]] static expected_version any() { return {any_value}; }
  /// The stream must not exist yet.
  [[nodiscard]] static expected_version no_stream() { return {0}; }
  /// The stream must be at exactly `version` (0 means "does not exist").
  [[nodiscard]] static expected_version exactly(std::uint64_t version) { return {version}; }
};

/// Where an append landed.
struct append_result {
  std::uint64_t first_version = 0;
  std::uint64_t last_version = 0;
  std::uint64_t first_position = 0;
  std::uint64_t last_position = 0;
  time_us recorded_at_us = 0;
};

/// How to open the store. Defaults in comments.
struct store_options {
  std::string path;                             ///< directory; created if missing (required)
  bool read_only = false;                       ///< pfmsctl opens beside a running node
  std::vector<std::string> read_model_families; ///< one column family per read model ({})
};

/// One row a projection writes into its read-model family.
struct read_model_put {
  std::string key;
  std::string value;
};

/// The node's event log on RocksDB: one database, the column families of
/// docs/architecture.md, both hash chains. Thread-safe: appends are
/// serialized by one mutex and acknowledged only after a synced WriteBatch.
/// The clock must outlive the store.
class event_store {
public:
  /// Limits on one call.
  static constexpr std::size_t append_events_max = 1000;
  static constexpr std::size_t append_bytes_max = 4 << 20;
  static constexpr std::size_t read_count_max = 10'000;
  static constexpr std::size_t stream_id_size_max = 128;

  /// Opens (creating if missing, unless read-only) the store at `options.path`.
  /// Fails with `io` when RocksDB cannot open it.
  [[nodiscard]] static result<std::unique_ptr<event_store>> open(const store_options& options,
                                                                 const clock& time);
  ~event_store();
  event_store(const event_store&) = delete;
  event_store& operator=(const event_store&) = delete;

  /// Appends `events` to `stream` atomically, after checking `expected`.
  /// Returns only after the batch is synced to disk. Errors: `version_conflict`,
  /// `invalid_append` (empty, over the limits, bad stream id), `io`, `read_only`.
  [[nodiscard]] result<append_result> append(std::string_view stream, expected_version expected,
                                             const std::vector<new_event>& events);

  /// Up to `max_count` (≤ read_count_max) events of `stream` from `from_version`
  /// (1-based) in order; empty when there are none. Errors: `corrupt`, `io`.
  [[nodiscard]] result<std::vector<recorded_event>> read(std::string_view stream,
                                                         std::uint64_t from_version,
                                                         std::size_t max_count) const;

  /// Up to `max_count` events in global order from `from_position` (1-based).
  [[nodiscard]] result<std::vector<recorded_event>> read_all(std::uint64_t from_position,
                                                             std::size_t max_count) const;

  /// The version of `stream`, 0 when it does not exist.
  [[nodiscard]] result<std::uint64_t> stream_version(std::string_view stream) const;

  /// The global position of the last committed event, 0 for an empty log.
  [[nodiscard]] std::uint64_t head_position() const;

  /// Called with the last position after every committed append, on the
  /// appending thread, outside the store's lock. Set before the first append.
  void set_commit_listener(std::function<void(std::uint64_t)> listener);

  /// The position `projection` has applied up to, 0 when it never ran.
  [[nodiscard]] result<std::uint64_t> checkpoint(std::string_view projection) const;

  /// Writes `puts` into `family` and `projection`'s checkpoint in one batch, so
  /// each event takes effect exactly once. Not synced: a projection rebuilds.
  [[nodiscard]] status commit_projection(std::string_view projection, std::string_view family,
                                         std::uint64_t position,
                                         const std::vector<read_model_put>& puts);

  /// The row `key` of read-model `family`, nullopt when absent.
  [[nodiscard]] result<std::optional<std::string>> read_model_get(std::string_view family,
                                                                  std::string_view key) const;

  /// For the verifier (events/store_verifier.cpp) only.
  [[nodiscard]] events::internal::store_impl& internals() { return *impl_; }

private:
  explicit event_store(std::unique_ptr<events::internal::store_impl> impl);
  std::unique_ptr<events::internal::store_impl> impl_;
};

} // namespace pfms
