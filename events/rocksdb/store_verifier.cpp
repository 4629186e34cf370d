#include "events/store_verifier.hpp"

#include "events/envelope_codec.hpp"
#include "events/rocksdb/log_batch.hpp"
#include "events/rocksdb/store_impl.hpp"
#include "events/store_error.hpp"

#include <array>
#include <functional>
#include <memory>
#include <thread>

namespace pfms {

using namespace events::internal;

namespace {

/// An order-independent digest of a set of events: the sum mod 2^256 of a
/// SHA-256 term per event. The stream pass and the log pass each sum the same
/// terms in their own order; equal sums mean every log entry names an event
/// with that position and hash, without a random read per entry.
class multiset_digest {
public:
  void add(std::string_view term) {
    unsigned carry = 0;
    for (std::size_t limb = 0; limb < limbs_.size(); ++limb) {
      const auto part = get_u64(term.substr(limb * 8, 8));
      const auto sum = limbs_[limb] + part + carry;
      carry = (sum < part || (carry && sum == part)) ? 1 : 0;
      limbs_[limb] = sum;
    }
  }
  friend bool operator==(const multiset_digest&, const multiset_digest&) = default;

private:
  std::array<std::uint64_t, 4> limbs_{};
};

std::string term(sha256_hasher& hasher, std::string& scratch, std::uint64_t position,
                 std::uint64_t version, std::string_view hash, std::string_view stream) {
  scratch.clear();
  put_u64(scratch, position);
  put_u64(scratch, version);
  scratch += hash;
  scratch += stream;
  return hasher.digest(scratch);
}

class verifier {
public:
  verifier(store_impl& impl, const rocksdb::Snapshot* snapshot) : impl_(impl) {
    read_.snapshot = snapshot;
  }

  status check_streams();
  status check_log();
  /// The slow pass, run only when the two digests differ: reads the event
  /// each log entry names and reports those that are missing or disagree,
  /// then the log record of each event and reports the events it does not name.
  status cross_check();
  verify_report report;
  multiset_digest terms;

private:
  void find(std::string stream, std::uint64_t version, std::uint64_t position,
            std::string problem) {
    if (report.findings.size() < verify_report::findings_max)
      report.findings.push_back({std::move(stream), version, position, std::move(problem)});
  }
  void check_event(std::string_view key, std::string_view value);
  void check_log_batch(std::uint64_t last, std::string_view value);
  void cross_check_batch(std::uint64_t last, std::string_view value);
  void cross_check_event(rocksdb::Iterator& log, std::string_view value);

