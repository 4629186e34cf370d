#include "projections/social/group_activity.hpp"

#include "events/envelope_codec.hpp"
#include "events/store_error.hpp"

namespace pfms {

namespace {

constexpr std::string_view group_prefix = "group-";

std::string group_key(std::string_view group_id) {
  std::string key = "a:";
  key.append(group_id).append(1, '\0');
  return key;
}

std::string row_key(std::string_view group_id, std::uint64_t version) {
  auto key = group_key(group_id);
  for (int shift = 56; shift >= 0; shift -= 8)
    key.push_back(static_cast<char>((version >> shift) & 0xFF));
  return key;
}

// What the feed needs of `e`, without its hashes and request ids.
std::string row_of(const recorded_event& e) {
  recorded_event kept;
  kept.stream_id = e.stream_id;
  kept.version = e.version;
  kept.position = e.position;
  kept.recorded_at_us = e.recorded_at_us;
  kept.type = e.type;
  kept.payload = e.payload;
  kept.actor = e.actor;
  return encode_envelope(kept);
}

} // namespace

result<std::vector<read_model_put>> fold_group_activity(const event_store&, std::string_view,
                                                        std::span<const recorded_event> events) {
  std::vector<read_model_put> puts;
  for (const auto& e : events)
    if (e.stream_id.starts_with(group_prefix))
      puts.push_back({row_key(std::string_view(e.stream_id).substr(group_prefix.size()), e.version),
                      row_of(e)});
  return puts;
}

result<std::vector<recorded_event>> group_activity_of(const event_store& store,
                                                      const std::string& group_id,
                                                      std::uint64_t from_version,
                                                      std::size_t limit) {
  const auto prefix = group_key(group_id);
  std::vector<recorded_event> out;
  std::optional<failure> broken;
  auto scanned = store.scan_read_model(
    group_activity_projection.family, row_key(group_id, from_version),
    [&](std::string_view key, std::string_view value) {
      if (!key.starts_with(prefix) || out.size() >= limit)
        return false;
      auto e = decode_envelope(value);
      if (!e) {
        broken = make_failure(store_errc::corrupt, "an activity row of group " + group_id
                                                     + " does not decode");
        return false;
      }
      out.push_back(std::move(*e));
      return true;
    });
  if (!scanned)
    return scanned.error();
  if (broken)
    return *broken;
  return out;
}

} // namespace pfms
