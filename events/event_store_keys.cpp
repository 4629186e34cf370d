// Subject keys: the per-person keys that seal personal data, and their
// destruction (crypto-shredding).

#include "events/event_store.hpp"
#include "events/internal/store_impl.hpp"
#include "events/personal_data.hpp"
#include "events/store_error.hpp"

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

status event_store::erase_subject_key(std::string_view subject) {
  if (impl_->read_only)
    return make_failure(store_errc::read_only, "the store is open read-only");
  std::lock_guard lock(impl_->subject_keys_mutex);
  auto* family = impl_->family(cf_subject_keys);
  if (auto s = impl_->db->Put(synced(), family, subject, ""); !s.ok())
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

} // namespace pfms
