#include "events/event_store.hpp"
#include "events/rocksdb/store_impl.hpp"
#include "events/store_error.hpp"

namespace pfms {

using namespace events::internal;

namespace events::internal {

result<std::optional<idempotency_entry>>
read_idempotency_entry(const store_impl& impl, std::string_view key, time_us now) {
  std::string value;
  auto s = impl.db->Get(rocksdb::ReadOptions(), impl.family(cf_idempotency),
                        idempotency_entry_key(key), &value);
  if (s.IsNotFound())
    return std::optional<idempotency_entry>{};
  if (!s.ok())
    return make_failure(store_errc::io, "reading an idempotency key: " + s.ToString());
  auto entry = decode_idempotency_entry(value);
  if (!entry)
    return make_failure(store_errc::corrupt, "an idempotency entry does not decode");
  // Expired keys count as absent even before the sweep removes them.
  if (entry->created_at + impl.idempotency_ttl_us < now)
    return std::optional<idempotency_entry>{};
  return std::optional<idempotency_entry>{std::move(*entry)};
}

// Event ids and metadata are fresh on every try, so they are never part of it.
std::string idempotency_fingerprint(sha256_hasher& hasher, std::string_view stream,
                                    const std::vector<new_event>& events,
                                    std::string_view request_fingerprint) {
  if (!request_fingerprint.empty())
    return hasher.digest(std::string("request\0", 8) + std::string(request_fingerprint));
  std::string input(stream);
  for (const auto& e : events) {
    input += '\0' + std::to_string(e.type.size()) + ':' + e.type;
    input += '\0' + std::to_string(e.payload.size()) + ':' + e.payload;
  }
  return hasher.digest(input);
}

} // namespace events::internal

result<std::optional<append_result>>
event_store::idempotent_outcome(std::string_view key, std::string_view request_fingerprint) const {
  auto entry = read_idempotency_entry(*impl_, key, impl_->time->now_us());
  if (!entry)
    return entry.error();
  if (!*entry)
    return std::optional<append_result>{};
  sha256_hasher hasher;
  if ((*entry)->fingerprint != idempotency_fingerprint(hasher, {}, {}, request_fingerprint))
    return make_failure(store_errc::idempotency_mismatch,
                        "the idempotency key was used for a different request");
  auto first = (*entry)->outcome;
  first.replayed = true;
  return std::optional<append_result>{first};
}

} // namespace pfms
