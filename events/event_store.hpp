#pragma once

#include "events/clock.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

namespace events::internal {
struct store_impl;
class journal;
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
  bool replayed = false; ///< an idempotent retry: the first outcome, nothing written
};

/// One append: events for one stream, checked against `expected`.
struct append_request {
  std::string stream;
  expected_version expected;
  std::vector<new_event> events;
  /// Empty for none. Scoped by the caller (e.g. "user:<id>:<key>"): a retry
  /// with the same key and the same stream, types and payloads gets the first
  /// outcome and writes nothing; other content is `idempotency_mismatch`.
  std::string idempotency_key;
  /// With a key, what a retry must repeat (e.g. a digest of the HTTP method,
  /// path and body). Empty: the stream and each event's type and payload.
  /// A caller that re-decides on every try (fresh ids, times) sets it.
  std::string request_fingerprint;
  /// The stream's durable timer (`event_store::due_timers`), moved in the
  /// append's own batch: nullopt leaves it; 0 clears it; else it is due then.
  /// An append of no events may carry one (and no idempotency key): it moves
  /// the timer alone, still checked against `expected`.
  std::optional<time_us> wake_at = std::nullopt;
};

/// A stream whose timer is due.
struct stream_timer {
  std::string stream;
  time_us due_us = 0;
};

/// Called exactly once with the outcome of an append, on the journal thread,
/// after the batch holding it is synced. Must not block.
using append_callback = std::function<void(result<append_result>)>;

/// Counters of the journal, for benchmarks and /metrics.
struct journal_stats {
  std::uint64_t batches = 0; ///< synced WriteBatches written
  std::uint64_t appends = 0; ///< appends answered (written, replayed or rejected)
  std::uint64_t events = 0;  ///< events written
  std::uint64_t sync_us_total = 0; ///< time spent in synced writes (monotonic clock)
};

/// A snapshot of an entity's state at a stream version.
/// A key, and the erasure epoch (`event_store::erasure_epoch`) it was read in.
struct epoch_key {
  std::string key;
  std::uint64_t epoch = 0;
};

struct snapshot_record {
  std::uint32_t format_version = 0; ///< the entity's snapshot format; unknown → full replay
  std::uint64_t version = 0;        ///< the stream version the state reflects
  std::string state;                ///< the entity's encoding
};

/// How to open the store. Defaults in comments.
struct store_options {
  std::string path;                             ///< directory; created if missing (required)
  bool read_only = false;                       ///< pfmsctl opens beside a running node
  std::vector<std::string> read_model_families; ///< one column family per read model ({})
  time_us idempotency_ttl_us = 24LL * 3600 * 1'000'000; ///< keys expire after 24 h
  std::chrono::milliseconds sweep_interval{60'000};     ///< background sweep every 60 s
};

/// One row a projection writes into its read-model family.
/// Whether an erasure is this node's alone, or to be carried to every node
/// of a cluster (the person's own erasure; a peer carrying it out says
/// `this_node`).
enum class erasure_reach : std::uint8_t { this_node = 1, every_node = 2 };

/// A subject erased on this node, and the nodes that have destroyed their
/// key of it too.
struct erasure_notice {
  std::string subject;
  std::vector<std::string> done_nodes;
};

struct read_model_put {
  std::string key;
  std::string value;
  bool erase = false; ///< delete the row `key` instead (value unused)
};

/// One projection's share of a commit: its rows and its new checkpoint.
struct projection_commit {
  std::string_view projection;
  std::string_view family;
  std::uint64_t position = 0;
  std::span<const read_model_put> puts = {};
};

/// The node's event log on RocksDB: one database, the column families of
/// docs/architecture.md, both hash chains. Thread-safe. Every append passes
/// through one journal thread (group commit) and is acknowledged only after
/// its synced WriteBatch. The clock must outlive the store.
class event_store {
public:
  /// Limits on one call.
  static constexpr std::size_t append_events_max = 1000;
  static constexpr std::size_t append_bytes_max = 4 << 20;
  static constexpr std::size_t read_count_max = 10'000;
  static constexpr std::size_t stream_id_size_max = 128;
  static constexpr std::size_t idempotency_key_size_max = 256;
  static constexpr std::size_t timers_page_max = 10'000;
  /// Group commit: one batch holds at most this many appends and bytes.
  static constexpr std::size_t batch_appends_max = 4096;
  static constexpr std::size_t batch_bytes_max = 8 << 20;
  /// Appends waiting for the journal; past it an append is `overloaded`.
  static constexpr std::size_t queue_appends_max = 65'536;

