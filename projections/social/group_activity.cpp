#include "projections/social/group_activity.hpp"

#include "events/envelope_codec.hpp"
#include "events/store_error.hpp"
#include "projections/runtime/read_rows.hpp"

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
  return read_rows<recorded_event>(
    store, group_activity_projection.family, group_key(group_id), row_key(group_id, from_version),
    limit, [&](std::string_view, std::string_view value) -> result<recorded_event> {
      if (auto e = decode_envelope(value))
        return std::move(*e);
      return make_failure(store_errc::corrupt,
                          "an activity row of group " + group_id + " does not decode");
    });
}

} // namespace pfms
