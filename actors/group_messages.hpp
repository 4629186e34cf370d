#pragma once

// The CAF message types of groups: commands (group_core.hpp) with their
// `inspect`, replies, and the typed interface of the group actor and its
// directory. Every type can cross the wire to another node.

#include "actors/group_balances.hpp"
#include "actors/group_core.hpp"
#include "actors/messages.hpp"

#include <caf/meta/type_name.hpp>

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

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, member_amount& x) {
  return f(caf::meta::type_name("member_amount"), x.user_id, x.amount_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, split_part& x) {
  return f(caf::meta::type_name("split_part"), x.user_id, x.value);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, create_group& x) {
  return f(caf::meta::type_name("create_group"), x.group_id, x.name, x.currency, x.caller_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, invite_member& x) {
  return f(caf::meta::type_name("invite_member"), x.group_id, x.caller_id, x.user_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, join_group& x) {
  return f(caf::meta::type_name("join_group"), x.group_id, x.caller_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, leave_group& x) {
  return f(caf::meta::type_name("leave_group"), x.group_id, x.caller_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, record_group_expense& x) {
  return f(caf::meta::type_name("record_group_expense"), x.group_id, x.caller_id, x.expense_id,
           x.amount_minor, x.currency, x.description, x.category, x.occurred_at_us, x.paid,
           x.method, x.parts);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, edit_group_expense& x) {
  return f(caf::meta::type_name("edit_group_expense"), x.content);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, add_participant& x) {
  return f(caf::meta::type_name("add_participant"), x.group_id, x.caller_id, x.participant_id,
           x.name);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, remove_member& x) {
  return f(caf::meta::type_name("remove_member"), x.group_id, x.caller_id, x.user_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, archive_group& x) {
  return f(caf::meta::type_name("archive_group"), x.group_id, x.caller_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, delete_group_expense& x) {
  return f(caf::meta::type_name("delete_group_expense"), x.group_id, x.caller_id, x.expense_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, record_settlement& x) {
  return f(caf::meta::type_name("record_settlement"), x.group_id, x.caller_id, x.settlement_id,
           x.from, x.to, x.amount_minor, x.currency, x.transfer_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, group_member_view& x) {
  return f(caf::meta::type_name("group_member_view"), x.user_id, x.status, x.role, x.name);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, group_view& x) {
  return f(caf::meta::type_name("group_view"), x.group_id, x.name, x.currency, x.members,
           x.version, x.archived);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, group_expense& x) {
  return f(caf::meta::type_name("group_expense"), x.expense_id, x.description, x.category,
           x.amount_minor, x.currency, x.occurred_at_us, x.paid, x.owed, x.sequence, x.deleted,
           x.method, x.written_by);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, group_settlement& x) {
  return f(caf::meta::type_name("group_settlement"), x.settlement_id, x.from, x.to,
           x.amount_minor, x.currency, x.sequence, x.transfer_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, expense_view& x) {
  return f(caf::meta::type_name("expense_view"), x.group_id, x.expense, x.version);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, settlement_view& x) {
  return f(caf::meta::type_name("settlement_view"), x.group_id, x.settlement, x.version);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, group_query& x) {
  return f(caf::meta::type_name("group_query"), x.group_id, x.caller_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, group_balances_query& x) {
  return f(caf::meta::type_name("group_balances_query"), x.group_id, x.caller_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, payment& x) {
  return f(caf::meta::type_name("payment"), x.from, x.to, x.amount_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, balance_entry& x) {
  return f(caf::meta::type_name("balance_entry"), x.entry_id, x.kind, x.description,
           x.delta_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, member_balance& x) {
  return f(caf::meta::type_name("member_balance"), x.user_id, x.currency, x.balance_minor);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, explained_payment& x) {
  return f(caf::meta::type_name("explained_payment"), x.pay, x.currency, x.from_entries,
           x.to_entries);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, currency_payment& x) {
  return f(caf::meta::type_name("currency_payment"), x.pay, x.currency);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, group_balances& x) {
  return f(caf::meta::type_name("group_balances"), x.balances, x.simplified, x.pairwise);
}

} // namespace pfms
