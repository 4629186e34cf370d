#include "actors/lending/core/loan_rules.hpp"

#include <algorithm>
#include <array>

namespace pfms {

allocation allocate(std::int64_t amount_minor, const amounts_due& due, allocation_order order) {
  allocation out;
  std::int64_t left = amount_minor;
  auto take = [&](std::int64_t owed, std::int64_t& part) {
    part = std::clamp<std::int64_t>(owed, 0, left);
    left -= part;
  };
  if (order == allocation_order::fees_interest_principal) {
    take(due.fees_minor, out.fees_minor);
    take(due.interest_minor, out.interest_minor);
  } else {
    take(due.interest_minor, out.interest_minor);
    take(due.fees_minor, out.fees_minor);
  }
  take(due.principal_minor, out.principal_minor);
  out.excess_minor = left;
  return out;
}

std::string_view to_string(delinquency bucket) {
  static constexpr std::array<std::string_view, 5> names{"current", "1-30", "31-60", "61-90",
                                                         "90+"};
  return names[static_cast<std::size_t>(bucket)];
}

delinquency bucket_of(std::int64_t days_past_due) {
  if (days_past_due <= 0)
    return delinquency::current;
  if (days_past_due <= 30)
    return delinquency::days_1_30;
  if (days_past_due <= 60)
    return delinquency::days_31_60;
  if (days_past_due <= 90)
    return delinquency::days_61_90;
  return delinquency::days_over_90;
}

} // namespace pfms
