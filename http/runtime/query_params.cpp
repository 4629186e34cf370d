#include "http/runtime/query_params.hpp"

#include "http/runtime/request_error.hpp"
#include "http/runtime/rfc3339.hpp"

#include <algorithm>
#include <charconv>

namespace pfms {

std::string query_value(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    if (pair.starts_with(name) && pair.size() > name.size() && pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return {};
}

std::optional<std::string> percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] != '%') {
      out += text[i];
    } else {
      unsigned value = 0;
      if (i + 2 >= text.size()
          || std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16).ptr
               != text.data() + i + 3)
        return std::nullopt;
      out += static_cast<char>(value);
      i += 2;
    }
  }
  return out;
}

result<std::optional<std::string>> query_text(std::string_view query, std::string_view name) {
  const auto raw = query_value(query, name);
  if (raw.empty())
    return std::optional<std::string>{};
  auto text = percent_decoded(raw);
  if (!text)
    return make_failure(request_errc::invalid_query,
                        std::string(name) + " is not percent-encoded text");
  return std::optional<std::string>{std::move(*text)};
}

result<std::optional<time_us>> query_time(std::string_view query, std::string_view name) {
  auto text = query_text(query, name);
  if (!text || !*text)
    return text ? std::optional<time_us>{} : result<std::optional<time_us>>(text.error());
  std::replace(text->value().begin(), text->value().end(), ' ', '+');
  auto when = parse_rfc3339(**text);
  if (!when)
    return make_failure(request_errc::invalid_query,
                        std::string(name) + " must be RFC 3339 with an offset, e.g. "
                                            "2026-11-25T10:00:00Z");
  return std::optional<time_us>{*when};
}

std::optional<std::uint64_t> query_number(const std::string& text, std::uint64_t fallback,
                                          std::uint64_t min, std::uint64_t max) {
  if (text.empty())
    return fallback;
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto parsed = std::from_chars(text.data(), end, value);
  if (parsed.ptr != end || parsed.ec != std::errc{} || value < min || value > max)
    return std::nullopt;
  return value;
}

} // namespace pfms
