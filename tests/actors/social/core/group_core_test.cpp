#include "actors/social/core/debt_simplifier.hpp"
#include "actors/social/core/group_balances.hpp"
#include "actors/social/core/group_core.hpp"
#include "actors/social/core/group_error.hpp"
#include "events/money.hpp"

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <random>

using namespace pfms;

namespace {

std::vector<std::int64_t> amounts(const std::vector<member_amount>& list) {
  std::vector<std::int64_t> out;
  for (const auto& m : list)
    out.push_back(m.amount_minor);
  return out;
}

std::vector<split_part> parts(std::initializer_list<std::int64_t> values) {
  std::vector<split_part> out;
  const char* names[] = {"a", "b", "c", "d", "e"};
  std::size_t i = 0;
  for (auto v : values)
    out.push_back({names[i++], v});
  return out;
}

struct split_row {
  const char* name;
  std::int64_t amount;
  split_method method;
  std::vector<split_part> parts;
  std::optional<std::vector<std::int64_t>> owed; // none: invalid_split
};

group_state given(const std::vector<group_event>& history) {
  group_state s;
  for (const auto& e : history)
    s = evolve(std::move(s), e);
  return s;
}

// A group of a (owner), b and c, all active, in EUR.
group_state trio() {
  return given({group_created{"g", "Trip", "EUR", "a"}, member_invited{"b", "a"},
                member_joined{"b"}, member_invited{"c", "a"}, member_joined{"c"}});
}

record_group_expense expense(std::int64_t amount, std::vector<member_amount> paid,
                             split_method method, std::vector<split_part> split,
                             const char* id = "e1", const char* caller = "a") {
  return {"g", caller, id, amount, "EUR", "Dinner", "food", 0, std::move(paid), method,
          std::move(split)};
}

} // namespace

TEST_CASE("splits sum exactly to the amount; remainders go by largest remainder, then order") {
  const split_row rows[] = {
    {"equal, 100 among 3", 100, split_method::equal, parts({0, 0, 0}), {{34, 33, 33}}},
    {"equal, 1 cent among 3", 1, split_method::equal, parts({0, 0, 0}), {{1, 0, 0}}},
    {"equal, 2 cents among 3", 2, split_method::equal, parts({0, 0, 0}), {{1, 1, 0}}},
    {"exact", 100, split_method::exact, parts({70, 30}), {{70, 30}}},
    {"exact, not summing", 100, split_method::exact, parts({70, 20}), std::nullopt},
    {"percent, remainder to the largest fraction", 100, split_method::percent,
     parts({3333, 3333, 3334}), {{33, 33, 34}}},
    {"percent, ties by order", 1, split_method::percent, parts({5000, 5000}), {{1, 0}}},
    {"percent not summing to 100", 100, split_method::percent, parts({5000, 4000}), std::nullopt},
    {"shares 1:2", 100, split_method::shares, parts({1, 2}), {{33, 67}}},
    {"a share of 0 owes nothing", 100, split_method::shares, parts({0, 1}), {{0, 100}}},
    {"only zero shares", 100, split_method::shares, parts({0, 0}), std::nullopt},
    {"a negative value", 100, split_method::shares, parts({-1, 2}), std::nullopt},
    {"no parts", 100, split_method::equal, {}, std::nullopt},
    {"a member twice", 100, split_method::equal, {{"a", 0}, {"a", 0}}, std::nullopt},
    {"huge weights stay exact", 10, split_method::shares,
     parts({INT64_MAX, INT64_MAX, INT64_MAX}), {{4, 3, 3}}},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    auto owed = split_amount(r.amount, r.method, r.parts);
    if (!r.owed) {
      REQUIRE_FALSE(owed);
      CHECK(is(owed.error(), group_errc::invalid_split));
      continue;
    }
    REQUIRE(owed);
    CHECK(amounts(*owed) == *r.owed);
  }
}

