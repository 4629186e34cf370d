#include "actors/social/group_codec.hpp"

#include "actors/runtime/codec_support.hpp"
#include "actors/runtime/event_codec.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "events/proto/group.pb.h"
#include "events/store_error.hpp"

namespace pfms {

namespace {

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

std::string payload_of(const group_created& e, const writer_keys&) {
  pb::GroupCreated m;
  m.set_group_id(e.group_id);
  m.set_name(e.name);
  m.set_currency(e.currency);
  m.set_owner_id(e.owner_id);
  return m.SerializeAsString();
}

std::string payload_of(const member_invited& e, const writer_keys&) {
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

std::string payload_of(const member_joined& e, const writer_keys&) {
  return user_only<pb::MemberJoined>(e);
}
std::string payload_of(const member_left& e, const writer_keys&) {
  return user_only<pb::MemberLeft>(e);
}

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

std::string payload_of(const member_removed& e, const writer_keys&) {
  pb::MemberRemoved m;
  m.set_user_id(e.user_id);
  m.set_removed_by(e.removed_by);
  return m.SerializeAsString();
}

std::string payload_of(const group_archived&, const writer_keys&) {
  return pb::GroupArchived().SerializeAsString();
}

std::string payload_of(const expense_deleted& e, const writer_keys&) {
  pb::ExpenseDeleted m;
  m.set_expense_id(e.expense_id);
  return m.SerializeAsString();
}

std::string payload_of(const settlement_recorded& r, const writer_keys&) {
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


std::optional<group_expense> read_expense(const pb::ExpenseRecorded& m, writer_keys& keys) {
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

std::optional<group_event> read(const pb::ExpenseEdited& m, writer_keys& keys) {
  auto before = m.has_before() ? read_expense(m.before(), keys) : std::nullopt;
  auto now = m.has_now() ? read_expense(m.now(), keys) : std::nullopt;
  if (!before || !now)
    return std::nullopt;
  return expense_edited{std::move(*before), std::move(*now)};
}

std::optional<group_event> read(const pb::ParticipantAdded& m, writer_keys& keys) {
  auto name = writer_text(keys, m.written_by(), "name/" + m.participant_id(), m.sealed_name(),
                          m.name());
  if (!name)
    return std::nullopt;
  return participant_added{m.participant_id(), std::move(*name), m.written_by()};
}

std::optional<group_event> read(const pb::ExpenseRecorded& m, writer_keys& keys) {
  auto expense = read_expense(m, keys);
  if (!expense)
    return std::nullopt;
  return expense_recorded{std::move(*expense)};
}

group_event read(const pb::GroupCreated& m, writer_keys&) {
  return group_created{m.group_id(), m.name(), m.currency(), m.owner_id()};
}
group_event read(const pb::MemberInvited& m, writer_keys&) {
  return member_invited{m.user_id(), m.invited_by()};
}
group_event read(const pb::MemberJoined& m, writer_keys&) { return member_joined{m.user_id()}; }
group_event read(const pb::MemberLeft& m, writer_keys&) { return member_left{m.user_id()}; }
group_event read(const pb::ExpenseDeleted& m, writer_keys&) {
  return expense_deleted{m.expense_id()};
}
group_event read(const pb::MemberRemoved& m, writer_keys&) {
  return member_removed{m.user_id(), m.removed_by()};
}
group_event read(const pb::GroupArchived&, writer_keys&) { return group_archived{}; }
group_event read(const pb::SettlementRecorded& m, writer_keys&) {
  return settlement_recorded{group_settlement{m.settlement_id(), m.from_user_id(), m.to_user_id(),
                                              m.amount_minor(), m.currency(), 0,
                                              m.transfer_id()}};
}

using group_codec = runtime::event_codec<
  group_event, runtime::stored_as<"GroupCreated", group_created, pb::GroupCreated>,
  runtime::stored_as<"MemberInvited", member_invited, pb::MemberInvited>,
  runtime::stored_as<"MemberJoined", member_joined, pb::MemberJoined>,
  runtime::stored_as<"MemberLeft", member_left, pb::MemberLeft>,
  runtime::stored_as<"ExpenseRecorded", expense_recorded, pb::ExpenseRecorded>,
  runtime::stored_as<"ExpenseDeleted", expense_deleted, pb::ExpenseDeleted>,
  runtime::stored_as<"SettlementRecorded", settlement_recorded, pb::SettlementRecorded>,
  runtime::stored_as<"ExpenseEdited", expense_edited, pb::ExpenseEdited>,
  runtime::stored_as<"ParticipantAdded", participant_added, pb::ParticipantAdded>,
  runtime::stored_as<"MemberRemoved", member_removed, pb::MemberRemoved>,
  runtime::stored_as<"GroupArchived", group_archived, pb::GroupArchived>>;

} // namespace

std::string group_stream(std::string_view group_id) {
  return "group-" + std::string(group_id);
}

new_event encode_group_event(const group_event& event, event_metadata meta,
                             const writer_keys& keys) {
  return group_codec::encode(event, std::move(meta),
                             [&](const auto& e) { return payload_of(e, keys); });
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
  return group_codec::decode(e, [&](const auto& m) { return read(m, keys); });
}

} // namespace pfms
