// The read paths of event_store: streams, the global order, read models.

#include "events/envelope_codec.hpp"
#include "events/event_store.hpp"
#include "events/hash_chain.hpp"
#include "events/rocksdb/log_batch.hpp"
#include "events/rocksdb/store_impl.hpp"
#include "events/store_error.hpp"

#include <rocksdb/write_batch.h>

#include <algorithm>

namespace pfms {

using namespace events::internal;

namespace {

failure read_failure(const rocksdb::Status& s, std::string_view what) {
  return make_failure(store_errc::io, std::string(what) + ": " + s.ToString());
}

result<recorded_event> decode_at(std::string_view stream, std::uint64_t version,
                                 std::string_view bytes) {
  auto e = decode_envelope(bytes);
  if (!e)
    return make_failure(store_errc::corrupt, "stream " + std::string(stream) + " version "
                                               + std::to_string(version) + " does not decode");
  return e;
}

} // namespace

namespace {

// The hash the event at `version` must link to: the genesis for version 1,
// else the stored hash of the event before it.
result<std::string> link_before(const store_impl& impl, std::string_view stream,
                                std::uint64_t version) {
  if (version <= 1)
    return genesis_hash();
  std::string bytes;
  auto s = impl.db->Get(rocksdb::ReadOptions(), impl.family(cf_events),
                        event_key(stream, version - 1), &bytes);
  if (!s.ok())
    return make_failure(store_errc::corrupt, "stream " + std::string(stream) + " version "
                                               + std::to_string(version - 1) + " is missing");
  auto e = decode_at(stream, version - 1, bytes);
  if (!e)
    return e.error();
  // The anchor itself must be intact, or a changed event just before the
  // range would pass unseen.
  if (event_hash(*e) != e->hash)
    return make_failure(store_errc::corrupt, "stream " + std::string(stream) + " version "
                                               + std::to_string(version - 1)
                                               + " does not match its hash chain");
  return e->hash;
}

status check_link(sha256_hasher& hasher, const recorded_event& e,
                  std::uint64_t expected_version, const std::string& previous) {
  const auto where = "stream " + e.stream_id + " version " + std::to_string(expected_version);
  if (e.version != expected_version)
    return make_failure(store_errc::corrupt, where + " is missing");
  if (e.previous_hash != previous || hasher.event_hash(e) != e.hash)
    return make_failure(store_errc::corrupt, where + " does not match its hash chain");
  return done{};
}

} // namespace

result<std::vector<recorded_event>> event_store::read(std::string_view stream,
                                                      std::uint64_t from_version,
                                                      std::size_t max_count,
                                                      bool check_chain) const {
  max_count = std::min(max_count, read_count_max);
  std::vector<recorded_event> out;
  if (max_count == 0)
    return out;
  auto scanned = scan(
    stream, from_version,
    [&](const recorded_event& e) {
      out.push_back(e);
      return out.size() < max_count;
    },
    check_chain);
  if (!scanned)
    return scanned.error();
  return out;
}

status event_store::scan(std::string_view stream, std::uint64_t from_version,
                         const std::function<bool(const recorded_event&)>& visit,
                         bool check_chain) const {
  from_version = std::max<std::uint64_t>(from_version, 1);
  std::string previous;
  sha256_hasher hasher;
  if (check_chain) {
    auto link = link_before(*impl_, stream, from_version);
    if (!link)
      return link.error();
    previous = std::move(*link);
  }
  envelope_decoder decoder;
  recorded_event e;
  const std::string prefix = event_key(stream, 0).substr(0, stream.size() + 1);
  std::unique_ptr<rocksdb::Iterator> it(
    impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->family(cf_events)));
  auto expected = from_version;
  for (it->Seek(event_key(stream, from_version)); it->Valid() && it->key().starts_with(prefix);
       it->Next(), ++expected) {
    if (!decoder.decode(it->value().ToStringView(), e))
      return make_failure(store_errc::corrupt, "stream " + std::string(stream) + " version "
                                                 + std::to_string(expected)
                                                 + " does not decode");
    if (check_chain) {
      if (auto linked = check_link(hasher, e, expected, previous); !linked)
        return linked.error();
      previous = e.hash;
    }
    if (!visit(e))
      return done{};
  }
  if (!it->status().ok())
    return read_failure(it->status(), "reading stream " + std::string(stream));
  return done{};
}

result<std::vector<recorded_event>> event_store::read_all(std::uint64_t from_position,
                                                          std::size_t max_count) const {
  max_count = std::min(max_count, read_count_max);
  from_position = std::max<std::uint64_t>(from_position, 1);
  std::vector<recorded_event> out;
  std::unique_ptr<rocksdb::Iterator> it(
    impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->family(cf_log)));
  std::string bytes;
  // The first record is the batch holding `from_position`: it is keyed by its last.
  for (it->Seek(position_key(from_position)); it->Valid() && out.size() < max_count; it->Next()) {
    const auto last = it->key().size() == 8 ? get_u64(it->key().ToStringView()) : 0;
    auto batch = decode_log_batch(last, it->value().ToStringView());
    if (!batch)
      return make_failure(store_errc::corrupt,
                          "the log record ending at position " + std::to_string(last)
                            + " does not decode");
    auto position = batch->first_position;
    for (const auto& run : batch->runs)
      for (std::uint32_t i = 0; i < run.count && out.size() < max_count; ++i, ++position) {
        if (position < from_position)
          continue;
        const auto version = run.first_version + i;
        auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->family(cf_events),
                                event_key(run.stream, version), &bytes);
        if (!s.ok())
          return make_failure(s.IsNotFound() ? store_errc::corrupt : store_errc::io,
                              "log names stream " + std::string(run.stream) + " version "
                                + std::to_string(version) + ": " + s.ToString());
        auto e = decode_at(run.stream, version, bytes);
        if (!e)
          return e.error();
        out.push_back(std::move(*e));
      }
  }
  if (!it->status().ok())
    return read_failure(it->status(), "reading the log");
  return out;
}

