#include "events/rocksdb/journal.hpp"

#include "events/envelope_codec.hpp"
#include "events/rocksdb/log_batch.hpp"
#include "events/store_error.hpp"

#include <rocksdb/write_batch.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include <pthread.h>

namespace pfms::events::internal {

namespace {

constexpr std::size_t sweep_batch_max = 10'000;

bool valid_stream_id(std::string_view stream) {
  return !stream.empty() && stream.size() <= event_store::stream_id_size_max
         && stream.find('\0') == std::string_view::npos
         && stream.find('-') != std::string_view::npos;
}

std::size_t payload_bytes(const append_request& r) {
  std::size_t bytes = 0;
  for (const auto& e : r.events)
    bytes += e.payload.size() + e.type.size() + e.actor.size();
  return bytes;
}

status validate(const append_request& r) {
  if (!valid_stream_id(r.stream))
    return make_failure(store_errc::invalid_append, "stream id must be <kind>-<id>");
  if (r.wake_at && *r.wake_at < 0)
    return make_failure(store_errc::invalid_append, "a timer is due at an instant after 1970");
  const bool timer_only = r.events.empty() && r.wake_at && r.idempotency_key.empty();
  if ((r.events.empty() && !timer_only) || r.events.size() > event_store::append_events_max)
    return make_failure(store_errc::invalid_append, "an append carries 1 to 1000 events");
  if (payload_bytes(r) > event_store::append_bytes_max)
    return make_failure(store_errc::invalid_append, "an append carries at most 4 MiB");
  if (r.idempotency_key.size() > event_store::idempotency_key_size_max)
    return make_failure(store_errc::invalid_append, "an idempotency key has at most 256 bytes");
  return done{};
}

// One batch being built: what it has staged so far, so later appends in the
// same batch see earlier ones.
struct staging {
  sha256_hasher* hasher = nullptr;
  std::unordered_map<std::string, stream_head>* known_heads = nullptr;
  rocksdb::WriteBatch batch;
  std::map<std::string, stream_head, std::less<>> heads;
  std::map<std::string, idempotency_entry, std::less<>> keys;
  std::map<std::string, time_us, std::less<>> timers; ///< stream → due (0: none) staged
  std::uint64_t position = 0;
  log_batch_writer log{0}; ///< the batch's one `log` record
  std::string global;
  time_us now = 0;
  std::uint64_t events = 0;
};

result<std::optional<idempotency_entry>> find_key(const store_impl& impl, const staging& st,
                                                  const std::string& key) {
  if (auto it = st.keys.find(key); it != st.keys.end())
    return std::optional<idempotency_entry>{it->second};
  return read_idempotency_entry(impl, key, st.now);
}

result<stream_head> head_of(const store_impl& impl, const staging& st, std::string_view stream) {
  if (auto it = st.heads.find(stream); it != st.heads.end())
    return it->second;
  if (auto it = st.known_heads->find(std::string(stream)); it != st.known_heads->end())
    return it->second;
  return load_stream_head(impl, stream);
}

append_result place(const store_impl& impl, staging& st, const append_request& r,
                    stream_head head) {
  append_result placed{head.version + 1, 0, st.position + 1, 0, st.now, false};
  st.log.begin_run(r.stream, head.version + 1, static_cast<std::uint32_t>(r.events.size()));
  for (const auto& e : r.events) {
    recorded_event rec{e.event_id, r.stream, ++head.version, ++st.position, st.now,
                       e.type, e.payload, e.actor, e.correlation_id, e.causation_id,
                       r.idempotency_key, head.hash, {}};
    rec.hash = st.hasher->event_hash(rec);
    head.hash = rec.hash;
    st.global = st.hasher->digest(st.global, rec.hash);
    st.log.add_hash(rec.hash);
    st.batch.Put(impl.family(cf_events), event_key(r.stream, rec.version), encode_envelope(rec));
  }
  st.heads[r.stream] = head;
  st.events += r.events.size();
  placed.last_version = head.version;
  placed.last_position = st.position;
  return placed;
}

// Moves `stream`'s timer to `due` (0: none): its old due line goes, the new one comes.
status stage_timer(const store_impl& impl, staging& st, const std::string& stream, time_us due) {
  auto* family = impl.family(cf_timers);
  time_us old = 0;
  if (auto it = st.timers.find(stream); it != st.timers.end()) {
    old = it->second;
  } else {
    std::string value;
    auto s = impl.db->Get(rocksdb::ReadOptions(), family, timer_stream_key(stream), &value);
    if (!s.ok() && !s.IsNotFound())
      return make_failure(store_errc::io, "reading a timer: " + s.ToString());
    if (s.ok() && value.size() != 8)
      return make_failure(store_errc::corrupt, "the timer of " + stream + " does not decode");
    old = s.ok() ? static_cast<time_us>(get_u64(value)) : 0;
  }
  if (old == due)
    return done{};
  if (old != 0)
    st.batch.Delete(family, timer_due_key(stream, old));
  if (due == 0) {
    st.batch.Delete(family, timer_stream_key(stream));
  } else {
    std::string value;
    put_u64(value, static_cast<std::uint64_t>(due));
    st.batch.Put(family, timer_due_key(stream, due), "");
    st.batch.Put(family, timer_stream_key(stream), value);
  }
  st.timers[stream] = due;
  return done{};
}

void remember_key(const store_impl& impl, staging& st, const append_request& r,
                  std::string print, const append_result& placed) {
  idempotency_entry entry{std::move(print), st.now, placed};
  st.batch.Put(impl.family(cf_idempotency), idempotency_entry_key(r.idempotency_key),
               encode_idempotency_entry(entry));
  st.batch.Put(impl.family(cf_idempotency), idempotency_index_key(st.now, r.idempotency_key),
               "");
  st.keys[r.idempotency_key] = std::move(entry);
}

// Stages one append: its version check and idempotency check see the batch so far.
result<append_result> stage(const store_impl& impl, staging& st, const append_request& r) {
  if (auto ok = validate(r); !ok)
    return ok.error();
  std::string print;
  if (!r.idempotency_key.empty()) {
    print = idempotency_fingerprint(*st.hasher, r.stream, r.events, r.request_fingerprint);
    auto known = find_key(impl, st, r.idempotency_key);
    if (!known)
      return known.error();
    if (*known && (*known)->fingerprint != print)
      return make_failure(store_errc::idempotency_mismatch,
                          "the idempotency key was used for different content");
    if (*known) {
      auto first = (*known)->outcome;
      first.replayed = true;
      return first;
    }
  }
  auto head = head_of(impl, st, r.stream);
  if (!head)
    return head.error();
  if (r.expected.value != expected_version::any_value && r.expected.value != head->version)
    return make_failure(store_errc::version_conflict,
                        "stream is at version " + std::to_string(head->version) + ", not "
                          + std::to_string(r.expected.value));
  if (r.wake_at)
    if (auto moved = stage_timer(impl, st, r.stream, *r.wake_at); !moved)
      return moved.error();
  if (r.events.empty()) // the timer alone
    return append_result{head->version + 1, head->version, st.position + 1, st.position, st.now,
                         false};
  auto placed = place(impl, st, r, *head);
  if (!r.idempotency_key.empty())
    remember_key(impl, st, r, std::move(print), placed);
  return placed;
}

} // namespace

journal::journal(store_impl& impl, time_us idempotency_ttl_us,
                 std::chrono::milliseconds sweep_interval)
  : impl_(impl), ttl_us_(idempotency_ttl_us), sweep_interval_(sweep_interval),
    thread_([this] { run(); }) {}

journal::~journal() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void journal::submit(append_request request, append_callback done) {
  {
    std::lock_guard lock(queue_mutex_);
    if (queue_.size() < event_store::queue_appends_max && !stopping_) {
      queue_.push_back({std::move(request), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  done(make_failure(store_errc::overloaded, "the journal's queue is full"));
}

void journal::run() {
  pthread_setname_np(pthread_self(), "pfms-journal");
  auto next_sweep = std::chrono::steady_clock::now() + sweep_interval_;
  for (;;) {
    std::vector<pending> batch;
    {
      std::unique_lock lock(queue_mutex_);
      wake_.wait_until(lock, next_sweep, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_)
        return;
      std::size_t bytes = 0;
      while (!queue_.empty() && batch.size() < event_store::batch_appends_max
             && (batch.empty() || bytes + payload_bytes(queue_.front().request)
                                    <= event_store::batch_bytes_max)) {
        bytes += payload_bytes(queue_.front().request);
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    if (!batch.empty())
      write_batch(batch);
    if (std::chrono::steady_clock::now() >= next_sweep) {
      sweep();
      next_sweep = std::chrono::steady_clock::now() + sweep_interval_;
    }
  }
}

void journal::write_batch(std::vector<pending>& batch) {
  std::vector<result<append_result>> outcomes;
  outcomes.reserve(batch.size());
  staging st;
  st.hasher = &hasher_;
  st.known_heads = &head_cache_;
  {
    std::lock_guard lock(write_mutex_);
    st.position = impl_.head_position.load();
    st.log = log_batch_writer(st.position + 1);
    st.global = impl_.head_global_hash;
    // Record times never go backwards, even if the clock does: as-of reads
    // take the log's prefix up to an instant.
    st.now = std::max(impl_.time->now_us(), impl_.last_recorded_us);
    for (const auto& p : batch)
      outcomes.push_back(stage(impl_, st, p.request));
    if (!st.log.empty())
      st.batch.Put(impl_.family(cf_log), position_key(st.position), st.log.finish(st.global));
    if (st.batch.Count() > 0) {
      rocksdb::WriteOptions sync_write;
      sync_write.sync = true;
      // A duration for /metrics, from the monotonic clock; no time is recorded from it.
      const auto started = std::chrono::steady_clock::now();
      auto s = impl_.db->Write(sync_write, &st.batch);
      sync_us_ += static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                               std::chrono::steady_clock::now() - started)
                                               .count());
      if (!s.ok()) {
        // Replayed outcomes may rest on a key staged in this very batch: fail
        // them too; the caller retries.
        for (auto& o : outcomes)
          if (o)
            o = make_failure(store_errc::io, "the batch could not be synced: " + s.ToString());
        st.events = 0;
      } else {
        impl_.head_global_hash = st.global;
        impl_.head_position = st.position;
        impl_.last_recorded_us = st.now;
        ++batches_;
        if (head_cache_.size() + st.heads.size() > head_cache_max)
          head_cache_.clear();
        for (auto& [stream, head] : st.heads)
          head_cache_[stream] = head;
      }
    }
  }
  events_ += st.events;
  appends_ += batch.size();
  if (st.events > 0) {
    { std::lock_guard lock(impl_.commit_mutex); }
    impl_.committed.notify_all();
  }
  for (std::size_t i = 0; i < batch.size(); ++i)
    batch[i].done(std::move(outcomes[i]));
  if (st.events > 0 && impl_.commit_listener)
    impl_.commit_listener(st.position);
}

std::size_t journal::sweep() {
  std::lock_guard lock(write_mutex_);
  const auto cutoff = impl_.time->now_us() - ttl_us_;
  if (cutoff <= 0)
    return 0;
  rocksdb::WriteBatch batch;
  std::unique_ptr<rocksdb::Iterator> it(
    impl_.db->NewIterator(rocksdb::ReadOptions(), impl_.family(cf_idempotency)));
  const auto end = idempotency_index_key(cutoff, "");
  std::size_t removed = 0;
  for (it->Seek("t"); it->Valid() && it->key().compare(end) < 0 && removed < sweep_batch_max;
       it->Next(), ++removed) {
    const auto index = it->key().ToStringView();
    const auto key = index.substr(9);
    batch.Delete(impl_.family(cf_idempotency), index);
    // The key may have expired and been used again since: only the entry
    // this index line was written for goes.
    std::string value;
    const auto entry_key = idempotency_entry_key(key);
    if (impl_.db->Get(rocksdb::ReadOptions(), impl_.family(cf_idempotency), entry_key, &value).ok())
      if (auto entry = decode_idempotency_entry(value);
          entry && entry->created_at == static_cast<time_us>(get_u64(index.substr(1, 8))))
        batch.Delete(impl_.family(cf_idempotency), entry_key);
  }
  if (removed == 0 || !impl_.db->Write(rocksdb::WriteOptions(), &batch).ok())
    return 0;
  return removed;
}

journal_stats journal::stats() const {
  return {batches_.load(), appends_.load(), events_.load(), sync_us_.load()};
}

} // namespace pfms::events::internal
