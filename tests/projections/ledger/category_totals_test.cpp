// The category totals and tax years projections and the monthly and tax views
// read from them, on account streams sealed under their owner's key, written
// event by event.

#include "actors/ledger/account_codec.hpp"
#include "events/money.hpp"

#include <array>
#include "projections/ledger/category_totals.hpp"
#include "projections/runtime/projection_feed.hpp"
#include "tests/actors/ledger/account_writer.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

using namespace pfms;
using namespace pfms::test;

namespace {

constexpr time_us second = 1'000'000;
constexpr time_us jan_2026 = 1'767'225'600 * second; // 2026-01-01T00:00:00Z
constexpr time_us feb_2026 = 1'769'904'000 * second;
constexpr time_us jan_2027 = 1'798'761'600 * second;

struct ledger {
  temp_dir dir;
  manual_clock time{1000};
  std::unique_ptr<event_store> store = open();
  std::string key = *store->create_subject_key("o1");
  account_writer writer{*store, key};

  static constexpr std::array projections{category_totals_projection, tax_years_projection};

  std::unique_ptr<event_store> open() {
    auto opened = event_store::open({dir.path(), false, families_of(projections)}, time);
    REQUIRE(opened);
    return std::move(*opened);
  }

  void write(const std::string& account, const std::vector<account_event>& events) {
    writer.write(account, events);
  }

  void catch_up() {
    auto feed = projection_feed::open(*store, projections);
    REQUIRE(feed);
    REQUIRE(feed->catch_up());
  }
};

account_opened opened(const char* id, const char* currency = "EUR") {
  return {id, "Main", account_kind::checking, currency, 0, 0, "o1"};
}

transaction_recorded tx(const char* id, transaction_kind kind, std::int64_t amount, time_us at,
                        const char* category, std::vector<split_line> splits = {},
                        const char* currency = "EUR") {
  transaction_recorded t{id, kind, amount, currency, at, category, ""};
  t.splits = std::move(splits);
  return t;
}

constexpr auto income = transaction_kind::income;
constexpr auto expense = transaction_kind::expense;

} // namespace

TEST_CASE("monthly totals: by month, category and currency; split lines apart; voided never") {
  ledger l;
  l.write("a", {opened("a"),
                tx("a", income, 3000, jan_2026, "salary"),          // January, first instant
                tx("b", expense, 100, feb_2026 - 1, "food"),         // January, last
                tx("c", expense, 90, feb_2026, "mixed", {{"food", 60}, {"fun", 30}}), // February
                tx("d", expense, 5, jan_2027, "food"),              // next year
                tx("e", expense, 7, jan_2026 - 1, "food"),          // the year before
                tx("f", expense, 1, feb_2026 + 5, "food"),
                transaction_voided{tx("f", expense, 1, feb_2026 + 5, "food")}});
  l.catch_up();
  auto totals = category_totals_of(*l.store, "o1", 2026);
  REQUIRE(totals);
  const std::vector<category_total> expected{{1, "food", "EUR", 0, 100},
                                             {1, "salary", "EUR", 3000, 0},
                                             {2, "food", "EUR", 0, 60},
                                             {2, "fun", "EUR", 0, 30}};
  CHECK(*totals == expected);
  CHECK(category_totals_of(*l.store, "o1", 2025)->size() == 1);
  CHECK(category_totals_of(*l.store, "o2", 2026)->empty());
}

TEST_CASE("an amendment moves its amount between months and categories, in one batch or two") {
  ledger l;
  l.write("a", {opened("a"), tx("a", expense, 40, jan_2026, "food")});
  l.catch_up();
  l.write("a", {transaction_amended{tx("a", expense, 40, jan_2026, "food"),
                                    tx("a", expense, 45, feb_2026, "fun")},
                tx("b", expense, 5, jan_2026, "food"),
                transaction_amended{tx("b", expense, 5, jan_2026, "food"),
                                    tx("b", expense, 6, jan_2026, "food")}});
  l.catch_up();
  const std::vector<category_total> expected{{1, "food", "EUR", 0, 6}, {2, "fun", "EUR", 0, 45}};
  CHECK(*category_totals_of(*l.store, "o1", 2026) == expected);
}

TEST_CASE("a total keeps its category sealed, and one past int64 answers overflow") {
  ledger l;
  l.write("a", {opened("a"), tx("a", income, INT64_MAX, jan_2026, "groceries")});
  l.write("b", {opened("b"), tx("b", income, 1, jan_2026, "groceries")});
  l.catch_up();
  REQUIRE(l.store->scan_read_model(category_totals_projection.family, "m:",
                                   [&](std::string_view key, std::string_view value) {
                                     CHECK(key.find("groceries") == std::string_view::npos);
                                     CHECK(value.find("groceries") == std::string_view::npos);
                                     return true;
                                   }));
  auto totals = category_totals_of(*l.store, "o1", 2026);
  REQUIRE_FALSE(totals);
  CHECK(is(totals.error(), money_errc::overflow));
  // Voiding one of them brings it back within range.
  l.write("b", {transaction_voided{tx("b", income, 1, jan_2026, "groceries")}});
  l.catch_up();
  REQUIRE(category_totals_of(*l.store, "o1", 2026));
  CHECK(category_totals_of(*l.store, "o1", 2026)->front().income_minor == INT64_MAX);
}

