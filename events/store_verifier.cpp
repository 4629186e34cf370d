#include "events/store_verifier.hpp"

#include "events/envelope_codec.hpp"
#include "events/internal/store_impl.hpp"
#include "events/store_error.hpp"

#include <set>

namespace pfms {

using namespace events::internal;

namespace {

class verifier {
public:
  explicit verifier(store_impl& impl) : impl_(impl) {
    read_.snapshot = impl_.db->GetSnapshot();
  }
  ~verifier() { impl_.db->ReleaseSnapshot(read_.snapshot); }

  status check_streams();
  status check_log();
  verify_report report;

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

  store_impl& impl_;
  rocksdb::ReadOptions read_;
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
  auto e = decode_envelope(value);
  if (!e)
    return find(stream_, parts->version, 0, "the stored event does not decode");
  if (e->stream_id != stream_ || e->version != parts->version)
    find(stream_, parts->version, e->position, "the event is stored under another key");
  if (parts->version != version_ + 1)
    find(stream_, parts->version, e->position,
         "version gap: expected version " + std::to_string(version_ + 1));
  if (e->previous_hash != hash_)
    find(stream_, parts->version, e->position, "previous hash does not match the stream chain");
  if (event_hash(*e) != e->hash)
    find(stream_, parts->version, e->position, "hash does not match the event's content");
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
  std::string bytes;
  auto s = impl_.db->Get(read_, impl_.family(cf_events),
                         event_key(entry->stream, entry->version), &bytes);
  if (!s.ok())
    return find(entry->stream, entry->version, position,
                "the log names an event that is missing (deleted event)");
  auto e = decode_envelope(bytes);
  if (!e)
    return find(entry->stream, entry->version, position, "the stored event does not decode");
  if (e->position != position)
    find(entry->stream, entry->version, position, "the event carries another position");
  global_ = global_hash(global_, e->hash);
  if (global_ != entry->global_hash) {
    find(entry->stream, entry->version, position, "the global chain breaks here");
    global_ = entry->global_hash; // report each break once, not every link after it
  }
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
  if (report.log_entries_checked != report.events_checked)
    find({}, 0, 0, "the log has " + std::to_string(report.log_entries_checked)
                     + " entries but the store holds " + std::to_string(report.events_checked)
                     + " events");
  return done{};
}

} // namespace

result<verify_report> verify_store(event_store& store) {
  verifier v(store.internals());
  if (auto s = v.check_streams(); !s)
    return s.error();
  if (auto s = v.check_log(); !s)
    return s.error();
  return std::move(v.report);
}

} // namespace pfms
