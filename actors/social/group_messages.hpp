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

using group_actor =
  runtime::entity_interface<group_commands, caf::replies_to<group_query>::with<group_view>,
                            caf::replies_to<group_balances_query>::with<group_balances>>;

PFMS_MESSAGE(member_amount);
PFMS_MESSAGE(split_part);
PFMS_MESSAGE(group_member);
PFMS_MESSAGE(group_expense);
PFMS_MESSAGE(group_settlement);
PFMS_MESSAGE(group_state);
PFMS_MESSAGE(group_query);
PFMS_MESSAGE(group_balances_query);
PFMS_MESSAGE(payment);
PFMS_MESSAGE(balance_entry);
PFMS_MESSAGE(member_balance);
PFMS_MESSAGE(explained_payment);
PFMS_MESSAGE(currency_payment);
PFMS_MESSAGE(group_balances);

} // namespace pfms
