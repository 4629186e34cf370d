#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace pfms {

/// Parses one JSON text as I-JSON (RFC 7493): UTF-8 only, no duplicate member
/// names at any depth, nesting ≤ depth_max, no comments or trailing commas.
/// Boost.JSON's own `parse` silently keeps one of two duplicate members, so
/// this drives its `basic_parser` with a handler that refuses them.
/// Returns nothing when the text is not I-JSON.
[[nodiscard]] std::optional<boost::json::value> parse_strict_json(std::string_view text,
                                                                  std::size_t depth_max);

} // namespace pfms
