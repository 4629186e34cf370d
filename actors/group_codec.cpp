#include "actors/group_codec.hpp"

#include "actors/internal/codec_support.hpp"
#include "events/proto/group.pb.h"
#include "events/store_error.hpp"

namespace pfms {

namespace {

using actors::internal::undecodable;

template <class List>
void put(const std::vector<member_amount>& from, List* to) {
  for (const auto& m : from) {
    auto* out = to->Add();
    out->set_user_id(m.user_id);
    out->set_amount_minor(m.amount_minor);
  }
}

template <class List>
std::vector<member_amount> take(const List& from) {
  std::vector<member_amount> out;
  for (const auto& m : from)
    out.push_back({m.user_id(), m.amount_minor()});
  return out;
}

std::string payload_of(const group_created& e) {
  pb::GroupCreated m;
  m.set_group_id(e.group_id);
  m.set_name(e.name);
  m.set_currency(e.currency);
  m.set_owner_id(e.owner_id);
  return m.SerializeAsString();
}

std::string payload_of(const member_invited& e) {
  pb::MemberInvited m;
  m.set_user_id(e.user_id);
  m.set_invited_by(e.invited_by);
  return m.SerializeAsString();
}

template <class Message, class Event>
std::string user_only(const Event& e) {
  Message m;
  m.set_user_id(e.user_id);
  return m.SerializeAsString();
}

std::string payload_of(const member_joined& e) { return user_only<pb::MemberJoined>(e); }
std::string payload_of(const member_left& e) { return user_only<pb::MemberLeft>(e); }

void fill(pb::ExpenseRecorded& m, const group_expense& e) {
  m.set_expense_id(e.expense_id);
  m.set_description(e.description);
  m.set_category(e.category);
  m.set_amount_minor(e.amount_minor);
  m.set_currency(e.currency);
  m.set_occurred_at_us(e.occurred_at_us);
  put(e.paid, m.mutable_paid());
  put(e.owed, m.mutable_owed());
  m.set_method(std::string(to_string(e.method)));
}

std::string payload_of(const expense_recorded& r) {
  pb::ExpenseRecorded m;
  fill(m, r.expense);
  return m.SerializeAsString();
}

std::string payload_of(const expense_edited& e) {
  pb::ExpenseEdited m;
  fill(*m.mutable_before(), e.before);
  fill(*m.mutable_now(), e.now);
  return m.SerializeAsString();
}

std::string payload_of(const participant_added& e) {
  pb::ParticipantAdded m;
  m.set_participant_id(e.participant_id);
  m.set_name(e.name);
  return m.SerializeAsString();
}

std::string payload_of(const member_removed& e) {
  pb::MemberRemoved m;
  m.set_user_id(e.user_id);
  m.set_removed_by(e.removed_by);
  return m.SerializeAsString();
}

std::string payload_of(const group_archived&) {
  return pb::GroupArchived().SerializeAsString();
}

std::string payload_of(const expense_deleted& e) {
  pb::ExpenseDeleted m;
  m.set_expense_id(e.expense_id);
  return m.SerializeAsString();
}

std::string payload_of(const settlement_recorded& r) {
  const auto& t = r.settlement;
  pb::SettlementRecorded m;
  m.set_settlement_id(t.settlement_id);
  m.set_from_user_id(t.from);
  m.set_to_user_id(t.to);
  m.set_amount_minor(t.amount_minor);
  m.set_currency(t.currency);
  m.set_transfer_id(t.transfer_id);
  return m.SerializeAsString();
}

const char* type_of(const group_created&) { return "GroupCreated"; }
const char* type_of(const member_invited&) { return "MemberInvited"; }
const char* type_of(const member_joined&) { return "MemberJoined"; }
const char* type_of(const member_left&) { return "MemberLeft"; }
const char* type_of(const expense_recorded&) { return "ExpenseRecorded"; }
const char* type_of(const expense_deleted&) { return "ExpenseDeleted"; }
const char* type_of(const settlement_recorded&) { return "SettlementRecorded"; }
const char* type_of(const expense_edited&) { return "ExpenseEdited"; }
const char* type_of(const participant_added&) { return "ParticipantAdded"; }
const char* type_of(const member_removed&) { return "MemberRemoved"; }
const char* type_of(const group_archived&) { return "GroupArchived"; }

// Parses `e`'s payload as `Message` and makes the event with `make`.
template <class Message, class Make>
result<group_event> parse(const recorded_event& e, Make make) {
  Message m;
  if (!m.ParseFromString(e.payload))
    return undecodable(e);
  return group_event{make(m)};
}

std::optional<group_expense> read(const pb::ExpenseRecorded& m) {
  auto method = parse_split_method(m.method());
  if (!method || m.amount_minor() <= 0)
    return std::nullopt;
  return group_expense{m.expense_id(), m.description(), m.category(), m.amount_minor(),
                       m.currency(), m.occurred_at_us(), take(m.paid()), take(m.owed()), 0,
                       false, *method};
}

result<group_event> decode_expense(const recorded_event& e) {
  pb::ExpenseRecorded m;
  auto expense = m.ParseFromString(e.payload) ? read(m) : std::nullopt;
  if (!expense)
    return undecodable(e);
  return group_event{expense_recorded{std::move(*expense)}};
}

result<group_event> decode_edited(const recorded_event& e) {
  pb::ExpenseEdited m;
  const bool parsed = m.ParseFromString(e.payload) && m.has_before() && m.has_now();
  auto before = parsed ? read(m.before()) : std::nullopt;
  auto now = parsed ? read(m.now()) : std::nullopt;
  if (!before || !now)
    return undecodable(e);
  return group_event{expense_edited{std::move(*before), std::move(*now)}};
}

} // namespace

std::string group_stream(std::string_view group_id) {
  return "group-" + std::string(group_id);
}

new_event encode_group_event(const group_event& event, event_metadata meta) {
  return std::visit(
    [&](const auto& e) {
      return actors::internal::stored_event(type_of(e), payload_of(e), std::move(meta));
    },
    event);
}

result<group_event> decode_group_event(const recorded_event& e) {
  if (e.type == "ExpenseRecorded")
    return decode_expense(e);
  if (e.type == "GroupCreated")
    return parse<pb::GroupCreated>(e, [](const auto& m) {
      return group_created{m.group_id(), m.name(), m.currency(), m.owner_id()};
    });
  if (e.type == "MemberInvited")
    return parse<pb::MemberInvited>(
      e, [](const auto& m) { return member_invited{m.user_id(), m.invited_by()}; });
  if (e.type == "MemberJoined")
    return parse<pb::MemberJoined>(e, [](const auto& m) { return member_joined{m.user_id()}; });
  if (e.type == "MemberLeft")
    return parse<pb::MemberLeft>(e, [](const auto& m) { return member_left{m.user_id()}; });
  if (e.type == "ExpenseDeleted")
    return parse<pb::ExpenseDeleted>(
      e, [](const auto& m) { return expense_deleted{m.expense_id()}; });
  if (e.type == "ExpenseEdited")
    return decode_edited(e);
  if (e.type == "ParticipantAdded")
    return parse<pb::ParticipantAdded>(e, [](const auto& m) {
      return participant_added{m.participant_id(), m.name()};
    });
  if (e.type == "MemberRemoved")
    return parse<pb::MemberRemoved>(
      e, [](const auto& m) { return member_removed{m.user_id(), m.removed_by()}; });
  if (e.type == "GroupArchived")
    return group_event{group_archived{}};
  if (e.type == "SettlementRecorded")
    return parse<pb::SettlementRecorded>(e, [](const auto& m) {
      return settlement_recorded{group_settlement{m.settlement_id(), m.from_user_id(),
                                                  m.to_user_id(), m.amount_minor(),
                                                  m.currency(), 0, m.transfer_id()}};
    });
  return undecodable(e);
}

} // namespace pfms
