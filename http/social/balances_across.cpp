#include "http/social/balances_across.hpp"

#include "actors/social/core/group_error.hpp"

namespace pfms {

failure totals_overflow() {
  return make_failure(group_errc::amount_overflow, "the balances across groups leave int64");
}

status add_group_debts(const std::string& caller, const std::string& group,
                       const group_balances& b, std::map<counterparty, owed_total>& totals) {
  for (const auto& d : b.pairwise) {
    const bool owes = d.pay.from == caller;
    if (!owes && d.pay.to != caller)
      continue;
    auto& total = totals[{owes ? d.pay.to : d.pay.from, d.currency}];
    const bool overflow =
      owes ? __builtin_sub_overflow(total.amount_minor, d.pay.amount_minor, &total.amount_minor)
           : __builtin_add_overflow(total.amount_minor, d.pay.amount_minor, &total.amount_minor);
    if (overflow)
      return totals_overflow();
    total.groups.push_back(group);
  }
  return done{};
}

} // namespace pfms
