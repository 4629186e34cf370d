#pragma once

#include "events/failure.hpp"
#include "http/runtime/http_message.hpp"

#include <string_view>

namespace pfms {

/// The HTTP status and stable `code` of a failure: the one mapping from
/// errors to HTTP (docs/http-api.md lists it).
struct problem_kind {
  int status;
  std::string_view code;
  std::string_view title;
};

[[nodiscard]] problem_kind classify(const failure& f);

/// An RFC 9457 `application/problem+json` response for `f`. 503s carry
/// `Retry-After: 1`.
[[nodiscard]] http_response problem_response(const failure& f, std::string_view request_id);

} // namespace pfms
