#pragma once

#include "events/recorded_event.hpp"
#include "events/result.hpp"

#include <string>
#include <string_view>

namespace pfms {

/// Serializes `e` as a `pb::Envelope`.
[[nodiscard]] std::string encode_envelope(const recorded_event& e);

/// Parses a stored `pb::Envelope`; `corrupt` when the bytes are not one.
[[nodiscard]] result<recorded_event> decode_envelope(std::string_view bytes);

} // namespace pfms
