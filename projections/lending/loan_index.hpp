#pragma once

// The loan index projection: which loans each user is a party to:
//   "ln:" ‖ user id ‖ 0x00 ‖ loan id → "lender" or "borrower"   (from LoanOriginated)
// (What a starting node must wake, due dates and disbursement sagas, is the
// loans' durable timers: actors/runtime/entity_timer.hpp.)

#include "events/event_store.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"
#include "projections/runtime/projection.hpp"

#include <string>
#include <vector>

namespace pfms {

struct loan_index_row {
  std::string loan_id;
  std::string role; ///< lender or borrower
  friend bool operator==(const loan_index_row&, const loan_index_row&) = default;
};

/// The index writes one loan event causes; `corrupt` when a LoanOriginated does not decode.
[[nodiscard]] result<std::vector<read_model_put>> loan_index_puts(const recorded_event& e);

/// The projection's fold: loan_index_puts of each event.
[[nodiscard]] result<std::vector<read_model_put>>
fold_loan_index(const event_store& store, std::string_view family,
                std::span<const recorded_event> events);

inline constexpr projection loan_index_projection{"loan_index", "rm_loan_index",
                                                  &fold_loan_index};

/// Up to `limit` loans of `user_id` with an id after `after`, in loan id
/// order; only those where the user is `role`, when it is not empty.
[[nodiscard]] result<std::vector<loan_index_row>>
loans_of(const event_store& store, std::string_view family, const std::string& user_id,
         const std::string& after, std::size_t limit, std::string_view role = {});

} // namespace pfms
