#pragma once

// The group's pure core: members, shared expenses, settlements and the
// balances they leave, per currency. No I/O, no clock, no CAF.
//
//   invited ──join──► active ──leave (at a zero balance)──► left

#include "actors/social/core/group_split.hpp"
#include "events/clock.hpp"
#include "events/message_name.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace pfms {

inline constexpr std::size_t group_name_size_max = 100;
inline constexpr std::size_t group_members_max = 50;
inline constexpr std::size_t description_size_max = 200;
/// The largest amount one expense or settlement may carry (10^15 minor units).
inline constexpr std::int64_t group_amount_max = 1'000'000'000'000'000;

enum class member_status : std::uint8_t { invited = 1, active = 2, left = 3 };

struct group_member {
  std::string user_id;   ///< a pfms user, or a participant id ("p-…") for a named non-user
  member_status status = member_status::invited;
  bool owner = false;
  std::string name = {}; ///< a named participant's name; empty for users
  friend bool operator==(const group_member&, const group_member&) = default;
};

/// An expense as the group holds it: who paid what and who owes what.
struct group_expense {
  std::string expense_id;
  std::string description;
  std::string category;
  std::int64_t amount_minor = 0;
  std::string currency;
  time_us occurred_at_us = 0;
  std::vector<member_amount> paid;
  std::vector<member_amount> owed; ///< the split, computed once when recorded
  std::uint64_t sequence = 0;      ///< the group version that recorded it
  bool deleted = false;
  split_method method = split_method::equal; ///< how `owed` came about
  /// The member who wrote the description and category (whose key seals
  /// them); empty for expenses recorded before group text was sealed.
  std::string written_by = {};
  friend bool operator==(const group_expense&, const group_expense&) = default;
};

/// `from` paid `to` outside pfms (or by a ledger transfer).
struct group_settlement {
  std::string settlement_id;
  std::string from;
  std::string to;
  std::int64_t amount_minor = 0;
  std::string currency;
  std::uint64_t sequence = 0;
  std::string transfer_id = {}; ///< optional: the payer's ledger transfer it records
  friend bool operator==(const group_settlement&, const group_settlement&) = default;
};

/// A member as the group's view names it.
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

/// An expense as a write replies it.
struct expense_view {
  std::string group_id;
  group_expense expense;
  std::uint64_t version = 0;
};

/// A settlement as a write replies it.
struct settlement_view {
  std::string group_id;
  group_settlement settlement;
  std::uint64_t version = 0;
};

// Commands. The caller is the authenticated user; only active members act,
// except that an invitee joins. Each names the view its actor answers it with.
struct create_group {
  using reply = group_view;
  std::string group_id;
  std::string name;
  std::string currency;
  std::string caller_id;
};
struct invite_member {
  using reply = group_view;
  std::string group_id;
  std::string caller_id;
  std::string user_id;
};
struct join_group {
  using reply = group_view;
  std::string group_id;
  std::string caller_id;
};
struct leave_group {
  using reply = group_view;
  std::string group_id;
  std::string caller_id;
};
struct record_group_expense {
  using reply = expense_view;
  std::string group_id;
  std::string caller_id;
  std::string expense_id;
  std::int64_t amount_minor = 0;
  std::string currency;
  std::string description;
  std::string category;
  time_us occurred_at_us = 0;
  std::vector<member_amount> paid;
  split_method method = split_method::equal;
  std::vector<split_part> parts;
};
/// Replaces an expense's content (amount, payers, split, text): the new
/// split is computed as for a new expense; the old one stays in the history.
struct edit_group_expense {
  using reply = expense_view;
  record_group_expense content; ///< its expense_id names the expense to edit
};
/// A participant who is not a pfms user (split and pay like members, never act).
struct add_participant {
  using reply = group_view;
  std::string group_id;
  std::string caller_id;
  std::string participant_id; ///< "p-" + a fresh id
  std::string name;
};
/// The owner removes a member or participant who owes and is owed nothing.
struct remove_member {
  using reply = group_view;
  std::string group_id;
  std::string caller_id;
  std::string user_id;
};
/// The owner archives a settled group: it keeps its history and takes no more changes.
struct archive_group {
  using reply = group_view;
  std::string group_id;
  std::string caller_id;
};
struct delete_group_expense {
  using reply = expense_view;
  std::string group_id;
  std::string caller_id;
  std::string expense_id;
};
struct record_settlement {
  using reply = settlement_view;
  std::string group_id;
  std::string caller_id;
  std::string settlement_id;
  std::string from;
  std::string to;
  std::int64_t amount_minor = 0;
  std::string currency;
  std::string transfer_id = {}; ///< checked by the caller's front: the payer's completed transfer
};