result<std::uint64_t> event_store::stream_version(std::string_view stream) const {
  auto head = load_stream_head(*impl_, stream);
  if (!head)
    return head.error();
  return head->version;
}

status event_store::write_snapshot(std::string_view stream, const snapshot_record& snapshot) {
  if (impl_->read_only)
    return make_failure(store_errc::read_only, "the store is open read-only");
  std::string value;
  put_u64(value, snapshot.format_version);
  put_u64(value, snapshot.version);
  value += snapshot.state;
  auto s = impl_->db->Put(rocksdb::WriteOptions(), impl_->family(cf_snapshots), stream, value);
  if (!s.ok())
    return read_failure(s, "writing a snapshot");
  return done{};
}

result<std::optional<snapshot_record>> event_store::read_snapshot(std::string_view stream) const {
  std::string value;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->family(cf_snapshots), stream, &value);
  if (s.IsNotFound() || (s.ok() && value.size() < 16))
    return std::optional<snapshot_record>{};
  if (!s.ok())
    return read_failure(s, "reading a snapshot");
  return std::optional<snapshot_record>{snapshot_record{
    static_cast<std::uint32_t>(get_u64(value)), get_u64(value.substr(8)), value.substr(16)}};
}

result<std::uint64_t> event_store::checkpoint(std::string_view projection) const {
  std::string value;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->family(cf_checkpoints), projection,
                          &value);
  if (s.IsNotFound())
    return std::uint64_t{0};
  if (!s.ok())
    return read_failure(s, "reading a checkpoint");
  if (value.size() != 8)
    return make_failure(store_errc::corrupt, "checkpoint does not decode");
  return get_u64(value);
}

namespace {

void add_puts(rocksdb::WriteBatch& batch, rocksdb::ColumnFamilyHandle* target,
              std::span<const read_model_put> puts) {
  for (const auto& put : puts) {
    if (put.erase)
      batch.Delete(target, put.key);
    else
      batch.Put(target, put.key, put.value);
  }
}

// The family `family` of a store that may be written to.
result<rocksdb::ColumnFamilyHandle*> writable(store_impl& impl, std::string_view family) {
  if (impl.read_only)
    return make_failure(store_errc::read_only, "the store is open read-only");
  auto* target = impl.family(family);
  if (target == nullptr)
    return make_failure(store_errc::not_found, "no read model family " + std::string(family));
  return target;
}

} // namespace

status event_store::commit_projection(std::string_view projection, std::string_view family,
                                      std::uint64_t position,
                                      const std::vector<read_model_put>& puts) {
  const projection_commit one{projection, family, position, puts};
  return commit_projections(std::span(&one, 1));
}

status event_store::commit_projections(std::span<const projection_commit> commits) {
  rocksdb::WriteBatch batch;
  for (const auto& c : commits) {
    auto target = writable(*impl_, c.family);
    if (!target)
      return target.error();
    add_puts(batch, *target, c.puts);
    batch.Put(impl_->family(cf_checkpoints), c.projection, position_key(c.position));
  }
  if (auto s = impl_->db->Write(rocksdb::WriteOptions(), &batch); !s.ok())
    return read_failure(s, "writing projections");
  return done{};
}

status event_store::write_rows(std::string_view family, const std::vector<read_model_put>& puts) {
  auto target = writable(*impl_, family);
  if (!target)
    return target.error();
  rocksdb::WriteBatch batch;
  add_puts(batch, *target, puts);
  rocksdb::WriteOptions synced;
  synced.sync = true;
  if (auto s = impl_->db->Write(synced, &batch); !s.ok())
    return read_failure(s, "writing rows of " + std::string(family));
  return done{};
}

status event_store::reset_read_model(std::string_view projection, std::string_view family) {
  auto target = writable(*impl_, family);
  if (!target)
    return target.error();
  rocksdb::WriteBatch batch;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(rocksdb::ReadOptions(), *target));
  for (it->SeekToFirst(); it->Valid(); it->Next())
    batch.Delete(*target, it->key());
  if (!it->status().ok())
    return read_failure(it->status(), "reading read model " + std::string(family));
  batch.Delete(impl_->family(cf_checkpoints), projection);
  if (auto s = impl_->db->Write(rocksdb::WriteOptions(), &batch); !s.ok())
    return read_failure(s, "resetting read model " + std::string(family));
  return done{};
}

status event_store::scan_read_model(
  std::string_view family, std::string_view start,
  const std::function<bool(std::string_view key, std::string_view value)>& visit) const {
  auto* source = impl_->family(family);
  if (source == nullptr)
    return make_failure(store_errc::not_found, "no read model family " + std::string(family));
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(rocksdb::ReadOptions(), source));
  for (it->Seek(rocksdb::Slice(start.data(), start.size())); it->Valid(); it->Next())
    if (!visit(it->key().ToStringView(), it->value().ToStringView()))
      break;
  if (!it->status().ok())
    return read_failure(it->status(), "reading read model " + std::string(family));
  return done{};
}

result<std::optional<std::string>> event_store::read_model_get(std::string_view family,
                                                               std::string_view key) const {
  auto* source = impl_->family(family);
  if (source == nullptr)
    return make_failure(store_errc::not_found, "no read model family " + std::string(family));
  std::string value;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), source, key, &value);
  if (s.IsNotFound())
    return std::optional<std::string>{};
  if (!s.ok())
    return read_failure(s, "reading a read model");
  return std::optional<std::string>{std::move(value)};
}

} // namespace pfms
