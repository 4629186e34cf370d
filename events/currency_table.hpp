#pragma once

// The currencies pfms keeps money in: ISO 4217's active currencies with
// their minor units. Pure data.

#include <cstdint>
#include <span>
#include <string_view>

namespace pfms {

struct currency_info {
  std::string_view code; ///< alphabetic, e.g. "EUR"
  int numeric = 0;       ///< e.g. 978
  int minor_units = 2;   ///< digits after the decimal point (ISO 4217's "E")
  std::string_view name; ///< ISO 4217's English name
};

/// Every currency, sorted by code.
[[nodiscard]] std::span<const currency_info> iso_currencies();

} // namespace pfms
