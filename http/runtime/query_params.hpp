#pragma once

// Query strings of GET routes ("from=3&limit=10").

#include "events/clock.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pfms {

/// The value of `name` in `query`, empty when absent. No percent-decoding:
/// the values pfms takes (numbers, base64url cursors) never need it.
[[nodiscard]] std::string query_value(std::string_view query, std::string_view name);

/// Why `query` does not fit a route that takes the parameters `allowed`
/// (comma-separated names): a name it does not take, or one given twice;
/// nothing when it fits. Empty `&` segments are ignored.
[[nodiscard]] std::optional<std::string> query_misfit(std::string_view query,
                                                      std::string_view allowed);

/// `text` percent-decoded ("%20" and "+" are spaces); nothing when malformed.
[[nodiscard]] std::optional<std::string> percent_decoded(std::string_view text);

/// The percent-decoded value of `name` in `query`, nothing when absent;
/// `invalid_query` when it is not percent-encoded text.
[[nodiscard]] result<std::optional<std::string>> query_text(std::string_view query,
                                                            std::string_view name);

/// The RFC 3339 instant `name` names, nothing when absent; `invalid_query`
/// otherwise. An offset's '+' sent unencoded (decoded as a space) is taken as '+'.
[[nodiscard]] result<std::optional<time_us>> query_time(std::string_view query,
                                                        std::string_view name);

/// A whole number in [min, max], `fallback` when `text` is empty; nothing
/// when malformed or out of range.
[[nodiscard]] std::optional<std::uint64_t> query_number(const std::string& text,
                                                        std::uint64_t fallback, std::uint64_t min,
                                                        std::uint64_t max);

} // namespace pfms
