// Text people write into shared entities, at rest: a group's descriptions,
// categories and participant names and a loan's named party, sealed under
// the key of the user who wrote them, opened as "[erased]" once that key is
// gone, and read as plain text from events written before they were sealed.

#include "actors/lending/loan_codec.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "actors/social/group_codec.hpp"
#include "events/proto/group.pb.h"
#include "events/store_error.hpp"
#include "tests/actors/runtime/scratch_store.hpp"

#include <doctest/doctest.h>

using namespace pfms;

namespace {

const std::string group_id = "01890000-0000-7000-8000-000000000001";

group_expense dinner(std::string writer, std::string description = "Luigi trattoria") {
  return group_expense{"e1", std::move(description), "quackdoctor_dinners", 900, "EUR", 0,
                       {{"u1", 900}}, {{"u1", 450}, {"u2", 450}}, 0, false, split_method::equal,
                       std::move(writer)};
}

// `event` as the store would hand it back.
recorded_event stored(const group_event& event, const writer_keys& keys) {
  auto e = encode_group_event(event, {"id", "u1", "corr", "cause"}, keys);
  recorded_event out;
  out.stream_id = group_stream(group_id);
  out.version = 1;
  out.type = e.type;
  out.payload = e.payload;
  return out;
}

template <class Event>
Event opened(const recorded_event& e, writer_keys& keys) {
  auto decoded = decode_group_event(e, keys);
  REQUIRE(decoded);
  REQUIRE(std::holds_alternative<Event>(*decoded));
  return std::get<Event>(*decoded);
}


} // namespace

TEST_CASE_FIXTURE(test::scratch_store, "group text is sealed under its writer's key, and erased with it") {
  writer_keys keys(*store, group_stream(group_id));
  const std::vector<group_event> events{expense_recorded{dinner("u1")},
                                        participant_added{"p-1", "Quentin Quux", "u1"},
                                        expense_recorded{dinner("u2", "Taxi")}};
  REQUIRE(prepare_text_keys(events, keys, *store));
  std::vector<recorded_event> at_rest;
  for (const auto& e : events)
    at_rest.push_back(stored(e, keys));
  for (const auto* plain : {"Luigi", "quackdoctor", "Quentin", "Taxi"})
    for (const auto& e : at_rest)
      CHECK(e.payload.find(plain) == std::string::npos);

  writer_keys reading(*store, group_stream(group_id));
  CHECK(opened<expense_recorded>(at_rest[0], reading).expense == dinner("u1"));
  CHECK(opened<participant_added>(at_rest[1], reading).name == "Quentin Quux");
  CHECK_FALSE(reading.stale());

  REQUIRE(store->erase_subject_key("u1", erasure_reach::this_node));
  CHECK(reading.stale());
  writer_keys after(*store, group_stream(group_id));
  auto gone = opened<expense_recorded>(at_rest[0], after).expense;
  CHECK(gone.description == erased_text);
  CHECK(gone.category == erased_text);
  CHECK(gone.amount_minor == 900);
  CHECK(opened<participant_added>(at_rest[1], after).name == erased_text);
  CHECK(opened<expense_recorded>(at_rest[2], after).expense.description == "Taxi");
  // An erased writer writes no new text here.
  auto refused = prepare_text_keys({expense_recorded{dinner("u1")}}, after, *store);
  REQUIRE_FALSE(refused);
  CHECK(is(refused.error(), store_errc::subject_erased));
}

TEST_CASE_FIXTURE(test::scratch_store, "an edit keeps erased text erased and seals new text as the editor's") {
  writer_keys keys(*store, group_stream(group_id));
  REQUIRE(prepare_text_keys({expense_recorded{dinner("u1")}}, keys, *store));
  REQUIRE(store->erase_subject_key("u1", erasure_reach::this_node));
  writer_keys after(*store, group_stream(group_id));
  auto erased = dinner("u1", std::string(erased_text)); // as the group holds it once erased
  erased.category = erased_text;
  auto kept = erased;
  kept.amount_minor = 800;
  auto rewritten = dinner("u2", "Dinner, as Bea tells it");
  for (const auto& now : {kept, rewritten}) {
    CAPTURE(now.written_by);
    const std::vector<group_event> edit{expense_edited{erased, now}};
    REQUIRE(prepare_text_keys(edit, after, *store));
    auto back = opened<expense_edited>(stored(edit[0], after), after);
    CHECK(back.before.description == erased_text);
    CHECK(back.now == now);
  }
}

TEST_CASE_FIXTURE(test::scratch_store, "events written before group text was sealed read as plain text") {
  pb::ExpenseRecorded m;
  m.set_expense_id("e0");
  m.set_description("Old dinner");
  m.set_category("food");
  m.set_amount_minor(100);
  m.set_currency("EUR");
  m.set_method("equal");
  recorded_event e;
  e.type = "ExpenseRecorded";
  e.payload = m.SerializeAsString();
  writer_keys keys(*store, group_stream(group_id));
  auto old = opened<expense_recorded>(e, keys).expense;
  CHECK(old.description == "Old dinner");
  CHECK(old.category == "food");
  CHECK(old.written_by.empty());
  pb::ParticipantAdded p;
  p.set_participant_id("p-0");
  p.set_name("Grandma");
  e.type = "ParticipantAdded";
  e.payload = p.SerializeAsString();
  CHECK(opened<participant_added>(e, keys).name == "Grandma");
}

TEST_CASE_FIXTURE(test::scratch_store, "a loan's named party is sealed under its offerer's key") {
  loan_offer offer;
  offer.loan_id = "l1";
  offer.lender = {"", "Uncle Quentin"};
  offer.borrower = {"u1", ""};
  offer.currency = "EUR";
  offer.principal_minor = 100'000;
  offer.term_months = 12;
  offer.start_on = {2026, 1, 1};
  offer.first_due = {2026, 2, 1};
  offer.originated_by = "u1";
  const std::vector<loan_event> events{loan_originated{offer}};
  writer_keys keys(*store, loan_stream("l1"));
  REQUIRE(prepare_text_keys(events, keys, *store));
  auto e = encode_loan_event(events[0], {"id", "u1", "corr", "cause"}, keys);
  CHECK(e.payload.find("Quentin") == std::string::npos);
  recorded_event r;
  r.stream_id = loan_stream("l1");
  r.type = e.type;
  r.payload = e.payload;
  writer_keys reading(*store, loan_stream("l1"));
  auto back = decode_loan_event(r, reading);
  REQUIRE(back);
  CHECK(std::get<loan_originated>(*back).offer == offer);

  REQUIRE(store->erase_subject_key("u1", erasure_reach::this_node));
  writer_keys after(*store, loan_stream("l1"));
  auto erased = decode_loan_event(r, after);
  REQUIRE(erased);
  CHECK(std::get<loan_originated>(*erased).offer.lender.name == erased_text);
  CHECK(std::get<loan_originated>(*erased).offer.principal_minor == 100'000);
}
