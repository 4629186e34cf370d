#include "actors/social/group_codec.hpp"

#include "actors/runtime/codec_support.hpp"
#include "actors/runtime/writer_keys.hpp"
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

// The expense's text is sealed under its writer's key; an expense written
// before group text was sealed (no writer) keeps its plain text.
void fill(pb::ExpenseRecorded& m, const group_expense& e, const writer_keys& keys) {
  m.set_expense_id(e.expense_id);
  if (e.written_by.empty()) {
    m.set_description(e.description);
    m.set_category(e.category);
  } else {
    const auto& seal = keys.known(e.written_by);
    m.set_sealed_description(seal_text(seal, "description/" + e.expense_id, e.description));
    m.set_sealed_category(seal_text(seal, "category/" + e.expense_id, e.category));
    m.set_written_by(e.written_by);
  }
  m.set_amount_minor(e.amount_minor);
  m.set_currency(e.currency);
  m.set_occurred_at_us(e.occurred_at_us);
  put(e.paid, m.mutable_paid());
  put(e.owed, m.mutable_owed());
  m.set_method(std::string(to_string(e.method)));
}

std::string payload_of(const expense_recorded& r, const writer_keys& keys) {
  pb::ExpenseRecorded m;
  fill(m, r.expense, keys);
  return m.SerializeAsString();
}

std::string payload_of(const expense_edited& e, const writer_keys& keys) {
  pb::ExpenseEdited m;
  fill(*m.mutable_before(), e.before, keys);
  fill(*m.mutable_now(), e.now, keys);
  return m.SerializeAsString();
}

std::string payload_of(const participant_added& e, const writer_keys& keys) {
  pb::ParticipantAdded m;
  m.set_participant_id(e.participant_id);
  if (e.written_by.empty()) {
    m.set_name(e.name);
  } else {
    m.set_sealed_name(seal_text(keys.known(e.written_by), "name/" + e.participant_id, e.name));
    m.set_written_by(e.written_by);
  }
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

std::optional<group_expense> read(const pb::ExpenseRecorded& m, writer_keys& keys) {
  auto method = parse_split_method(m.method());
  auto description = writer_text(keys, m.written_by(), "description/" + m.expense_id(),
                             m.sealed_description(), m.description());
  auto category = writer_text(keys, m.written_by(), "category/" + m.expense_id(),
                          m.sealed_category(), m.category());
  if (!method || !description || !category || m.amount_minor() <= 0)
    return std::nullopt;
  return group_expense{m.expense_id(), std::move(*description), std::move(*category),
                       m.amount_minor(), m.currency(), m.occurred_at_us(), take(m.paid()),
                       take(m.owed()), 0, false, *method, m.written_by()};
}

result<group_event> decode_expense(const recorded_event& e, writer_keys& keys) {
  pb::ExpenseRecorded m;
  auto expense = m.ParseFromString(e.payload) ? read(m, keys) : std::nullopt;
  if (!expense)
    return undecodable(e);
  return group_event{expense_recorded{std::move(*expense)}};
}

result<group_event> decode_edited(const recorded_event& e, writer_keys& keys) {
  pb::ExpenseEdited m;
  const bool parsed = m.ParseFromString(e.payload) && m.has_before() && m.has_now();
  auto before = parsed ? read(m.before(), keys) : std::nullopt;
  auto now = parsed ? read(m.now(), keys) : std::nullopt;
  if (!before || !now)
    return undecodable(e);
  return group_event{expense_edited{std::move(*before), std::move(*now)}};
}

result<group_event> decode_participant(const recorded_event& e, writer_keys& keys) {
  pb::ParticipantAdded m;
  auto name = m.ParseFromString(e.payload)
                ? writer_text(keys, m.written_by(), "name/" + m.participant_id(), m.sealed_name(),
                          m.name())
                : std::nullopt;
  if (!name)
    return undecodable(e);
  return group_event{participant_added{m.participant_id(), std::move(*name), m.written_by()}};
}

} // namespace

std::string group_stream(std::string_view group_id) {
  return "group-" + std::string(group_id);
}

new_event encode_group_event(const group_event& event, event_metadata meta,
                             const writer_keys& keys) {
  return std::visit(
    [&](const auto& e) {
      if constexpr (requires { payload_of(e, keys); })
        return actors::internal::stored_event(type_of(e), payload_of(e, keys), std::move(meta));
      else
        return actors::internal::stored_event(type_of(e), payload_of(e), std::move(meta));
    },
    event);
}

namespace {

// An edit carries the earlier text (its writer's key read, which may be
// gone) and the text now: new text is the editor's (key created); text kept
// stays its writer's.
status prepare_edit(const expense_edited& d, writer_keys& keys, event_store& store) {
  for (const auto* text : {&d.before, &d.now}) {
    if (text->written_by.empty())
      continue;
    if (text == &d.now && d.now.written_by != d.before.written_by) {
      if (auto ready = keys.prepare(store, text->written_by); !ready)
        return ready;
    } else if (auto seal = keys.of(text->written_by); !seal) {
      return seal.error();
    }
  }
  return done{};
}

} // namespace

status prepare_text_keys(const std::vector<group_event>& events, writer_keys& keys,
                         event_store& store) {
  for (const auto& event : events) {
    status ready = done{};
    if (const auto* r = std::get_if<expense_recorded>(&event))
      ready = keys.prepare(store, r->expense.written_by);
    else if (const auto* p = std::get_if<participant_added>(&event))
      ready = keys.prepare(store, p->written_by);
    else if (const auto* d = std::get_if<expense_edited>(&event))
      ready = prepare_edit(*d, keys, store);
    if (!ready)
      return ready;
  }
  return done{};
}

result<group_event> decode_group_event(const recorded_event& e, writer_keys& keys) {
  if (e.type == "ExpenseRecorded")
    return decode_expense(e, keys);
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
    return decode_edited(e, keys);
  if (e.type == "ParticipantAdded")
    return decode_participant(e, keys);
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
