#pragma once

// What a group's members owe each other: balances per currency, the fewest
// payments that settle them, each explained by the entries behind it, and
// the original pairwise debts. Pure; computed from the group's state.

#include "actors/social/core/debt_simplifier.hpp"
#include "actors/social/core/group_core.hpp"

#include <string>
#include <vector>

namespace pfms {

/// An expense or settlement and what it did to one member's balance.
struct balance_entry {
  std::string entry_id;
  std::string kind; ///< "expense" or "settlement"
  std::string description;
  std::int64_t delta_minor = 0;
  friend bool operator==(const balance_entry&, const balance_entry&) = default;
};

struct member_balance {
  std::string user_id;
  std::string currency;
  std::int64_t balance_minor = 0; ///< positive: is owed
  friend bool operator==(const member_balance&, const member_balance&) = default;
};

/// A payment with its currency and why: the latest entries (at most
/// explanation_entries_max each) that made the payer owe and the payee be owed.
struct explained_payment {
  payment pay;
  std::string currency;
  std::vector<balance_entry> from_entries;
  std::vector<balance_entry> to_entries;
};

struct currency_payment {
  payment pay;
  std::string currency;
  friend bool operator==(const currency_payment&, const currency_payment&) = default;
};

inline constexpr std::size_t explanation_entries_max = 20;

struct group_balances {
  std::vector<member_balance> balances;       ///< nonzero ones, by currency then member order
  std::vector<explained_payment> simplified;  ///< per currency (simplify_debts)
  /// who owes whom before simplification: netted per pair, with cycles of
  /// debts taken out (so their sums per member are the balances, and a
  /// settled group has none)
  std::vector<currency_payment> pairwise;
};

/// The balances, simplified debts and pairwise debts of `s`.
[[nodiscard]] result<group_balances> balances_of(const group_state& s);

} // namespace pfms