PFMS_MESSAGE(group_member_view);
PFMS_MESSAGE(group_view);
PFMS_MESSAGE(expense_view);
PFMS_MESSAGE(settlement_view);
PFMS_MESSAGE(create_group);
PFMS_MESSAGE(invite_member);
PFMS_MESSAGE(join_group);
PFMS_MESSAGE(leave_group);
PFMS_MESSAGE(record_group_expense);
PFMS_MESSAGE(delete_group_expense);
PFMS_MESSAGE(record_settlement);
PFMS_MESSAGE(edit_group_expense);
PFMS_MESSAGE(add_participant);
PFMS_MESSAGE(remove_member);
PFMS_MESSAGE(archive_group);

/// The commands a group's actor answers, in its interface's order.
using group_commands =
  command_list<create_group, invite_member, join_group, leave_group, record_group_expense, delete_group_expense, record_settlement, edit_group_expense, add_participant, remove_member, archive_group>;

// Events.
struct group_created {
  std::string group_id;
  std::string name;
  std::string currency;
  std::string owner_id;
};
struct member_invited {
  std::string user_id;
  std::string invited_by;
};
struct member_joined {
  std::string user_id;
};
struct member_left {
  std::string user_id;
};
struct expense_recorded {
  group_expense expense; ///< its sequence is set by evolve
};
struct expense_deleted {
  std::string expense_id;
};
struct expense_edited {
  group_expense before; ///< as it was (read models and the activity feed show both)
  group_expense now;
};
struct participant_added {
  std::string participant_id;
  std::string name;
  std::string written_by = {}; ///< the member who added them (whose key seals the name)
};
struct member_removed {
  std::string user_id;
  std::string removed_by;
};
struct group_archived {};
struct settlement_recorded {
  group_settlement settlement;
};

using group_event = std::variant<group_created, member_invited, member_joined, member_left,
                                 expense_recorded, expense_deleted, settlement_recorded,
                                 expense_edited, participant_added, member_removed,
                                 group_archived>;

/// Balances of one currency: member → net (positive: is owed). Σ is always 0.
using currency_balances = std::map<std::string, std::int64_t>;

struct group_state {
  bool created = false;
  std::string group_id;
  std::string name;
  std::string currency; ///< the default for expenses
  std::uint64_t version = 0;
  std::vector<group_member> members; ///< in invitation order: the tie-break order
  std::map<std::string, group_expense> expenses;
  std::map<std::string, group_settlement> settlements;
  std::map<std::string, currency_balances> balances; ///< by currency
  bool archived = false;
  friend bool operator==(const group_state&, const group_state&) = default;
};

/// The member `user_id`, or null.
[[nodiscard]] const group_member* find_member(const group_state& s, const std::string& user_id);
/// Whether `user_id` is an active member (may see and change the group).
[[nodiscard]] bool is_active_member(const group_state& s, const std::string& user_id);

[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s, const create_group& c);
[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s, const invite_member& c);
[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s, const join_group& c);
[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s, const leave_group& c);
/// Splits the amount (group_split.hpp); no event again for the same expense.
[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s,
                                                      const record_group_expense& c);
[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s,
                                                      const delete_group_expense& c);
[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s,
                                                      const edit_group_expense& c);
[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s, const add_participant& c);
[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s, const remove_member& c);
[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s, const archive_group& c);
[[nodiscard]] result<std::vector<group_event>> decide(const group_state& s,
                                                      const record_settlement& c);

/// `s` after `e`; asserts that every currency's balances still sum to zero.
[[nodiscard]] group_state evolve(group_state s, const group_event& e);

} // namespace pfms
