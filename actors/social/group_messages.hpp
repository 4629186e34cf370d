#pragma once

// The CAF message types of groups: the typed interface of the group actor and
// its directory, made from the commands its core lists (group_core.hpp), and
// the queries. Every type can cross the wire to another node.

#include "actors/ledger/account_messages.hpp"
#include "actors/social/core/group_balances.hpp"
#include "actors/social/core/group_core.hpp"
#include "actors/runtime/command_handlers.hpp"
#include "events/message_declaration.hpp"

namespace pfms {

/// The group, or its balances, for `caller_id` (a member; else group_not_found).
struct group_query {
  std::string group_id;
  std::string caller_id;
};
struct group_balances_query {
  std::string group_id;
  std::string caller_id;
};
/// The group's expenses for `caller_id` (a member): one page in id order
/// (the order they were made) after `after`, or only `expense_id` when set
/// (then `expense_not_found` when the group has no such expense).
struct group_expenses_query {
  std::string group_id;
  std::string caller_id;
  std::string after = {};
  std::uint32_t limit = 50;
  bool include_deleted = false;
  std::string expense_id = {};
};
/// A page of expenses; `next` is the last id when more may follow, else "".
struct expense_page {
  std::string group_id;
  std::vector<group_expense> items;
  std::string next;
  std::uint64_t version = 0; ///< the group's
};

using group_actor =
  runtime::entity_interface<group_commands, caf::replies_to<group_query>::with<group_view>,
                            caf::replies_to<group_balances_query>::with<group_balances>,
                            caf::replies_to<group_expenses_query>::with<expense_page>>;

PFMS_MESSAGE(member_amount);
PFMS_MESSAGE(split_part);
PFMS_MESSAGE(group_member);
PFMS_MESSAGE(group_expense);
PFMS_MESSAGE(group_settlement);
PFMS_MESSAGE(group_state);
PFMS_MESSAGE(group_query);
PFMS_MESSAGE(group_balances_query);
PFMS_MESSAGE(group_expenses_query);
PFMS_MESSAGE(expense_page);
PFMS_MESSAGE(payment);
PFMS_MESSAGE(balance_entry);
PFMS_MESSAGE(member_balance);
PFMS_MESSAGE(explained_payment);
PFMS_MESSAGE(currency_payment);
PFMS_MESSAGE(group_balances);

} // namespace pfms