  store_impl& impl_;
  rocksdb::ReadOptions read_;
  sha256_hasher hasher_;
  envelope_decoder decoder_;
  recorded_event event_;   ///< reused by the stream pass
  std::string scratch_;    ///< reused for terms
  std::string stream_;
  std::uint64_t version_ = 0;
  std::string hash_;
  std::string global_ = genesis_hash();
};

void verifier::check_event(std::string_view key, std::string_view value) {
  auto parts = parse_event_key(key);
  if (!parts)
    return find({}, 0, 0, "an events key has no stream/version shape");
  if (parts->stream != stream_) {
    ++report.streams_checked;
    stream_ = parts->stream;
    version_ = 0;
    hash_ = genesis_hash();
  }
  ++report.events_checked;
  if (!decoder_.decode(value, event_))
    return find(stream_, parts->version, 0, "the stored event does not decode");
  const auto* e = &event_;
  if (e->stream_id != stream_ || e->version != parts->version)
    find(stream_, parts->version, e->position, "the event is stored under another key");
  if (parts->version != version_ + 1)
    find(stream_, parts->version, e->position,
         "version gap: expected version " + std::to_string(version_ + 1));
  if (e->previous_hash != hash_)
    find(stream_, parts->version, e->position, "previous hash does not match the stream chain");
  if (hasher_.event_hash(*e) != e->hash)
    find(stream_, parts->version, e->position, "hash does not match the event's content");
  terms.add(term(hasher_, scratch_, e->position, parts->version, e->hash, stream_));
  version_ = parts->version;
  hash_ = e->hash;
}

status verifier::check_streams() {
  std::unique_ptr<rocksdb::Iterator> it(impl_.db->NewIterator(read_, impl_.family(cf_events)));
  for (it->SeekToFirst(); it->Valid(); it->Next())
    check_event(it->key().ToStringView(), it->value().ToStringView());
  if (!it->status().ok())
    return make_failure(store_errc::io, "reading events: " + it->status().ToString());
  return done{};
}

void verifier::check_log_batch(std::uint64_t last, std::string_view value) {
  auto batch = decode_log_batch(last, value);
  if (!batch)
    return find({}, 0, last, "the log record ending here does not decode");
  auto position = batch->first_position;
  for (const auto& run : batch->runs)
    for (std::uint32_t i = 0; i < run.count; ++i, ++position) {
      ++report.log_entries_checked;
      terms.add(term(hasher_, scratch_, position, run.first_version + i, run.hash(i), run.stream));
      global_ = hasher_.digest(global_, run.hash(i));
    }
  if (global_ != batch->global_hash) {
    const auto& run = batch->runs.back();
    find(std::string(run.stream), run.first_version + run.count - 1, last,
         "the global chain breaks in the batch ending here");
    global_ = batch->global_hash; // report each break once, not every batch after it
  }
}

void verifier::cross_check_batch(std::uint64_t last, std::string_view value) {
  auto batch = decode_log_batch(last, value);
  if (!batch)
    return;
  auto position = batch->first_position;
  std::string bytes;
  for (const auto& run : batch->runs)
    for (std::uint32_t i = 0; i < run.count; ++i, ++position) {
      const auto version = run.first_version + i;
      auto s = impl_.db->Get(read_, impl_.family(cf_events), event_key(run.stream, version),
                             &bytes);
      if (!s.ok()) {
        find(std::string(run.stream), version, position,
             "the log names an event that is missing (deleted event)");
        continue;
      }
      auto e = decode_envelope(bytes);
      if (e && (e->position != position || e->hash != run.hash(i)))
        find(std::string(run.stream), version, position, "the log and the event disagree");
    }
}

// Whether the log record at `log` names event `e` at its position.
bool log_names(rocksdb::Iterator& log, const recorded_event& e) {
  log.Seek(position_key(e.position));
  if (!log.Valid() || log.key().size() != 8)
    return false;
  auto batch = decode_log_batch(get_u64(log.key().ToStringView()), log.value().ToStringView());
  if (!batch || batch->first_position > e.position)
    return false;
  auto offset = e.position - batch->first_position;
  for (const auto& run : batch->runs) {
    if (offset < run.count)
      return run.stream == e.stream_id && run.first_version + offset == e.version
             && run.hash(static_cast<std::uint32_t>(offset)) == e.hash;
    offset -= run.count;
  }
  return false;
}

void verifier::cross_check_event(rocksdb::Iterator& log, std::string_view value) {
  if (!decoder_.decode(value, event_))
    return; // the stream pass has named it
  if (!log_names(log, event_))
    find(event_.stream_id, event_.version, event_.position,
         "the log does not name this event at its position (inserted event)");
}

status verifier::cross_check() {
  std::unique_ptr<rocksdb::Iterator> it(impl_.db->NewIterator(read_, impl_.family(cf_log)));
  for (it->SeekToFirst(); it->Valid(); it->Next())
    if (it->key().size() == 8)
      cross_check_batch(get_u64(it->key().ToStringView()), it->value().ToStringView());
  if (!it->status().ok())
    return make_failure(store_errc::io, "reading the log: " + it->status().ToString());
  // And the other way: every event named by the log at its own position.
  std::unique_ptr<rocksdb::Iterator> events(
    impl_.db->NewIterator(read_, impl_.family(cf_events)));
  for (events->SeekToFirst(); events->Valid(); events->Next())
    cross_check_event(*it, events->value().ToStringView());
  if (!events->status().ok())
    return make_failure(store_errc::io, "reading events: " + events->status().ToString());
  return done{};
}

status verifier::check_log() {
  std::unique_ptr<rocksdb::Iterator> it(impl_.db->NewIterator(read_, impl_.family(cf_log)));
  std::uint64_t expected = 1; // the next batch's first position
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++report.log_batches_checked;
    const auto last = it->key().size() == 8 ? get_u64(it->key().ToStringView()) : 0;
    const auto first = it->value().size() >= 8 ? get_u64(it->value().ToStringView()) : 0;
    if (first > expected)
      find({}, 0, expected, "log positions " + std::to_string(expected) + " to "
                              + std::to_string(first - 1) + " are missing");
    else if (first < expected)
      find({}, 0, first, "log batches overlap at position " + std::to_string(first));
    check_log_batch(last, it->value().ToStringView());
    report.last_position = last;
    expected = last + 1;
  }
  report.last_global_hash = global_;
  if (!it->status().ok())
    return make_failure(store_errc::io, "reading the log: " + it->status().ToString());
  return done{};
}

} // namespace

result<verify_report> verify_store(event_store& store) {
  auto& impl = store.internals();
  // Released on every path out.
  const std::unique_ptr<const rocksdb::Snapshot, std::function<void(const rocksdb::Snapshot*)>>
    guard(impl.db->GetSnapshot(), [&](const rocksdb::Snapshot* s) { impl.db->ReleaseSnapshot(s); });
  const auto* snapshot = guard.get();
  // The two passes are independent: run them on two cores over one snapshot.
  verifier streams(impl, snapshot), log(impl, snapshot);
  status streams_done = done{};
  std::thread stream_pass([&] { streams_done = streams.check_streams(); });
  auto log_done = log.check_log();
  stream_pass.join();
  if (!streams_done)
    return streams_done.error();
  if (!log_done)
    return log_done.error();
  if (!(streams.terms == log.terms))
    if (auto crossed = log.cross_check(); !crossed)
      return crossed.error();
  auto report = std::move(streams.report);
  report.log_entries_checked = log.report.log_entries_checked;
  report.log_batches_checked = log.report.log_batches_checked;
  report.last_position = log.report.last_position;
  report.last_global_hash = log.report.last_global_hash;
  for (auto& f : log.report.findings)
    if (report.findings.size() < verify_report::findings_max)
      report.findings.push_back(std::move(f));
  if (report.log_entries_checked != report.events_checked
      && report.findings.size() < verify_report::findings_max)
    report.findings.push_back({{}, 0, 0, "the log has " + std::to_string(report.log_entries_checked)
                                          + " entries but the store holds "
                                          + std::to_string(report.events_checked) + " events"});
  return report;
}

} // namespace pfms
