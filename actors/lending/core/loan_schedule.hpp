#pragma once

// A loan's repayment schedule from its terms. Pure; integer arithmetic only.
//
// Rounding rule (docs/architecture.md, "Loans"): each period's interest is the
// balance times the period's rate, rounded half up to the minor unit; the
// annuity payment is P·r / (1 − (1 + r)^−n) computed in 10^18 fixed point and
// rounded half up; the last installment takes whatever principal is left, so
// the principal repaid sums exactly to the principal.

#include "events/civil_date.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace pfms {

enum class schedule_type : std::uint8_t { annuity = 1, equal_principal = 2, interest_only = 3 };
enum class day_count : std::uint8_t { thirty_360 = 1, actual_365 = 2 };

[[nodiscard]] result<schedule_type> parse_schedule_type(std::string_view text);
[[nodiscard]] result<day_count> parse_day_count(std::string_view text);

/// The same day `months` later, clamped to the month's last day (Jan 31 + 1 → Feb 28/29).
[[nodiscard]] civil_date add_months(const civil_date& d, int months);

inline constexpr std::int64_t loan_principal_max = 1'000'000'000'000'000; // 10^15 minor units
inline constexpr int loan_term_months_max = 600;
inline constexpr int loan_rate_bps_max = 100'000; // 1000 % a year

struct loan_terms {
  std::int64_t principal_minor = 0;
  int annual_rate_bps = 0;
  int term_months = 0;
  schedule_type type = schedule_type::annuity;
  day_count basis = day_count::thirty_360;
  civil_date start;     ///< disbursement: actual/365 counts the first period's days from here
  civil_date first_due; ///< then monthly
};

struct installment {
  civil_date due;
  std::int64_t principal_minor = 0;
  std::int64_t interest_minor = 0;
  std::int64_t total_minor = 0;
  std::int64_t balance_after_minor = 0;
  friend bool operator==(const installment&, const installment&) = default;
};

/// The installments of `terms`; `loan_errc::invalid_loan_terms` when the
/// principal, rate, term or dates are out of range.
[[nodiscard]] result<std::vector<installment>> build_schedule(const loan_terms& terms);

/// After a prepayment, the borrower's choice: keep the installment and end
/// sooner, or keep the end and pay less each time.
enum class prepayment_mode : std::uint8_t { reduce_term = 1, reduce_installment = 2 };

/// A change to the schedule from the loan's history. Each takes effect on a
/// period boundary, so an installment already (partly) paid never changes:
///  - prepayment: lowers the balance after the installment that ends the
///    period `on` falls in (the first due date after `on`); the later
///    installments are re-planned by `mode`;
///  - rate_change: the periods that start on or after `on` run at `rate_bps`;
///    an annuity's installment is re-planned over the remaining periods;
///  - payoff: the period `on` falls in ends at `on` with `interest_minor`
///    (or, when negative, the interest accrued from the period's start to
///    `on`) and the whole balance; the schedule ends there.
struct loan_adjustment {
  enum class kind : std::uint8_t { prepayment = 1, rate_change = 2, payoff = 3 };
  kind what = kind::prepayment;
  civil_date on;
  std::int64_t amount_minor = 0; ///< prepayment
  int rate_bps = 0;              ///< rate_change
  prepayment_mode mode = prepayment_mode::reduce_term;
  std::int64_t interest_minor = -1; ///< payoff
  friend bool operator==(const loan_adjustment&, const loan_adjustment&) = default;
};

/// The installments of `terms` after `adjustments` (in the order they were
/// made; dates never go back). Each prepayment must fit the balance it
/// lowers (asserted). Σ principal + Σ prepayments = the principal.
[[nodiscard]] result<std::vector<installment>>
derive_schedule(const loan_terms& terms, const std::vector<loan_adjustment>& adjustments);

/// Interest on `balance` at `rate_bps` from `from` to `to` under `basis`,
/// rounded half up: 30/360 counts 30E/360 days, actual/365 calendar days.
[[nodiscard]] std::int64_t interest_between(day_count basis, std::int64_t balance, int rate_bps,
                                            const civil_date& from, const civil_date& to);

/// The level annuity payment for `principal` at `rate_bps` a year over
/// `months` monthly periods (30/360), rounded half up.
[[nodiscard]] std::int64_t annuity_payment(std::int64_t principal, int rate_bps, int months);

} // namespace pfms
