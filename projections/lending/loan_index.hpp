#pragma once

// Which loans each user is a party to, and which loans are active, in the
// balance read model's family:
//   "ln:" ‖ user id ‖ 0x00 ‖ loan id → "lender" or "borrower"   (from LoanOriginated)
//   "la:" ‖ loan id → ""   while the loan is disbursed and not paid off, written off or
//                          closed, or its disbursement's transfer runs (requested, not failed)
// The active index is what a starting node wakes (due-date timers, disbursement sagas).

#include "events/event_store.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"

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

/// Up to `limit` loans of `user_id` with an id after `after`, in loan id order.
[[nodiscard]] result<std::vector<loan_index_row>>
loans_of(const event_store& store, std::string_view family, const std::string& user_id,
         const std::string& after, std::size_t limit);

/// Up to `limit` active loans with an id after `after`, in id order.
[[nodiscard]] result<std::vector<std::string>>
active_loans(const event_store& store, std::string_view family, const std::string& after,
             std::size_t limit);

} // namespace pfms
