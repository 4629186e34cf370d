#include "events/rocksdb/raw_baseline.hpp"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <chrono>
#include <memory>

namespace pfms {

namespace {

using steady = std::chrono::steady_clock;

double seconds_since(steady::time_point start) {
  return std::chrono::duration<double>(steady::now() - start).count();
}

} // namespace

double raw_events_per_second(const std::string& dir, std::size_t batch, double seconds,
                             bool same_layout, std::size_t event_bytes) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(options, dir, &raw).ok())
    return 0;
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::WriteOptions sync_write;
  sync_write.sync = true;
  const std::string value(event_bytes, 'v');
  const std::string envelope(event_bytes + 150, 'e'), log_value(8 + 64 + 12, 'l'),
    head(40, 'h');
  std::uint64_t events = 0;
  const auto start = steady::now();
  while (seconds_since(start) < seconds) {
    rocksdb::WriteBatch wb;
    for (std::size_t i = 0; i < batch; ++i, ++events) {
      if (!same_layout) {
        wb.Put("key-" + std::to_string(events), value);
        continue;
      }
      const auto stream = "bench-" + std::to_string(events % batch);
      wb.Put(stream + '\0' + std::to_string(events), envelope);
      wb.Put("log-" + std::to_string(events), log_value);
      wb.Put(stream, head);
    }
    if (!db->Write(sync_write, &wb).ok())
      return 0;
  }
  return static_cast<double>(events) / seconds_since(start);
}

} // namespace pfms
