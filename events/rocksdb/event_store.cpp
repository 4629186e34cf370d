#include "events/event_store.hpp"

#include "events/envelope_codec.hpp"
#include "events/rocksdb/journal.hpp"
#include "events/rocksdb/log_batch.hpp"
#include "events/rocksdb/store_impl.hpp"
#include "events/store_error.hpp"

#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <future>

namespace pfms {

using namespace events::internal;

namespace {

std::vector<std::string> family_names(const store_options& options) {
  std::vector<std::string> names{rocksdb::kDefaultColumnFamilyName, cf_events, cf_log,
                                 cf_snapshots, cf_checkpoints, cf_idempotency,
                                 cf_subject_keys, cf_erasure_outbox, cf_timers};
  names.insert(names.end(), options.read_model_families.begin(),
               options.read_model_families.end());
  return names;
}

rocksdb::Options database_options(bool read_only) {
  rocksdb::Options o;
  o.create_if_missing = !read_only;
  o.create_missing_column_families = !read_only;
  o.paranoid_checks = true;
  // Every acknowledged write was synced, so a torn record can only be the tail
  // of a write nobody was told succeeded. Point-in-time recovery replays the
  // WAL up to the first bad record and stops there: consistent, and it never
  // skips a good record behind a bad one (docs/architecture.md, "Durability").
  o.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  return o;
}

failure io_failure(const rocksdb::Status& s, std::string_view what) {
  return make_failure(store_errc::io, std::string(what) + ": " + s.ToString());
}

// The last event of `stream` decoded, nullopt when it has none.
result<std::optional<recorded_event>> last_event(const store_impl& impl, std::string_view stream) {
  std::unique_ptr<rocksdb::Iterator> it(
    impl.db->NewIterator(rocksdb::ReadOptions(), impl.family(cf_events)));
  it->SeekForPrev(event_key(stream, UINT64_MAX));
  if (!it->status().ok())
    return io_failure(it->status(), "reading the head of stream " + std::string(stream));
  if (!it->Valid())
    return std::optional<recorded_event>{};
  auto parts = parse_event_key(it->key().ToStringView());
  if (!parts || parts->stream != stream)
    return std::optional<recorded_event>{};
  auto e = decode_envelope(it->value().ToStringView());
  if (!e || e->version != parts->version)
    return make_failure(store_errc::corrupt, "the last event of stream " + std::string(stream)
                                               + " does not decode");
  return std::optional<recorded_event>{std::move(*e)};
}

status load_global_head(store_impl& impl) {
  std::unique_ptr<rocksdb::Iterator> it(
    impl.db->NewIterator(rocksdb::ReadOptions(), impl.family(cf_log)));
  it->SeekToLast();
  if (!it->status().ok())
    return io_failure(it->status(), "reading the log head");
  if (!it->Valid()) {
    impl.head_global_hash = genesis_hash();
    return done{};
  }
  const auto last = it->key().size() == 8 ? get_u64(it->key().ToStringView()) : 0;
  auto batch = decode_log_batch(last, it->value().ToStringView());
  if (!batch)
    return make_failure(store_errc::corrupt, "the last log record does not decode");
  impl.head_position = last;
  impl.head_global_hash = std::string(batch->global_hash);
  // The last event's record time: the journal never records an earlier one.
  auto head = last_event(impl, batch->runs.back().stream);
  if (!head)
    return head.error();
  if (!*head)
    return make_failure(store_errc::corrupt, "the log's last event is missing");
  impl.last_recorded_us = (*head)->recorded_at_us;
  return done{};
}

// Whether the events family holds nothing.
result<bool> no_events(const store_impl& impl) {
  std::unique_ptr<rocksdb::Iterator> it(
    impl.db->NewIterator(rocksdb::ReadOptions(), impl.family(cf_events)));
  it->SeekToFirst();
  if (!it->status().ok())
    return io_failure(it->status(), "reading the events");
  return !it->Valid();
}

// Refuses a store written in another log format; marks a new one (synced).
status check_format(store_impl& impl, const std::string& path) {
  std::string value;
  auto s = impl.db->Get(rocksdb::ReadOptions(), store_format_key, &value);
  if (!s.ok() && !s.IsNotFound())
    return io_failure(s, "reading the store's format");
  std::uint64_t format = s.ok() && value.size() == 8 ? get_u64(value) : 1;
  if (s.IsNotFound()) {
    auto empty = no_events(impl);
    if (!empty)
      return empty.error();
    format = *empty ? store_format : 1;
  }
  if (format != store_format)
    return make_failure(store_errc::unsupported_format,
                        "the store at " + path + " is in log format " + std::to_string(format)
                          + "; this build reads log format " + std::to_string(store_format)
                          + " only (docs/operations.md, \"Store format\")");
  if (s.ok() || impl.read_only)
    return done{};
  put_u64(value, store_format);
  rocksdb::WriteOptions synced;
  synced.sync = true;
  if (auto put = impl.db->Put(synced, store_format_key, value); !put.ok())
    return io_failure(put, "marking the store's format");
  return done{};
}

} // namespace

namespace events::internal {

result<stream_head> load_stream_head(const store_impl& impl, std::string_view stream) {
  auto last = last_event(impl, stream);
  if (!last)
    return last.error();
  if (!*last)
    return stream_head{0, genesis_hash()};
  return stream_head{(*last)->version, std::move((*last)->hash)};
}

} // namespace events::internal

event_store::event_store(std::unique_ptr<store_impl> impl, const store_options& options)
  : impl_(std::move(impl)) {
  impl_->idempotency_ttl_us = options.idempotency_ttl_us;
  if (!impl_->read_only)
    journal_ = std::make_unique<journal>(*impl_, options.idempotency_ttl_us,
                                         options.sweep_interval);
}

// The journal answers what is queued and stops before the database closes.
event_store::~event_store() = default;

result<std::unique_ptr<event_store>> event_store::open(const store_options& options,
                                                       const clock& time) {
  // An audit must never create a store, not even the directory RocksDB's info
  // log would make.
  std::error_code ec;
  if (options.read_only && !std::filesystem::exists(options.path + "/CURRENT", ec))
    return make_failure(store_errc::not_found, "no store at " + options.path);
  auto impl = std::make_unique<store_impl>();
  impl->time = &time;
  impl->read_only = options.read_only;
  // Read-only, every family the store has (an audit sees the read models
  // too); read-write, the families this build needs, created when missing.
  // Read-write, also every family an existing store has, so a store of
  // another build opens far enough to be told apart by its format.
  auto names = family_names(options);
  std::vector<std::string> existing;
  if (std::filesystem::exists(options.path + "/CURRENT", ec)) {
    if (auto s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), options.path, &existing);
        !s.ok())
      return io_failure(s, "listing the families of the store at " + options.path);
    if (options.read_only)
      names.clear();
    for (auto& name : existing)
      if (std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(std::move(name));
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (auto& name : names)
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  rocksdb::DB* raw = nullptr;
  auto s = options.read_only
             ? rocksdb::DB::OpenForReadOnly(database_options(true), options.path, descriptors,
                                            &impl->handles, &raw)
             : rocksdb::DB::Open(database_options(false), options.path, descriptors,
                                 &impl->handles, &raw);
  if (!s.ok())
    return io_failure(s, "opening the store at " + options.path);
  impl->db.reset(raw);
  for (auto* h : impl->handles)
    impl->families.emplace(h->GetName(), h);
  if (auto format = check_format(*impl, options.path); !format)
    return format.error();
  if (auto loaded = load_global_head(*impl); !loaded)
    return loaded.error();
  return std::unique_ptr<event_store>(new event_store(std::move(impl), options));
}

void event_store::set_commit_listener(std::function<void(std::uint64_t)> listener) {
  impl_->commit_listener = std::move(listener);
}

std::uint64_t event_store::head_position() const {
  return impl_->head_position.load();
}

void event_store::append_async(append_request request, append_callback done) {
  if (impl_->read_only || !journal_)
    return done(make_failure(store_errc::read_only, "the store is open read-only"));
  journal_->submit(std::move(request), std::move(done));
}

result<append_result> event_store::append(std::string_view stream, expected_version expected,
                                          const std::vector<new_event>& events,
                                          std::string idempotency_key) {
  std::promise<result<append_result>> outcome;
  auto answered = outcome.get_future();
  append_async({std::string(stream), expected, events, std::move(idempotency_key), {}},
               [&outcome](result<append_result> r) { outcome.set_value(std::move(r)); });
  return answered.get();
}

std::size_t event_store::sweep_idempotency() {
  return journal_ ? journal_->sweep() : 0;
}

journal_stats event_store::stats() const {
  return journal_ ? journal_->stats() : journal_stats{};
}

std::uint64_t event_store::wait_for_commit(std::uint64_t position,
                                           std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->commit_mutex);
  impl_->committed.wait_for(lock, timeout,
                            [&] { return impl_->head_position.load() > position; });
  return impl_->head_position.load();
}

} // namespace pfms