  /// Opens (creating if missing, unless read-only) the store at `options.path`.
  /// Fails with `io` when RocksDB cannot open it.
  [[nodiscard]] static result<std::unique_ptr<event_store>> open(const store_options& options,
                                                                 const clock& time);
  ~event_store();
  event_store(const event_store&) = delete;
  event_store& operator=(const event_store&) = delete;

  /// Queues `request` for the journal and returns at once. The journal
  /// gathers the appends that arrive while one batch is syncing into the next
  /// WriteBatch and one fsync; it checks each append's expected version in
  /// order, so of two appends to one stream in a batch the second sees the
  /// first. `done` runs after the sync. Errors: `version_conflict`,
  /// `invalid_append`, `idempotency_mismatch`, `overloaded`, `io`, `read_only`.
  void append_async(append_request request, append_callback done);

  /// `append_async`, waiting for the outcome. For tools and tests; actors
  /// use `append_async`.
  [[nodiscard]] result<append_result> append(std::string_view stream, expected_version expected,
                                             const std::vector<new_event>& events,
                                             std::string idempotency_key = {});

  /// Deletes idempotency keys older than the TTL; returns how many. The
  /// journal also runs it every `sweep_interval`. Expired keys are ignored
  /// by appends even before a sweep removes them.
  std::size_t sweep_idempotency();

  /// What became of the first append under idempotency `key`, for a caller
  /// that checks before it decides: nullopt when the key is unknown or
  /// expired; the first outcome (with `replayed` set) when it was used with
  /// the same `request_fingerprint`; `idempotency_mismatch` otherwise. An
  /// append still in the journal is not seen: the append itself re-checks.
  [[nodiscard]] result<std::optional<append_result>>
  idempotent_outcome(std::string_view key, std::string_view request_fingerprint) const;

  /// The key that seals `subject`'s personal data (events/personal_data.hpp);
  /// nothing when the subject has none yet or was erased.
  [[nodiscard]] result<std::optional<std::string>> subject_key(std::string_view subject) const;

  /// `subject`'s key, creating a random one (synced) on first use; one
  /// creator at a time, so a subject never has two. `subject_erased` once
  /// erased: an erased person's data is never sealed again.
  [[nodiscard]] result<std::string> create_subject_key(std::string_view subject);

  /// Destroys `subject`'s key (crypto-shredding) for good: an empty
  /// tombstone is written (synced), then every memtable is flushed, so no
  /// write-ahead log still holds the key, and the key family is compacted,
  /// so no table file does. Everything sealed under it stays unreadable.
  /// With `every_node`, the tombstone's batch also puts the subject in the
  /// erasure outbox, from which the other nodes are told to destroy theirs
  /// (cluster/identity/erasure_courier.hpp).
  [[nodiscard]] status erase_subject_key(std::string_view subject, erasure_reach reach);

  /// Up to `max` subjects in the erasure outbox, in key order, each with the
  /// nodes that have destroyed their key of it so far.
  [[nodiscard]] result<std::vector<erasure_notice>> erasure_outbox(std::size_t max) const;

  /// `subject`'s row of the erasure outbox; nullopt once it left (or never was).
  [[nodiscard]] result<std::optional<erasure_notice>> erasure_notice_of(
    std::string_view subject) const;

  /// Records that `notice.subject`'s erasure reached `notice.done_nodes`
  /// (synced); with `complete` (every node has it) the subject leaves the outbox.
  [[nodiscard]] status record_erasure_reach(const erasure_notice& notice, bool complete);

  /// How many erasures this store has done since it opened: a holder of a
  /// subject key re-checks it when the number moves.
  [[nodiscard]] std::uint64_t erasure_epoch() const;

