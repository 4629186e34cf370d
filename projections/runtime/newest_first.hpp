#pragma once

// Key parts that make a forward scan of a read model go newest first: an
// instant, then an id, both in descending order.

#include "events/clock.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace pfms {

/// Appends `at` so that later instants sort first: sign-biased, inverted,
/// big-endian (8 bytes).
inline void append_newest_first(std::string& key, time_us at) {
  const auto inverted = ~(static_cast<std::uint64_t>(at) ^ (std::uint64_t{1} << 63));
  for (int shift = 56; shift >= 0; shift -= 8)
    key.push_back(static_cast<char>((inverted >> shift) & 0xFF));
}

/// Appends `id` so that larger ids sort first: each byte inverted, then 0xFF
/// so that an id sorts before its own prefixes.
inline void append_descending_id(std::string& key, std::string_view id) {
  for (const char c : id)
    key.push_back(static_cast<char>(~static_cast<unsigned char>(c)));
  key.push_back(static_cast<char>(0xFF));
}

/// `tag` ‖ owner ‖ 0x00: where one owner's rows of an index start.
inline std::string owner_prefix(std::string_view tag, std::string_view owner_id) {
  std::string key(tag);
  key.append(owner_id).append(1, '\0');
  return key;
}

/// An owner's row of a newest-first index: owner_prefix ‖ `at` ‖ `id`.
inline std::string newest_first_key(std::string_view tag, std::string_view owner_id, time_us at,
                                    std::string_view id) {
  auto key = owner_prefix(tag, owner_id);
  append_newest_first(key, at);
  append_descending_id(key, id);
  return key;
}

} // namespace pfms
