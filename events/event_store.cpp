#include "events/event_store.hpp"

#include "events/envelope_codec.hpp"
#include "events/internal/store_impl.hpp"
#include "events/store_error.hpp"

#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <cassert>
#include <filesystem>

namespace pfms {

using namespace events::internal;

namespace {

std::vector<std::string> family_names(const store_options& options) {
  std::vector<std::string> names{rocksdb::kDefaultColumnFamilyName, cf_events, cf_log,
                                 cf_streams, cf_snapshots, cf_checkpoints, cf_idempotency};
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

bool valid_stream_id(std::string_view stream) {
  return !stream.empty() && stream.size() <= event_store::stream_id_size_max
         && stream.find('\0') == std::string_view::npos
         && stream.find('-') != std::string_view::npos;
}

failure io_failure(const rocksdb::Status& s, std::string_view what) {
  return make_failure(store_errc::io, std::string(what) + ": " + s.ToString());
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
  auto entry = decode_log_entry(it->value().ToStringView());
  if (!entry || it->key().size() != 8)
    return make_failure(store_errc::corrupt, "the last log entry does not decode");
  impl.head_position = get_u64(it->key().ToStringView());
  impl.head_global_hash = entry->global_hash;
  return done{};
}

} // namespace

failure make_failure(store_errc code, std::string detail) {
  return {error_domain::store, static_cast<std::uint8_t>(code), std::move(detail)};
}

std::string_view code_name(store_errc code) {
  switch (code) {
    case store_errc::version_conflict: return "version_conflict";
    case store_errc::io: return "storage_failure";
    case store_errc::corrupt: return "storage_corrupt";
    case store_errc::invalid_append: return "invalid_append";
    case store_errc::not_found: return "not_found";
    case store_errc::read_only: return "read_only";
  }
  return "store_error";
}

namespace events::internal {

result<stream_head> load_stream_head(const store_impl& impl, std::string_view stream) {
  std::string value;
  auto s = impl.db->Get(rocksdb::ReadOptions(), impl.family(cf_streams), stream, &value);
  if (s.IsNotFound())
    return stream_head{0, genesis_hash()};
  if (!s.ok())
    return io_failure(s, "reading a stream head");
  auto head = decode_stream_head(value);
  if (!head)
    return make_failure(store_errc::corrupt, "head of stream " + std::string(stream)
                                               + " does not decode");
  return *head;
}

} // namespace events::internal

event_store::event_store(std::unique_ptr<store_impl> impl) : impl_(std::move(impl)) {}

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
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (auto& name : family_names(options))
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
  if (auto loaded = load_global_head(*impl); !loaded)
    return loaded.error();
  return std::unique_ptr<event_store>(new event_store(std::move(impl)));
}

void event_store::set_commit_listener(std::function<void(std::uint64_t)> listener) {
  impl_->commit_listener = std::move(listener);
}

std::uint64_t event_store::head_position() const {
  return impl_->head_position.load();
}

namespace {

status validate_append(std::string_view stream, const std::vector<new_event>& events) {
  if (!valid_stream_id(stream))
    return make_failure(store_errc::invalid_append, "stream id must be <kind>-<id>");
  if (events.empty() || events.size() > event_store::append_events_max)
    return make_failure(store_errc::invalid_append, "an append carries 1 to 1000 events");
  std::size_t bytes = 0;
  for (const auto& e : events)
    bytes += e.payload.size() + e.type.size() + e.actor.size();
  if (bytes > event_store::append_bytes_max)
    return make_failure(store_errc::invalid_append, "an append carries at most 4 MiB");
  return done{};
}

// The chained records of one append, and the batch that writes them.
struct prepared_append {
  rocksdb::WriteBatch batch;
  append_result placed;
  std::string global_hash;
};

prepared_append prepare(const store_impl& impl, std::string_view stream, stream_head head,
                        const std::vector<new_event>& events) {
  prepared_append out;
  out.placed.recorded_at_us = impl.time->now_us();
  out.placed.first_version = head.version + 1;
  out.placed.first_position = impl.head_position + 1;
  out.global_hash = impl.head_global_hash;
  std::uint64_t position = impl.head_position;
  for (const auto& e : events) {
    recorded_event r{e.event_id, std::string(stream), ++head.version, ++position,
                     out.placed.recorded_at_us, e.type, e.payload, e.actor,
                     e.correlation_id, e.causation_id, {}, head.hash, {}};
    r.hash = event_hash(r);
    head.hash = r.hash;
    out.global_hash = global_hash(out.global_hash, r.hash);
    out.batch.Put(impl.family(cf_events), event_key(stream, r.version), encode_envelope(r));
    out.batch.Put(impl.family(cf_log), position_key(position),
                  encode_log_entry({r.version, out.global_hash, std::string(stream)}));
  }
  out.batch.Put(impl.family(cf_streams), stream, encode_stream_head(head));
  out.placed.last_version = head.version;
  out.placed.last_position = position;
  return out;
}

} // namespace

result<append_result> event_store::append(std::string_view stream, expected_version expected,
                                          const std::vector<new_event>& events) {
  if (impl_->read_only)
    return make_failure(store_errc::read_only, "the store is open read-only");
  if (auto valid = validate_append(stream, events); !valid)
    return valid.error();
  std::unique_lock lock(impl_->append_mutex);
  auto head = load_stream_head(*impl_, stream);
  if (!head)
    return head.error();
  if (expected.value != expected_version::any_value && expected.value != head->version)
    return make_failure(store_errc::version_conflict,
                        "stream is at version " + std::to_string(head->version) + ", not "
                          + std::to_string(expected.value));
  auto prepared = prepare(*impl_, stream, *head, events);
  rocksdb::WriteOptions sync_write;
  sync_write.sync = true;
  if (auto s = impl_->db->Write(sync_write, &prepared.batch); !s.ok())
    return io_failure(s, "appending to " + std::string(stream));
  impl_->head_position = prepared.placed.last_position;
  impl_->head_global_hash = prepared.global_hash;
  lock.unlock();
  if (impl_->commit_listener)
    impl_->commit_listener(prepared.placed.last_position);
  return prepared.placed;
}

} // namespace pfms
