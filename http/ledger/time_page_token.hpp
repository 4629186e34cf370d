#pragma once

// The page token of a list ordered by an instant, then an id (transactions,
// transfers): base64url of "<µs since 1970>:<id>", opaque to clients.

#include "events/clock.hpp"
#include "events/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pfms {

struct time_page_token {
  time_us at = 0;
  std::string id;
};

/// The token that starts the page after (`at`, `id`).
[[nodiscard]] std::string encode_page_token(time_us at, std::string_view id);

/// The `page_token` query parameter of `query`: nullopt when absent,
/// `invalid_query` when it is not a token pfms gave.
[[nodiscard]] result<std::optional<time_page_token>> page_token_param(const std::string& query);

} // namespace pfms
