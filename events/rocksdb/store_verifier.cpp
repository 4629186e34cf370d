#include "events/store_verifier.hpp"

#include "events/envelope_codec.hpp"
#include "events/rocksdb/store_impl.hpp"
#include "events/store_error.hpp"

#include <array>
#include <functional>
#include <memory>
#include <set>
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
  /// each log entry names and reports those that are missing or disagree.
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
  void finish_stream();
  status check_heads();
  void check_log_entry(std::uint64_t position, std::string_view value);
  void cross_check_entry(std::uint64_t position, std::string_view value);

  store_impl& impl_;
  rocksdb::ReadOptions read_;
  sha256_hasher hasher_;
  envelope_decoder decoder_;
  recorded_event event_;   ///< reused by the stream pass
  std::string scratch_;    ///< reused for terms
  std::set<std::string, std::less<>> streams_seen_;
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
    finish_stream();
    stream_ = parts->stream;
    version_ = 0;
    hash_ = genesis_hash();
    streams_seen_.insert(stream_);
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

void verifier::finish_stream() {
  if (stream_.empty())
    return;
  ++report.streams_checked;
  std::string value;
  auto s = impl_.db->Get(read_, impl_.family(cf_streams), stream_, &value);
  auto head = s.ok() ? decode_stream_head(value) : std::nullopt;
  if (!head)
    return find(stream_, version_, 0, "the stream has events but no readable head");
  if (head->version != version_ || head->hash != hash_)
    find(stream_, head->version, 0, "the stream head does not match its last event");
}

status verifier::check_heads() {
  std::unique_ptr<rocksdb::Iterator> it(impl_.db->NewIterator(read_, impl_.family(cf_streams)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto name = it->key().ToStringView();
    if (!streams_seen_.contains(name))
      find(std::string(name), 0, 0, "the stream has a head but no events (deleted stream)");
  }
  if (!it->status().ok())
    return make_failure(store_errc::io, "reading stream heads: " + it->status().ToString());
  return done{};
}

status verifier::check_streams() {
  std::unique_ptr<rocksdb::Iterator> it(impl_.db->NewIterator(read_, impl_.family(cf_events)));
  for (it->SeekToFirst(); it->Valid(); it->Next())
    check_event(it->key().ToStringView(), it->value().ToStringView());
  if (!it->status().ok())
    return make_failure(store_errc::io, "reading events: " + it->status().ToString());
  finish_stream();
  return check_heads();
}

void verifier::check_log_entry(std::uint64_t position, std::string_view value) {
  auto entry = decode_log_entry(value);
  if (!entry)
    return find({}, 0, position, "the log entry does not decode");
  terms.add(term(hasher_, scratch_, position, entry->version, entry->event_hash, entry->stream));
  global_ = hasher_.digest(global_, entry->event_hash);
  if (global_ != entry->global_hash) {
    find(entry->stream, entry->version, position, "the global chain breaks here");
    global_ = entry->global_hash; // report each break once, not every link after it
  }
}

void verifier::cross_check_entry(std::uint64_t position, std::string_view value) {
  auto entry = decode_log_entry(value);
  if (!entry)
    return;
  std::string bytes;
  auto s = impl_.db->Get(read_, impl_.family(cf_events),
                         event_key(entry->stream, entry->version), &bytes);
  if (!s.ok())
    return find(entry->stream, entry->version, position,
                "the log names an event that is missing (deleted event)");
  auto e = decode_envelope(bytes);
  if (!e)
    return;
  if (e->position != position || e->hash != entry->event_hash)
    find(entry->stream, entry->version, position, "the log and the event disagree");
}

status verifier::cross_check() {
  std::unique_ptr<rocksdb::Iterator> it(impl_.db->NewIterator(read_, impl_.family(cf_log)));
  for (it->SeekToFirst(); it->Valid(); it->Next())
    if (it->key().size() == 8)
      cross_check_entry(get_u64(it->key().ToStringView()), it->value().ToStringView());
  if (!it->status().ok())
    return make_failure(store_errc::io, "reading the log: " + it->status().ToString());
  return done{};
}

status verifier::check_log() {
  std::unique_ptr<rocksdb::Iterator> it(impl_.db->NewIterator(read_, impl_.family(cf_log)));
  std::uint64_t expected = 1;
  for (it->SeekToFirst(); it->Valid(); it->Next(), ++expected) {
    ++report.log_entries_checked;
    const auto position = it->key().size() == 8 ? get_u64(it->key().ToStringView()) : 0;
    if (position != expected) {
      find({}, 0, expected, "log position " + std::to_string(expected) + " is missing");
      expected = position;
    }
    check_log_entry(position, it->value().ToStringView());
    report.last_position = position;
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
