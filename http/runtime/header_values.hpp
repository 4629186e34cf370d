#pragma once

// Header values read the way RFC 9110 says: schemes and media types compare
// without regard to case, with optional whitespace around parameters.

#include <string_view>

namespace pfms {

/// The token of an `Authorization: Bearer <token>` header: the scheme in any
/// case, then one or more spaces. Empty when the header is not of that form.
[[nodiscard]] std::string_view bearer_token(std::string_view authorization);

/// Whether `content_type` is `application/json`, in any case, with or
/// without parameters (`application/JSON ; charset=utf-8`).
[[nodiscard]] bool is_json_media_type(std::string_view content_type);

} // namespace pfms
