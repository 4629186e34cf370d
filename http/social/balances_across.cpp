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

void gather_debts(const group_gateway& groups, const std::string& caller,
                  std::function<void(result<debts_across>)> done) {
  groups.groups_of(caller, [&groups, caller, done](result<std::vector<group_index_row>> rows) {
    if (!rows)
      return done(rows.error());
    std::vector<std::string> active;
    for (const auto& r : *rows)
      if (r.status == "active")
        active.push_back(r.group_id);
    groups.gather_balances(caller, std::move(active), [caller, done](group_gateway::gathered answers) {
      debts_across out;
      for (const auto& [group, answer] : answers) {
        if (!answer && is(answer.error(), group_errc::amount_overflow))
          return done(answer.error()); // one group's own debts leave int64
        if (!answer)
          out.missing_groups.push_back(group);
        else if (auto added = add_group_debts(caller, group, *answer, out.totals); !added)
          return done(added.error());
      }
      done(std::move(out));
    });
  });
}

} // namespace pfms
