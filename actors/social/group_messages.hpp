#pragma once

// The CAF message types of groups: commands (group_core.hpp) with their
// `inspect`, replies, and the typed interface of the group actor and its
// directory. Every type can cross the wire to another node.

#include "actors/ledger/account_messages.hpp"
#include "actors/social/core/group_balances.hpp"
#include "actors/social/core/group_core.hpp"
#include "events/message_declaration.hpp"


namespace pfms {

struct group_member_view {
  std::string user_id;
  std::string status; ///< invited, active, left
  std::string role;   ///< owner, member, participant (named, not a pfms user)
  std::string name;   ///< a participant's name
};

/// A group as its members see it.
struct group_view {
  std::string group_id;
  std::string name;
  std::string currency;
  std::vector<group_member_view> members;
  std::uint64_t version = 0;
  bool archived = false;
};

struct expense_view {
  std::string group_id;
  group_expense expense;
  std::uint64_t version = 0;
};

struct settlement_view {
  std::string group_id;
  group_settlement settlement;
  std::uint64_t version = 0;
};

/// The group, or its balances, for `caller_id` (a member; else group_not_found).
struct group_query {
  std::string group_id;
  std::string caller_id;
};
struct group_balances_query {
  std::string group_id;
  std::string caller_id;
};

using group_actor = caf::typed_actor<
  caf::replies_to<create_group, command_context>::with<group_view>,
  caf::replies_to<invite_member, command_context>::with<group_view>,
  caf::replies_to<join_group, command_context>::with<group_view>,
  caf::replies_to<leave_group, command_context>::with<group_view>,
  caf::replies_to<record_group_expense, command_context>::with<expense_view>,
  caf::replies_to<delete_group_expense, command_context>::with<expense_view>,
  caf::replies_to<record_settlement, command_context>::with<settlement_view>,
  caf::replies_to<edit_group_expense, command_context>::with<expense_view>,
  caf::replies_to<add_participant, command_context>::with<group_view>,
  caf::replies_to<remove_member, command_context>::with<group_view>,
  caf::replies_to<archive_group, command_context>::with<group_view>,
  caf::replies_to<group_query>::with<group_view>,
  caf::replies_to<group_balances_query>::with<group_balances>>;

PFMS_MESSAGE(member_amount);
PFMS_MESSAGE(split_part);
PFMS_MESSAGE(create_group);
PFMS_MESSAGE(invite_member);
PFMS_MESSAGE(join_group);
PFMS_MESSAGE(leave_group);
PFMS_MESSAGE(record_group_expense);
PFMS_MESSAGE(edit_group_expense);
PFMS_MESSAGE(add_participant);
PFMS_MESSAGE(remove_member);
PFMS_MESSAGE(archive_group);
PFMS_MESSAGE(delete_group_expense);
PFMS_MESSAGE(record_settlement);
PFMS_MESSAGE(group_member_view);
PFMS_MESSAGE(group_view);
PFMS_MESSAGE(group_member);
PFMS_MESSAGE(group_expense);
PFMS_MESSAGE(group_settlement);
PFMS_MESSAGE(group_state);
PFMS_MESSAGE(expense_view);
PFMS_MESSAGE(settlement_view);
PFMS_MESSAGE(group_query);
PFMS_MESSAGE(group_balances_query);
PFMS_MESSAGE(payment);
PFMS_MESSAGE(balance_entry);
PFMS_MESSAGE(member_balance);
PFMS_MESSAGE(explained_payment);
PFMS_MESSAGE(currency_payment);
PFMS_MESSAGE(group_balances);

} // namespace pfms
