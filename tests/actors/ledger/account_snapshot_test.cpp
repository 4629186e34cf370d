#include "actors/ledger/account_codec.hpp"
#include "tests/actors/ledger/account_snapshots.hpp"
#include "actors/ledger/core/account_core.hpp"
#include "events/proto/account.pb.h"

#include <doctest/doctest.h>

#include <random>

using namespace pfms;

TEST_CASE("snapshot at any version plus the tail equals replaying every event") {
  std::mt19937 random(20261125);
  const auto seal = account_sealer("a", new_subject_key());
  for (int history_count = 0; history_count < 50; ++history_count) {
    std::vector<account_event> history{
      account_opened{"a", "Main", account_kind::credit_card, "USD", 0, 10'000, "o1"}};
    account_state full = evolve({}, history[0]);
    // Random accepted commands: what decide allows is what gets recorded.
    for (int i = 0; i < 40; ++i) {
      const bool income = random() % 2 == 0;
      record_transaction c{"a", "t" + std::to_string(i), income ? "income" : "expense",
                           static_cast<std::int64_t>(random() % 5000 + 1), "USD", 0, "", "", "o1"};
      auto decided = decide(full, c);
      if (!decided)
        continue;
      history.push_back(decided->front());
      full = evolve(full, decided->front());
    }
    account_state prefix;
    for (std::size_t cut = 0; cut < history.size(); ++cut) {
      prefix = evolve(prefix, history[cut]);
      const auto bytes = test::encode_account_snapshot(prefix, seal);
      CHECK(bytes.find("Main") == std::string::npos);
      auto restored = test::decode_account_snapshot(bytes, seal);
      REQUIRE(restored);
      CHECK(*restored == prefix);
      account_state resumed = *restored;
      for (std::size_t i = cut + 1; i < history.size(); ++i)
        resumed = evolve(resumed, history[i]);
      CHECK(resumed == full);
    }
  }
}

TEST_CASE("snapshot bytes that do not decode are corrupt, never a state") {
  const auto seal = account_sealer("a", new_subject_key());
  for (const char* bytes : {"", "garbage", "\x08\x01"})
    CHECK_FALSE(test::decode_account_snapshot(bytes, seal));
  // A snapshot sealed for another account does not open here.
  account_state s{true, "b", "Main", account_kind::cash, "EUR", 0, 0, 1, "o1"};
  CHECK_FALSE(test::decode_account_snapshot(test::encode_account_snapshot(s, account_sealer("b", seal.key)),
                                      seal));
}

TEST_CASE("renames and closings survive encoding, the new name sealed; so does a closed snapshot") {
  const auto seal = account_sealer("a", new_subject_key());
  account_state direct, decoded;
  const std::vector<account_event> history{
    account_opened{"a", "Main", account_kind::cash, "EUR", 0, 0, "o1"},
    account_renamed{"Household money"},
    transaction_recorded{"t1", transaction_kind::income, 10, "EUR", 0, "pay", "note",
                         "Employer Ltd", {"salary", "monthly"}, {{"pay", 6}, {"bonus", 4}}},
    transaction_recorded{"t2", transaction_kind::expense, 10, "EUR", 0, "", "", "", {}, {}},
    account_reconciled{5, 0, 0, true},
    account_closed{}};
  for (const auto& e : history) {
    direct = evolve(direct, e);
    auto encoded = encode_account_event(e, {"id", "t", "", ""}, seal);
    CHECK(encoded.payload.find("Household") == std::string::npos);
    CHECK(encoded.payload.find("Employer") == std::string::npos);
    recorded_event stored;
    stored.type = encoded.type;
    stored.payload = encoded.payload;
    auto back = decode_account_event(stored, seal);
    REQUIRE(back);
    decoded = evolve(decoded, *back);
  }
  CHECK(decoded == direct);
  CHECK(decoded.closed);
  CHECK(decoded.locked_until_us == 5);
  // The transaction's own fields come back too.
  recorded_event stored;
  auto encoded = encode_account_event(history[2], {"id", "t", "", ""}, seal);
  stored.type = encoded.type;
  stored.payload = encoded.payload;
  const auto back = std::get<transaction_recorded>(*decode_account_event(stored, seal));
  const auto& sent = std::get<transaction_recorded>(history[2]);
  CHECK(back.payee == sent.payee);
  CHECK(back.tags == sent.tags);
  CHECK(back.splits == sent.splits);
  CHECK(decoded.name == "Household money");
  CHECK(*test::decode_account_snapshot(test::encode_account_snapshot(direct, seal), seal) == direct);
}

TEST_CASE("tags and categories are sealed; erased they read [erased]; older plain ones still decode") {
  const auto key = new_subject_key();
  const transaction_recorded sent{"t1", transaction_kind::expense, 10, "EUR", 0, "therapy_fund",
                                  "", "", {"lumbago", "monthly"}, {{"therapy_fund", 6},
                                                                   {"bonus_care", 4}}};
  auto encoded = encode_account_event(sent, {"id", "t", "", ""}, account_sealer("a", key));
  for (const char* text : {"therapy_fund", "lumbago", "monthly", "bonus_care"}) {
    CAPTURE(text);
    CHECK(encoded.payload.find(text) == std::string::npos);
  }
  recorded_event stored;
  stored.type = encoded.type;
  stored.payload = encoded.payload;
  auto back = decode_account_event(stored, account_sealer("a", key));
  REQUIRE(back);
  CHECK(std::get<transaction_recorded>(*back) == sent);
  auto erased = decode_account_event(stored, account_sealer("a", ""));
  REQUIRE(erased);
  const auto& gone = std::get<transaction_recorded>(*erased);
  CHECK(gone.category == "[erased]");
  CHECK(gone.tags == std::vector<std::string>{"[erased]", "[erased]"});
  CHECK(gone.splits.front().category == "[erased]");
  CHECK(gone.amount_minor == 10);

  // As written before tags and categories were sealed: plain text.
  pb::TransactionRecorded legacy;
  legacy.set_transaction_id("t0");
  legacy.set_kind(pb::TRANSACTION_KIND_INCOME);
  legacy.set_amount_minor(5);
  legacy.set_currency("EUR");
  legacy.set_category("salary");
  legacy.add_tags("work");
  auto* line = legacy.add_splits();
  line->set_category("salary");
  line->set_amount_minor(5);
  stored.payload = legacy.SerializeAsString();
  auto old = decode_account_event(stored, account_sealer("a", key));
  REQUIRE(old);
  const auto& plain = std::get<transaction_recorded>(*old);
  CHECK(plain.category == "salary");
  CHECK(plain.tags == std::vector<std::string>{"work"});
  CHECK(plain.splits == std::vector<split_line>{{"salary", 5}});
}
