// Subject keys: the per-person keys that seal personal data, and their
// destruction (crypto-shredding).

#include "events/event_store.hpp"
#include "events/personal_data.hpp"
#include "events/rocksdb/store_impl.hpp"
#include "events/store_error.hpp"

#include <rocksdb/iterator.h>
#include <rocksdb/write_batch.h>

#include <cassert>
#include <memory>

namespace pfms {

using namespace events::internal;

namespace {

failure key_failure(const rocksdb::Status& s, std::string_view what) {
  return make_failure(store_errc::io, std::string(what) + ": " + s.ToString());
}

rocksdb::WriteOptions synced() {
  rocksdb::WriteOptions o;
  o.sync = true;
  return o;
}

// The stored value: nullopt when absent; empty when erased.
result<std::optional<std::string>> stored_key(const store_impl& impl, std::string_view subject) {
  std::string value;
  auto s = impl.db->Get(rocksdb::ReadOptions(), impl.family(cf_subject_keys), subject, &value);
  if (s.IsNotFound())
    return std::optional<std::string>{};
  if (!s.ok())
    return key_failure(s, "reading a subject key");
  if (!value.empty() && value.size() != subject_key_size)
    return make_failure(store_errc::corrupt, "a subject key has the wrong size");
  return std::optional<std::string>{std::move(value)};
}

// Where the snapshot key lives among the subject keys: not a user id (those
// are UUIDs), so no person's erasure ever names it.
constexpr std::string_view snapshot_key_subject = "~snapshots";

} // namespace

result<std::optional<std::string>> event_store::subject_key(std::string_view subject) const {
  auto stored = stored_key(*impl_, subject);
  if (stored && *stored && (*stored)->empty())
    return std::optional<std::string>{}; // erased
  return stored;
}

result<std::string> event_store::create_subject_key(std::string_view subject) {
  if (impl_->read_only)
    return make_failure(store_errc::read_only, "the store is open read-only");
  std::lock_guard lock(impl_->subject_keys_mutex);
  auto stored = stored_key(*impl_, subject);
  if (!stored)
    return stored.error();
  if (*stored && (*stored)->empty())
    return make_failure(store_errc::subject_erased, "the person was erased");
  if (*stored)
    return std::move(**stored);
  auto key = new_subject_key();
  auto s = impl_->db->Put(synced(), impl_->family(cf_subject_keys), subject, key);
  if (!s.ok())
    return key_failure(s, "writing a subject key");
  return key;
}

std::uint64_t event_store::erasure_epoch() const {
  return impl_->erasures.load();
}

result<epoch_key> event_store::snapshot_key() {
  std::lock_guard lock(impl_->subject_keys_mutex);
  const auto epoch = impl_->erasures.load();
  auto stored = stored_key(*impl_, snapshot_key_subject);
  if (!stored)
    return stored.error();
  if (*stored && !(*stored)->empty())
    return epoch_key{std::move(**stored), epoch};
  if (impl_->read_only)
    return make_failure(store_errc::read_only, "the store is open read-only");
  auto key = new_subject_key();
  if (auto s = impl_->db->Put(synced(), impl_->family(cf_subject_keys), snapshot_key_subject, key);
      !s.ok())
    return key_failure(s, "writing the snapshot key");
  return epoch_key{std::move(key), epoch};
}

status event_store::erase_subject_key(std::string_view subject, erasure_reach reach) {
  if (impl_->read_only)
    return make_failure(store_errc::read_only, "the store is open read-only");
  assert(subject != snapshot_key_subject);
  std::lock_guard lock(impl_->subject_keys_mutex);
  auto* family = impl_->family(cf_subject_keys);
  rocksdb::WriteBatch batch;
  batch.Put(family, subject, "");
  batch.Put(family, snapshot_key_subject, new_subject_key()); // the old one goes with it
  if (reach == erasure_reach::every_node)
    batch.Put(impl_->family(cf_erasure_outbox), subject, "");
  if (auto s = impl_->db->Write(synced(), &batch); !s.ok())
    return key_failure(s, "erasing a subject key");
  impl_->erasures.fetch_add(1);
  // A WAL file is deleted only once every family's memtable holding its
  // records is flushed; then compaction rewrites the key family's tables
  // without the old value.
  rocksdb::FlushOptions flush;
  flush.wait = true;
  if (auto s = impl_->db->Flush(flush, impl_->handles); !s.ok())
    return key_failure(s, "flushing after erasure");
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  if (auto s = impl_->db->CompactRange(compact, family, nullptr, nullptr); !s.ok())
    return key_failure(s, "compacting after erasure");
  return done{};
}

namespace {

std::vector<std::string> split_nodes(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return out;
}

} // namespace

result<std::vector<erasure_notice>> event_store::erasure_outbox(std::size_t max) const {
  std::unique_ptr<rocksdb::Iterator> it(
    impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->family(cf_erasure_outbox)));
  std::vector<erasure_notice> out;
  for (it->SeekToFirst(); it->Valid() && out.size() < max; it->Next())
    out.push_back({it->key().ToString(), split_nodes(it->value().ToStringView())});
  if (!it->status().ok())
    return key_failure(it->status(), "reading the erasure outbox");
  return out;
}

result<std::optional<erasure_notice>> event_store::erasure_notice_of(
  std::string_view subject) const {
  std::string value;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), impl_->family(cf_erasure_outbox), subject, &value);
  if (s.IsNotFound())
    return std::optional<erasure_notice>{};
  if (!s.ok())
    return key_failure(s, "reading the erasure outbox");
  return std::optional<erasure_notice>{erasure_notice{std::string(subject), split_nodes(value)}};
}

status event_store::record_erasure_reach(const erasure_notice& notice, bool complete) {
  if (impl_->read_only)
    return make_failure(store_errc::read_only, "the store is open read-only");
  auto* family = impl_->family(cf_erasure_outbox);
  std::string nodes;
  for (const auto& id : notice.done_nodes) {
    assert(id.find(',') == std::string::npos);
    nodes += (nodes.empty() ? "" : ",") + id;
  }
  auto s = complete ? impl_->db->Delete(synced(), family, notice.subject)
                    : impl_->db->Put(synced(), family, notice.subject, nodes);
  if (!s.ok())
    return key_failure(s, "writing the erasure outbox");
  return done{};
}

} // namespace pfms
