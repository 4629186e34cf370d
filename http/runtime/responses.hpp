#pragma once

// Small pieces every route uses: JSON answers and the ETag/If-Match pair
// (an entity's ETag is its stream version).

#include "events/result.hpp"
#include "http/runtime/http_message.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>

namespace pfms {

[[nodiscard]] http_response json_response(int status, const boost::json::object& body);

/// "\"7\"" for version 7.
[[nodiscard]] std::string etag(std::uint64_t version);

/// The version an If-Match header names ("\"7\""), 0 when there is none;
/// `invalid_if_match` for anything else.
[[nodiscard]] result<std::uint64_t> if_match_version(const std::string& header);

} // namespace pfms
