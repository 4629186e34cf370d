#include "http/ledger/time_page_token.hpp"

#include "http/identity/jwt.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"

#include <charconv>

namespace pfms {

std::string encode_page_token(time_us at, std::string_view id) {
  return base64url_encode(std::to_string(at) + ":" + std::string(id));
}

result<std::optional<time_page_token>> page_token_param(const std::string& query) {
  const auto raw = query_value(query, "page_token");
  if (raw.empty())
    return std::optional<time_page_token>{};
  std::string text;
  time_us at = 0;
  const auto colon = base64url_decode(raw, text) ? text.find(':') : std::string::npos;
  if (colon == std::string::npos
      || std::from_chars(text.data(), text.data() + colon, at).ptr != text.data() + colon)
    return make_failure(request_errc::invalid_query,
                        "page_token must be a next_page_token pfms gave");
  return std::optional{time_page_token{at, text.substr(colon + 1)}};
}

} // namespace pfms
