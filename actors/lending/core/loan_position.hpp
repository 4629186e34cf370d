#pragma once

// What a loan's state means on a given day: what is due, what is payable,
// what paying it off takes, how late it is. Pure; derived from loan_state.
//
// Repayments pay installments oldest first. What was paid of interest and of
// principal covers the schedule's installments in order (each pool on its
// own), so an installment is paid when both pools reach past it.

#include "actors/lending/core/loan_core.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace pfms {

/// How much of each installment the repayments cover.
struct installment_cover {
  std::int64_t interest_paid_minor = 0;
  std::int64_t principal_paid_minor = 0;
  [[nodiscard]] bool paid(const installment& i) const {
    return interest_paid_minor == i.interest_minor && principal_paid_minor == i.principal_minor;
  }
};

/// One cover per installment of `s.schedule`.
[[nodiscard]] std::vector<installment_cover> covers_of(const loan_state& s);

/// What a repayment on `on` may pay: fees and the installments due by `on`
/// (overdue), then the next installment (paid ahead); interest and principal apart.
struct loan_payable {
  std::int64_t fees_minor = 0;
  std::int64_t due_interest_minor = 0;
  std::int64_t due_principal_minor = 0;
  std::int64_t next_interest_minor = 0;
  std::int64_t next_principal_minor = 0;
  int next_installment = 0; ///< 0-based index of the first installment due after `on`
  [[nodiscard]] std::int64_t overdue_minor() const {
    return fees_minor + due_interest_minor + due_principal_minor;
  }
};
[[nodiscard]] loan_payable payable_on(const loan_state& s, const civil_date& on);

/// What paying the loan off on `on` takes: fees, interest (installments due
/// and the current period's interest up to `on`, but never less than what was
/// already paid of it), principal.
struct payoff_quote {
  civil_date on;
  std::int64_t fees_minor = 0;
  std::int64_t interest_minor = 0;
  std::int64_t principal_minor = 0;
  std::int64_t total_minor = 0;
  std::int64_t final_interest_minor = 0; ///< the interest of the period ending `on`
  bool ends_period = false;              ///< `on` falls inside a period (a payoff row)
};
[[nodiscard]] payoff_quote quote_on(const loan_state& s, const civil_date& on);

/// Principal not yet repaid (by installments or ahead of them).
[[nodiscard]] std::int64_t principal_outstanding(const loan_state& s);
/// Fees charged and not yet paid.
[[nodiscard]] std::int64_t fees_outstanding(const loan_state& s);

/// Days since the oldest unpaid installment fell due, as of `today` (0 when
/// none is overdue or the loan is not active).
[[nodiscard]] std::int64_t days_overdue(const loan_state& s, const civil_date& today);

/// The next day a late fee falls due under the policy (the oldest installment
/// not fully paid and without a fee: the day after its due date plus the grace days), if any.
[[nodiscard]] std::optional<civil_date> next_fee_day(const loan_state& s);

/// The UTC calendar day of `us` microseconds since the epoch.
[[nodiscard]] civil_date civil_day_of(std::int64_t us);

} // namespace pfms
