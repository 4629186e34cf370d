// The read side of the streams' durable timers (the journal writes them).

#include "events/event_store.hpp"
#include "events/rocksdb/store_impl.hpp"
#include "events/store_error.hpp"

#include <algorithm>

namespace pfms {

using namespace events::internal;

result<std::vector<stream_timer>> event_store::due_timers(std::string_view kind,
                                                          time_us until_us,
                                                          std::size_t max_count) const {
  max_count = std::min(max_count, timers_page_max);
  std::vector<stream_timer> due;
  auto* family = impl_->family(cf_timers); // absent from a store opened read-only before it had one
  if (until_us < 0 || max_count == 0 || !family)
    return due;
  const auto first = timer_due_bound(kind, 0);
  const auto prefix_size = first.size() - 8;
  std::unique_ptr<rocksdb::Iterator> it(
    impl_->db->NewIterator(rocksdb::ReadOptions(), family));
  for (it->Seek(first); it->Valid() && due.size() < max_count; it->Next()) {
    const auto key = it->key().ToStringView();
    if (key.size() <= prefix_size + 8 || key.substr(0, prefix_size) != first.substr(0, prefix_size))
      break;
    const auto at = static_cast<time_us>(get_u64(key.substr(prefix_size)));
    if (at > until_us)
      break;
    due.push_back({std::string(key.substr(prefix_size + 8)), at});
  }
  if (!it->status().ok())
    return make_failure(store_errc::io, "reading the timers: " + it->status().ToString());
  return due;
}

result<time_us> event_store::timer_of(std::string_view stream) const {
  auto* family = impl_->family(cf_timers);
  if (!family)
    return time_us{0};
  std::string value;
  auto s = impl_->db->Get(rocksdb::ReadOptions(), family, timer_stream_key(stream), &value);
  if (s.IsNotFound())
    return time_us{0};
  if (!s.ok())
    return make_failure(store_errc::io, "reading a timer: " + s.ToString());
  if (value.size() != 8)
    return make_failure(store_errc::corrupt, "the timer of " + std::string(stream)
                                               + " does not decode");
  return static_cast<time_us>(get_u64(value));
}

} // namespace pfms
