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

namespace {

// Calls `visit` with each non-empty `separator`-separated part of `list`
// until it returns false; whether it went through them all.
template <class Visit>
bool each_part(std::string_view list, char separator, Visit visit) {
  while (!list.empty()) {
    const auto at = list.find(separator);
    if (const auto part = list.substr(0, at); !part.empty() && !visit(part))
      return false;
    list = at == std::string_view::npos ? std::string_view() : list.substr(at + 1);
  }
  return true;
}

bool listed(std::string_view allowed, std::string_view name) {
  return !each_part(allowed, ',', [&](std::string_view one) { return one != name; });
}

} // namespace

std::optional<std::string> query_misfit(std::string_view query, std::string_view allowed) {
  std::optional<std::string> why;
  // Every name kept is allowed and distinct, so no route's list outgrows it.
  std::string_view seen[16];
  std::size_t count = 0;
  each_part(query, '&', [&](std::string_view pair) {
    const auto name = pair.substr(0, pair.find('=')).substr(0, 64); // echoed: bounded
    if (!listed(allowed, name)) {
      why = "unknown query parameter '" + std::string(name) + "'; this route takes "
            + (allowed.empty() ? std::string("none") : std::string(allowed));
      return false;
    }
    if (std::find(seen, seen + count, name) != seen + count) {
      why = "query parameter '" + std::string(name) + "' is given twice";
      return false;
    }
    if (count < std::size(seen))
      seen[count++] = name;
    return true;
  });
  return why;
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
