#pragma once

// Query strings of GET routes ("from=3&limit=10").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pfms {

/// The value of `name` in `query`, empty when absent. No percent-decoding:
/// the values pfms takes (numbers, base64url cursors) never need it.
[[nodiscard]] std::string query_value(std::string_view query, std::string_view name);

/// `text` percent-decoded ("%20" and "+" are spaces); nothing when malformed.
[[nodiscard]] std::optional<std::string> percent_decoded(std::string_view text);

/// A whole number in [min, max], `fallback` when `text` is empty; nothing
/// when malformed or out of range.
[[nodiscard]] std::optional<std::uint64_t> query_number(const std::string& text,
                                                        std::uint64_t fallback, std::uint64_t min,
                                                        std::uint64_t max);

} // namespace pfms
