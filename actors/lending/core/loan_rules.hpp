#pragma once

// Repayment allocation and delinquency of a loan. Pure; integer arithmetic.

#include "actors/lending/core/loan_schedule.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace pfms {

/// The order a repayment pays what is due, fixed at origination.
enum class allocation_order : std::uint8_t {
  fees_interest_principal = 1, ///< the default
  interest_fees_principal = 2,
};

/// What is due when a repayment arrives.
struct amounts_due {
  std::int64_t fees_minor = 0;
  std::int64_t interest_minor = 0;
  std::int64_t principal_minor = 0; ///< of the installments payable
};

/// How a repayment was applied; `excess_minor` is what remained after everything due
/// (a prepayment, or refused, by the loan's setting).
struct allocation {
  std::int64_t fees_minor = 0;
  std::int64_t interest_minor = 0;
  std::int64_t principal_minor = 0;
  std::int64_t excess_minor = 0;
  friend bool operator==(const allocation&, const allocation&) = default;
};

/// Applies `amount_minor` (> 0) to `due` in `order`; each part takes what it
/// can, the rest goes on; what is left is the excess. Σ parts = amount.
[[nodiscard]] allocation allocate(std::int64_t amount_minor, const amounts_due& due,
                                  allocation_order order);

enum class delinquency : std::uint8_t { current = 0, days_1_30 = 1, days_31_60 = 2,
                                        days_61_90 = 3, days_over_90 = 4 };

[[nodiscard]] std::string_view to_string(delinquency bucket);
[[nodiscard]] delinquency bucket_of(std::int64_t days_past_due);

} // namespace pfms