TEST_CASE("tax totals count categories by their tax category, the year only") {
  ledger l;
  l.write("a", {opened("a"),
                tx("a", income, 3000, jan_2026 + 100, "salary"),
                tx("b", expense, 100, jan_2026 + 150, "mixed", {{"charity", 60}, {"food", 40}}),
                tx("c", expense, 70, jan_2026 + 200, "charity"),
                tx("d", income, 500, jan_2027, "salary"), // next year
                tx("e", expense, 10, jan_2026 + 50, "charity"),
                transaction_voided{tx("c", expense, 70, jan_2026 + 200, "charity")}});
  l.write("u", {opened("u", "USD"), tx("f", income, 40, jan_2026 + 120, "salary", {}, "USD")});
  l.catch_up();
  const std::map<std::string, std::string> categories{
    {"salary", "employment_income"}, {"charity", "donations"}, {"food", ""}};
  auto lines = tax_totals(*category_totals_of(*l.store, "o1", 2026), categories);
  REQUIRE(lines);
  const std::vector<tax_total> expected{{"donations", "EUR", 0, 70},
                                        {"employment_income", "EUR", 3000, 0},
                                        {"employment_income", "USD", 40, 0}};
  CHECK(*lines == expected);
  const std::vector<category_total> huge{{1, "salary", "EUR", INT64_MAX, 0},
                                         {2, "salary", "EUR", 1, 0}};
  CHECK(is(tax_totals(huge, categories).error(), money_errc::overflow));
}

TEST_CASE("a tax year's totals are its months' sums; an amendment moves them between years") {
  ledger l;
  constexpr time_us last_instant_2026 = jan_2027 - 1;
  l.write("a", {opened("a"),
                tx("a", income, 3000, jan_2026, "salary"),
                tx("b", expense, 100, feb_2026, "mixed", {{"food", 60}, {"fun", 40}}),
                tx("c", expense, 25, last_instant_2026, "food"),
                tx("d", expense, 9, jan_2027, "food"),
                tx("e", expense, 4, jan_2026 - 1, "food")});
  l.write("u", {opened("u", "USD"), tx("f", income, 40, feb_2026, "salary", {}, "USD")});
  l.catch_up();
  // The months' rows summed by category and currency, independently of the fold.
  std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>> months;
  auto by_month = category_totals_of(*l.store, "o1", 2026);
  REQUIRE(by_month);
  for (const auto& t : *by_month) {
    months[{t.category, t.currency}].first += t.income_minor;
    months[{t.category, t.currency}].second += t.expense_minor;
  }
  std::vector<category_total> from_months;
  for (const auto& [key, sums] : months)
    from_months.push_back({1, key.first, key.second, sums.first, sums.second});
  const std::vector<category_total> expected{{1, "food", "EUR", 0, 85},
                                             {1, "fun", "EUR", 0, 40},
                                             {1, "salary", "EUR", 3000, 0},
                                             {1, "salary", "USD", 40, 0}};
  CHECK(from_months == expected);
  CHECK(*year_totals_of(*l.store, "o1", 2026) == expected);
  CHECK(*year_totals_of(*l.store, "o1", 2027) == std::vector<category_total>{{1, "food", "EUR", 0, 9}});
  CHECK(*year_totals_of(*l.store, "o1", 2025) == std::vector<category_total>{{1, "food", "EUR", 0, 4}});
  CHECK(year_totals_of(*l.store, "o2", 2026)->empty());
  // Moved into the next year, then voided there: 2026 loses it, 2027 nets to nothing new.
  l.write("a", {transaction_amended{tx("c", expense, 25, last_instant_2026, "food"),
                                    tx("c", expense, 25, jan_2027, "food")}});
  l.catch_up();
  CHECK(year_totals_of(*l.store, "o1", 2026)->front() == category_total{1, "food", "EUR", 0, 60});
  CHECK(*year_totals_of(*l.store, "o1", 2027) == std::vector<category_total>{{1, "food", "EUR", 0, 34}});
  l.write("a", {transaction_voided{tx("c", expense, 25, jan_2027, "food")},
                transaction_voided{tx("d", expense, 9, jan_2027, "food")}});
  l.catch_up();
  CHECK(year_totals_of(*l.store, "o1", 2027)->empty());
  // The rows keep the category sealed too.
  REQUIRE(l.store->scan_read_model(tax_years_projection.family, "y:",
                                   [&](std::string_view key, std::string_view value) {
                                     CHECK(key.find("salary") == std::string_view::npos);
                                     CHECK(value.find("salary") == std::string_view::npos);
                                     return true;
                                   }));
}
