#pragma once

// Email addresses as pfms keys them: one normal form per address a person
// would read as the same, so that look-alikes cannot register twice.

#include "events/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace pfms {

inline constexpr std::size_t email_size_max = 254; ///< bytes of the normal form (RFC 5321)

/// The normal form of `email`, or `invalid_email`:
/// - surrounding spaces and tabs are trimmed;
/// - the text must be valid UTF-8 with no control, format (zero-width, bidi),
///   space, private-use, unassigned or default-ignorable code point;
/// - it is mapped by Unicode NFKC and case folding (`ＡＢ` → `ab`, `ß` → `ss`),
///   which is plain lower-casing for ASCII;
/// - the result has one `@` with a non-empty local part without `..` or a
///   dot at either end, and a domain of two or more non-empty labels of at
///   most 63 bytes (no `..`), no IP literal (`[…]`) and no all-digit top
///   label (so no dotted IPv4 address either).
/// Pure; no locale is read.
[[nodiscard]] result<std::string> normalize_email(std::string_view email);

} // namespace pfms