  /// The key that seals the snapshots of entities whose state holds other
  /// people's text (actors/runtime/snapshot_codec.hpp), with the erasure
  /// epoch it belongs to; made (synced) on first use. Every erasure replaces
  /// it in the tombstone's batch, so a snapshot sealed before an erasure no
  /// longer opens and whatever it held of the erased person is shredded with
  /// the old key.
  [[nodiscard]] result<epoch_key> snapshot_key();

  /// Calls `visit(key, value)` for each row of read-model `family` in key
  /// order, from the first key ≥ `start`, until it returns false. Errors:
  /// `not_found` (no such family), `io`.
  [[nodiscard]] status scan_read_model(
    std::string_view family, std::string_view start,
    const std::function<bool(std::string_view key, std::string_view value)>& visit) const;

  [[nodiscard]] journal_stats stats() const;

  /// Blocks until the head passes `position` or `timeout` elapses; returns
  /// the head. For subscriptions that follow the log live.
  std::uint64_t wait_for_commit(std::uint64_t position, std::chrono::milliseconds timeout) const;

  /// Up to `max_count` (≤ read_count_max) events of `stream` from `from_version`
  /// (1-based) in order; empty when there are none. With `check_chain` each
  /// event's hash and link to the one before are re-checked, starting from
  /// the event before `from_version`. Errors:
  /// `corrupt` (naming stream and version), `io`.
  [[nodiscard]] result<std::vector<recorded_event>> read(std::string_view stream,
                                                         std::uint64_t from_version,
                                                         std::size_t max_count,
                                                         bool check_chain = false) const;

  /// Up to `max_count` (≤ timers_page_max) timers of the streams of `kind`
  /// (`<kind>-<id>`) due at or before `until_us`, earliest first. Errors: `io`.
  [[nodiscard]] result<std::vector<stream_timer>> due_timers(std::string_view kind,
                                                             time_us until_us,
                                                             std::size_t max_count) const;

  /// When `stream`'s timer is due; 0 when it has none. Errors: `io`, `corrupt`.
  [[nodiscard]] result<time_us> timer_of(std::string_view stream) const;

  /// Stores `snapshot` as the latest of `stream` (not synced: a lost snapshot
  /// only means a longer replay).
  [[nodiscard]] status write_snapshot(std::string_view stream, const snapshot_record& snapshot);
  /// The latest snapshot of `stream`, nullopt when none or unreadable.
  [[nodiscard]] result<std::optional<snapshot_record>> read_snapshot(std::string_view stream) const;

  /// Calls `visit` with each event of `stream` from `from_version` in order,
  /// until it returns false or the stream ends. The event passed is reused
  /// between calls (no allocation per event): copy what must outlive the
  /// call. With `check_chain`, as for `read`. Errors: `corrupt`, `io`.
  [[nodiscard]] status scan(std::string_view stream, std::uint64_t from_version,
                            const std::function<bool(const recorded_event&)>& visit,
                            bool check_chain = false) const;

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

  /// `commit_projection` for several projections in one batch: one write
  /// for a whole catch-up step. Nothing is written when any family is missing.
  [[nodiscard]] status commit_projections(std::span<const projection_commit> commits);

  /// Writes `puts` into `family` in one synced batch, with no checkpoint: for
  /// node state that is not derived from the log and must survive a crash
  /// (the login guard's failure windows). Errors: `not_found`, `read_only`, `io`.
  [[nodiscard]] status write_rows(std::string_view family, const std::vector<read_model_put>& puts);

  /// Deletes every row of `family` and `projection`'s checkpoint in one
  /// batch, so the projection starts again from position 0. For rebuilds.
  [[nodiscard]] status reset_read_model(std::string_view projection, std::string_view family);

  /// The row `key` of read-model `family`, nullopt when absent.
  [[nodiscard]] result<std::optional<std::string>> read_model_get(std::string_view family,
                                                                  std::string_view key) const;

  /// For the verifier (events/rocksdb/store_verifier.cpp) only.
  [[nodiscard]] events::internal::store_impl& internals() { return *impl_; }

private:
  event_store(std::unique_ptr<events::internal::store_impl> impl, const store_options& options);
  std::unique_ptr<events::internal::store_impl> impl_;
  std::unique_ptr<events::internal::journal> journal_; ///< null when read-only
};

} // namespace pfms