TEST_CASE("group decisions refuse what a group must not hold") {
  const auto s = trio();
  auto outsider = expense(90, {{"a", 90}}, split_method::equal, {{"a", 0}, {"z", 0}});
  struct row {
    const char* name;
    result<std::vector<group_event>> decided;
    group_errc error;
  };
  const row rows[] = {
    {"a caller who is not a member",
     decide(s, expense(90, {{"a", 90}}, split_method::equal, parts({0, 0}), "e1", "z")),
     group_errc::group_not_found},
    {"a payer outside the group",
     decide(s, expense(90, {{"z", 90}}, split_method::equal, parts({0, 0}))),
     group_errc::not_a_member},
    {"a part outside the group", decide(s, outsider), group_errc::not_a_member},
    {"payers not summing to the amount",
     decide(s, expense(90, {{"a", 50}, {"b", 30}}, split_method::equal, parts({0, 0}))),
     group_errc::invalid_payers},
    {"a payer twice",
     decide(s, expense(90, {{"a", 45}, {"a", 45}}, split_method::equal, parts({0, 0}))),
     group_errc::invalid_payers},
    {"zero amount", decide(s, expense(0, {{"a", 0}}, split_method::equal, parts({0}))),
     group_errc::invalid_amount},
    {"percentages that do not sum to 100",
     decide(s, expense(90, {{"a", 90}}, split_method::percent, parts({5000, 4000}))),
     group_errc::invalid_split},
    {"inviting a member again", decide(s, invite_member{"g", "a", "b"}),
     group_errc::already_member},
    {"an outsider inviting", decide(s, invite_member{"g", "z", "y"}), group_errc::group_not_found},
    {"joining uninvited", decide(s, join_group{"g", "z"}), group_errc::group_not_found},
    {"a settlement to oneself", decide(s, record_settlement{"g", "a", "s1", "b", "b", 5, "EUR"}),
     group_errc::same_member},
    {"a settlement with an outsider",
     decide(s, record_settlement{"g", "a", "s1", "b", "z", 5, "EUR"}), group_errc::not_a_member},
    {"deleting an unknown expense", decide(s, delete_group_expense{"g", "a", "nope"}),
     group_errc::expense_not_found},
  };
  for (const auto& r : rows) {
    CAPTURE(r.name);
    REQUIRE_FALSE(r.decided);
    CHECK(is(r.decided.error(), r.error));
  }
  auto unknown_currency = expense(90, {{"a", 90}}, split_method::equal, parts({0, 0}));
  unknown_currency.currency = "XYZ";
  CHECK(is(decide(s, unknown_currency).error(), money_errc::unknown_currency));
}

TEST_CASE("a payer outside the split is owed the whole amount") {
  auto s = trio();
  auto decided = decide(s, expense(100, {{"a", 100}}, split_method::equal, {{"b", 0}, {"c", 0}}));
  REQUIRE(decided);
  s = evolve(std::move(s), decided->front());
  CHECK(s.balances.at("EUR").at("a") == 100);
  CHECK(s.balances.at("EUR").at("b") == -50);
  CHECK(s.balances.at("EUR").at("c") == -50);
}

TEST_CASE("an expense moves balances; a member leaves only at zero") {
  auto s = trio();
  auto first = decide(s, expense(100, {{"a", 100}}, split_method::equal, parts({0, 0, 0})));
  REQUIRE(first);
  s = evolve(std::move(s), first->front());
  CHECK(s.balances.at("EUR").at("a") == 66);
  CHECK(s.balances.at("EUR").at("b") == -33);
  CHECK(s.balances.at("EUR").at("c") == -33);
  // The same expense again writes nothing; another under its id is refused.
  CHECK(decide(s, expense(100, {{"a", 100}}, split_method::equal, parts({0, 0, 0})))->empty());
  CHECK(is(decide(s, expense(99, {{"a", 99}}, split_method::equal, parts({0, 0, 0}))).error(),
           group_errc::expense_exists));
  CHECK(is(decide(s, leave_group{"g", "b"}).error(), group_errc::balance_not_zero));
  s = evolve(std::move(s), decide(s, record_settlement{"g", "b", "s1", "b", "a", 33, "EUR"})->front());
  CHECK(s.balances.at("EUR").at("b") == 0);
  REQUIRE(decide(s, leave_group{"g", "b"}));
  // Deleting the expense takes it back out.
  s = evolve(std::move(s), decide(s, delete_group_expense{"g", "a", "e1"})->front());
  CHECK(s.balances.at("EUR").at("a") == -33);
  CHECK(s.balances.at("EUR").at("b") == 33);
  CHECK(s.balances.at("EUR").at("c") == 0);
}

