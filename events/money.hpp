#pragma once

#include "events/result.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace pfms {

/// Failures of value types. Numbers are stable and never reused.
enum class money_errc : std::uint8_t {
  unknown_currency = 1,  ///< not an ISO 4217 code this build knows
  currency_mismatch = 2, ///< arithmetic across two currencies
  overflow = 3,          ///< the exact result does not fit in int64 minor units
};

[[nodiscard]] failure make_failure(money_errc code, std::string detail);
[[nodiscard]] std::string_view code_name(money_errc code);

/// An ISO 4217 alphabetic code that this build knows, with its minor-unit
/// scale (USD 2, JPY 0, KWD 3). Only `parse` makes one, so every value is valid.
class currency {
public:
  /// Accepts exactly three upper-case letters naming a known currency.
  [[nodiscard]] static result<currency> parse(std::string_view code);

  [[nodiscard]] std::string_view code() const { return {code_.data(), 3}; }
  /// Digits after the decimal point: the amount 1 in minor units is 10^-scale.
  [[nodiscard]] int scale() const { return scale_; }

  friend bool operator==(const currency& a, const currency& b) { return a.code_ == b.code_; }

private:
  currency(std::array<char, 3> code, int scale) : code_(code), scale_(scale) {}
  std::array<char, 3> code_;
  int scale_;
};

/// An exact amount: signed 64-bit minor units of one currency. No floating
/// point anywhere; arithmetic is checked and fails instead of wrapping.
struct money {
  std::int64_t amount_minor = 0;
  currency unit;
};

/// a + b, or `currency_mismatch` / `overflow`.
[[nodiscard]] result<money> checked_add(const money& a, const money& b);
/// a - b, or `currency_mismatch` / `overflow`.
[[nodiscard]] result<money> checked_sub(const money& a, const money& b);

} // namespace pfms
