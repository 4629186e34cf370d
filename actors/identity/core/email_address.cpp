#include "actors/identity/core/email_address.hpp"

#include "actors/identity/core/user_error.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace pfms {

namespace {

constexpr std::size_t label_size_max = 63;
constexpr std::size_t input_size_max = 4 * email_size_max;

failure invalid() {
  return make_failure(user_errc::invalid_email, "email must be an address like name@example.org");
}

// A code point that has no place in an address: invisible, a space, a control,
// or one whose normal form Unicode does not promise to keep.
bool refused(utf8proc_int32_t c) {
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
      return true;
    default:
      return utf8proc_get_property(c)->ignorable;
  }
}

// Whether `text` is valid UTF-8 free of refused code points.
bool clean(std::string_view text) {
  auto* at = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t c = 0;
    const auto used = utf8proc_iterate(at, left, &c);
    if (used <= 0 || refused(c))
      return false;
    at += used;
    left -= used;
  }
  return true;
}

// NFKC and case folding of clean UTF-8; empty when utf8proc fails.
std::string folded(std::string_view text) {
  utf8proc_uint8_t* out = nullptr;
  const auto size = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                 static_cast<utf8proc_ssize_t>(text.size()), &out,
                                 static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE
                                                                | UTF8PROC_COMPAT
                                                                | UTF8PROC_CASEFOLD));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  if (size < 0)
    return {};
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
}

bool dotted_well(std::string_view part) {
  return !part.empty() && part.front() != '.' && part.back() != '.'
         && part.find("..") == std::string_view::npos;
}

bool domain_ok(std::string_view domain) {
  if (!dotted_well(domain) || domain.find('.') == std::string_view::npos
      || domain.find_first_of("[]:") != std::string_view::npos)
    return false;
  std::size_t start = 0;
  while (start <= domain.size()) {
    const auto end = std::min(domain.find('.', start), domain.size());
    if (end - start > label_size_max)
      return false;
    start = end + 1;
  }
  const auto top = domain.substr(domain.rfind('.') + 1);
  return !std::all_of(top.begin(), top.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

result<std::string> normalize_email(std::string_view email) {
  const auto first = email.find_first_not_of(" \t");
  const auto last = email.find_last_not_of(" \t");
  const auto trimmed = first == std::string_view::npos ? std::string_view()
                                                      : email.substr(first, last - first + 1);
  if (trimmed.empty() || trimmed.size() > input_size_max || !clean(trimmed))
    return invalid();
  auto out = folded(trimmed);
  const auto at = out.find('@');
  if (out.empty() || out.size() > email_size_max || at == std::string::npos
      || out.find('@', at + 1) != std::string::npos || !clean(out)
      || !dotted_well(std::string_view(out).substr(0, at))
      || !domain_ok(std::string_view(out).substr(at + 1)))
    return invalid();
  return out;
}

} // namespace pfms