TEST_CASE("the exact search finds fewer payments than greedy matching would") {
  // +3/−3 and +2 +2/−4 settle apart: 1 + 2 payments. Matching the largest
  // creditor with the largest debtor first would need 4.
  const std::vector<member_amount> balances{
    {"a", 2}, {"b", 2}, {"c", 3}, {"d", -3}, {"e", -4}};
  auto payments = simplify_debts(balances);
  CHECK(payments.size() == 3);
  std::map<std::string, std::int64_t> after;
  for (const auto& b : balances)
    after[b.user_id] = b.amount_minor;
  for (const auto& p : payments) {
    after[p.from] += p.amount_minor;
    after[p.to] -= p.amount_minor;
  }
  for (const auto& [user, balance] : after)
    CHECK(balance == 0);
  CHECK(simplify_debts(balances) == payments); // deterministic
}

TEST_CASE("property: random expenses and settlements keep every invariant") {
  std::mt19937 random(20261201);
  const char* names[] = {"a", "b", "c", "d", "e", "f", "g", "h"};
  const char* currencies[] = {"EUR", "USD"};
  for (int run = 0; run < 2000; ++run) {
    const int n = 2 + static_cast<int>(random() % 7);
    std::vector<group_event> history{group_created{"g", "G", "EUR", "a"}};
    for (int i = 1; i < n; ++i) {
      history.push_back(member_invited{names[i], "a"});
      history.push_back(member_joined{names[i]});
    }
    auto s = given(history);
    for (int step = 0; step < 12; ++step) {
      const auto amount = 1 + static_cast<std::int64_t>(random() % 10'000);
      const auto method = static_cast<split_method>(1 + random() % 4);
      std::vector<split_part> split;
      for (int i = 0; i < n; ++i)
        if (i == 0 || random() % 3 != 0)
          split.push_back({names[i], 0});
      if (method == split_method::shares)
        for (auto& p : split)
          p.value = static_cast<std::int64_t>(random() % 4) + (&p == &split[0] ? 1 : 0);
      if (method == split_method::percent || method == split_method::exact) {
        const std::int64_t total = method == split_method::percent ? 10'000 : amount;
        std::int64_t left = total;
        for (std::size_t i = 0; i + 1 < split.size(); ++i)
          left -= split[i].value = static_cast<std::int64_t>(random() % (left + 1));
        split.back().value = left;
      }
      const auto payer = names[random() % n];
      record_group_expense c{"g", "a", "e" + std::to_string(step), amount,
                             currencies[random() % 2], "x", "", 0, {{payer, amount}}, method, split};
      auto decided = decide(s, c);
      REQUIRE(decided);
      s = evolve(std::move(s), decided->front());
      // Now and then a settlement between two members, or a deleted expense.
      if (random() % 4 == 0) {
        const auto from = static_cast<int>(random() % n);
        const auto to = (from + 1 + static_cast<int>(random() % (n - 1))) % n;
        auto settled = decide(s, record_settlement{"g", "a", "s" + std::to_string(step), names[from],
                                                   names[to],
                                                   1 + static_cast<std::int64_t>(random() % 500),
                                                   currencies[random() % 2]});
        REQUIRE(settled);
        s = evolve(std::move(s), settled->front());
      }
      if (random() % 6 == 0) {
        auto deleted = decide(s, delete_group_expense{"g", "a", "e" + std::to_string(step)});
        REQUIRE(deleted);
        s = evolve(std::move(s), deleted->front());
      }
    }
    const auto view = balances_of(s).value();
    std::map<std::string, std::size_t> nonzero;
    std::map<std::pair<std::string, std::string>, std::int64_t> left;
    for (const auto& b : view.balances) {
      ++nonzero[b.currency];
      left[{b.currency, b.user_id}] = b.balance_minor;
    }
    for (const auto& [code, balances] : s.balances) {
      std::int64_t sum = 0;
      for (const auto& [user, balance] : balances)
        sum += balance;
      CHECK(sum == 0);
    }
    std::map<std::string, std::size_t> payments;
    for (const auto& p : view.simplified) {
      ++payments[p.currency];
      CHECK(p.pay.amount_minor > 0);
      left[{p.currency, p.pay.from}] += p.pay.amount_minor;
      left[{p.currency, p.pay.to}] -= p.pay.amount_minor;
      CHECK_FALSE(p.from_entries.empty());
    }
    for (const auto& [key, balance] : left)
      CHECK(balance == 0); // the suggestion settles everyone
    for (const auto& [code, count] : payments)
      CHECK(count <= nonzero[code] - 1);
    // The pairwise debts, netted, add up to the same balances.
    std::map<std::pair<std::string, std::string>, std::int64_t> from_pairs;
    for (const auto& d : view.pairwise) {
      from_pairs[{d.currency, d.pay.to}] += d.pay.amount_minor;
      from_pairs[{d.currency, d.pay.from}] -= d.pay.amount_minor;
    }
    for (const auto& b : view.balances)
      CHECK(from_pairs[{b.currency, b.user_id}] == b.balance_minor);
    // Paying exactly the suggested payments settles the group: no balance
    // and no pairwise debt is left.
    for (std::size_t k = 0; k < view.simplified.size(); ++k) {
      const auto& p = view.simplified[k];
      auto settled = decide(s, record_settlement{"g", "a", "pay" + std::to_string(k), p.pay.from,
                                                 p.pay.to, p.pay.amount_minor, p.currency});
      REQUIRE(settled);
      s = evolve(std::move(s), settled->front());
    }
    const auto settled = balances_of(s).value();
    CHECK(settled.balances.empty());
    CHECK(settled.pairwise.empty());
  }
}

TEST_CASE("a settled group owes nothing: a cycle of debts is not reported") {
  // b pays 3.01 for a, c pays 3.01 for b: a owes b, b owes c. The suggestion
  // is that a pays c, and after it the pairwise debts went round in a circle.
  auto s = trio();
  for (const auto& c : {expense(301, {{"b", 301}}, split_method::exact, {{"a", 301}}, "e1", "b"),
                        expense(301, {{"c", 301}}, split_method::exact, {{"b", 301}}, "e2", "c")})
    s = evolve(std::move(s), decide(s, c)->front());
  auto before = balances_of(s).value();
  REQUIRE(before.simplified.size() == 1);
  CHECK(before.simplified[0].pay == payment{"a", "c", 301});
  CHECK(before.pairwise.size() == 2);
  s = evolve(std::move(s), decide(s, record_settlement{"g", "a", "s1", "a", "c", 301, "EUR"})->front());
  const auto after = balances_of(s).value();
  CHECK(after.balances.empty());
  CHECK(after.simplified.empty());
  CHECK(after.pairwise.empty());
}

TEST_CASE("an edited expense moves the balances by the difference; the old one stays known") {
  auto s = trio();
  s = evolve(std::move(s), decide(s, expense(90, {{"a", 90}}, split_method::equal, parts({0, 0, 0})))->front());
  auto edit = decide(s, edit_group_expense{expense(60, {{"b", 60}}, split_method::equal, parts({0, 0}))});
  REQUIRE(edit);
  REQUIRE(edit->size() == 1);
  const auto& edited = std::get<expense_edited>(edit->front());
  CHECK(edited.before.amount_minor == 90);
  CHECK(edited.now.amount_minor == 60);
  s = evolve(std::move(s), edit->front());
  CHECK(s.balances.at("EUR").at("a") == -30);
  CHECK(s.balances.at("EUR").at("b") == 30);
  CHECK(s.balances.at("EUR").at("c") == 0);
  // The same content again writes nothing; an unknown expense is refused.
  CHECK(decide(s, edit_group_expense{expense(60, {{"b", 60}}, split_method::equal, parts({0, 0}))})->empty());
  auto unknown = decide(s, edit_group_expense{expense(60, {{"b", 60}}, split_method::equal,
                                                      parts({0, 0}), "nope")});
  CHECK(is(unknown.error(), group_errc::expense_not_found));
}

TEST_CASE("named participants pay and owe; only the owner removes members and archives") {
  auto s = trio();
  s = evolve(std::move(s), decide(s, add_participant{"g", "b", "p-1", "Grandma"})->front());
  CHECK(is_active_member(s, "p-1"));
  auto lunch = expense(40, {{"p-1", 40}}, split_method::equal, {{"p-1", 0}, {"c", 0}});
  s = evolve(std::move(s), decide(s, lunch)->front());
  CHECK(s.balances.at("EUR").at("p-1") == 20);
  CHECK(is(decide(s, remove_member{"g", "b", "c"}).error(), group_errc::not_owner));
  CHECK(is(decide(s, remove_member{"g", "a", "c"}).error(), group_errc::balance_not_zero));
  CHECK(is(decide(s, archive_group{"g", "a"}).error(), group_errc::balance_not_zero));
  s = evolve(std::move(s), decide(s, record_settlement{"g", "c", "s1", "c", "p-1", 20, "EUR"})->front());
  REQUIRE(decide(s, remove_member{"g", "a", "c"}));
  CHECK(is(decide(s, remove_member{"g", "a", "a"}).error(), group_errc::not_owner));
  CHECK(is(decide(s, archive_group{"g", "b"}).error(), group_errc::not_owner));
  s = evolve(std::move(s), decide(s, archive_group{"g", "a"})->front());
  CHECK(s.archived);
  const auto refused = {
    decide(s, expense(10, {{"a", 10}}, split_method::equal, parts({0, 0}), "e9")),
    decide(s, invite_member{"g", "a", "z"}),
    decide(s, record_settlement{"g", "a", "s2", "a", "b", 1, "EUR"}),
    decide(s, leave_group{"g", "b"}),
  };
  for (const auto& r : refused) {
    REQUIRE_FALSE(r);
    CHECK(is(r.error(), group_errc::group_archived));
  }
}

TEST_CASE("pairwise debts past int64 are refused, not wrapped, while every balance fits") {
  // Round after round, d1 and d2 each owe m, m owes m2 for both, and m2 owes
  // c1 and c2: m's and m2's balances stay 0, the others' within int64, but
  // the debt m → m2 grows twice as fast as any balance.
  auto s = given({group_created{"g", "Trip", "EUR", "a"}});
  for (const char* who : {"d1", "d2", "m", "m2", "c1", "c2"}) {
    s = evolve(std::move(s), member_invited{who, "a"});
    s = evolve(std::move(s), member_joined{who});
  }
  constexpr std::int64_t most = 1'000'000'000'000'000; // an expense's largest amount
  int n = 0;
  auto pays_for = [&](const char* payer, const char* ower) {
    auto made = decide(s, record_group_expense{"g", "a", "e" + std::to_string(++n), most, "EUR",
                                               "x", "x", 0, {{payer, most}}, split_method::exact,
                                               {{ower, most}}});
    REQUIRE(made);
    s = evolve(std::move(s), made->front());
  };
  auto rounds = [&](int count) {
    for (int k = 0; k < count; ++k)
      for (auto [payer, ower] : {std::pair{"m", "d1"}, {"m2", "m"}, {"c1", "m2"},
                                 {"m", "d2"}, {"m2", "m"}, {"c2", "m2"}})
        pays_for(payer, ower);
  };
  rounds(4000);
  const auto fits = balances_of(s);
  REQUIRE(fits);
  std::int64_t m_to_m2 = 0;
  for (const auto& d : fits->pairwise)
    if (d.pay.from == "m" && d.pay.to == "m2")
      m_to_m2 = d.pay.amount_minor;
  CHECK(m_to_m2 == 8'000 * most);
  rounds(1000); // m → m2 is now 1e19: past int64, though d1's balance is -5e18
  const auto past = balances_of(s);
  REQUIRE_FALSE(past);
  CHECK(is(past.error(), group_errc::amount_overflow));
}
