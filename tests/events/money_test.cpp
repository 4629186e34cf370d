#include "events/hash_chain.hpp"
#include "events/ids.hpp"
#include "events/currency_table.hpp"
#include "events/money.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <set>

using namespace pfms;

namespace {
money m(std::int64_t amount, const char* code) {
  return {amount, *currency::parse(code)};
}
} // namespace

TEST_CASE("currency parse accepts known ISO 4217 codes with their scale") {
  struct row { const char* code; int scale; };
  for (auto [code, scale] : {row{"USD", 2}, row{"EUR", 2}, row{"JPY", 0}, row{"KWD", 3}}) {
    auto c = currency::parse(code);
    REQUIRE(c);
    CHECK(c->code() == code);
    CHECK(c->scale() == scale);
  }
}

TEST_CASE("every active ISO 4217 currency is known with its minor units") {
  struct row { const char* code; int scale; };
  // BGN was refused when 50 codes were compiled in; the exponent exceptions.
  for (auto [code, scale] : {row{"BGN", 2}, row{"XOF", 0}, row{"VUV", 0}, row{"IQD", 3},
                             row{"LYD", 3}, row{"MGA", 2}, row{"ZWG", 2}, row{"XCG", 2}}) {
    CAPTURE(code);
    auto c = currency::parse(code);
    REQUIRE(c);
    CHECK(c->scale() == scale);
  }
  const auto all = iso_currencies();
  CHECK(all.size() == 159);
  std::set<int> numbers;
  for (const auto& c : all) {
    CAPTURE(c.code);
    CHECK(currency::parse(c.code)->scale() == c.minor_units);
    CHECK(c.numeric > 0);
    CHECK_FALSE(c.name.empty());
    numbers.insert(c.numeric);
  }
  CHECK(numbers.size() == all.size());
}

TEST_CASE("currency parse rejects unknown, lower-case and malformed codes") {
  // Funds, metals, units of account, test codes and withdrawn ones are no currency to keep money in.
  for (const char* code : {"usd", "XXX", "US", "USDD", "", "EU1", "XAU", "XDR", "CLF", "HRK", "ANG", "XTS"}) {
    auto c = currency::parse(code);
    REQUIRE_FALSE(c);
    CHECK(is(c.error(), money_errc::unknown_currency));
  }
}

TEST_CASE("checked arithmetic is exact and refuses overflow and mixed currencies") {
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  constexpr auto min = std::numeric_limits<std::int64_t>::min();
  CHECK(checked_add(m(150, "EUR"), m(250, "EUR"))->amount_minor == 400);
  CHECK(checked_sub(m(150, "EUR"), m(250, "EUR"))->amount_minor == -100);
  CHECK(checked_add(m(max - 1, "EUR"), m(1, "EUR"))->amount_minor == max);
  CHECK(is(checked_add(m(max, "EUR"), m(1, "EUR")).error(), money_errc::overflow));
  CHECK(is(checked_sub(m(min, "EUR"), m(1, "EUR")).error(), money_errc::overflow));
  CHECK(is(checked_add(m(1, "EUR"), m(1, "USD")).error(), money_errc::currency_mismatch));
}

TEST_CASE("ids are canonical UUIDv7 text and unique") {
  const manual_clock time(1'764'000'000'000'000);
  const id_generator ids(time);
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto id = ids.next();
    CHECK(is_canonical_id(id));
    CHECK(id[14] == '7');
    seen.insert(id);
  }
  CHECK(seen.size() == 1000);
  CHECK_FALSE(is_canonical_id("not-an-id"));
  CHECK_FALSE(is_canonical_id("0192F3C4-0000-7000-8000-000000000000"));
}

TEST_CASE("an event hash changes when any canonical field changes") {
  recorded_event e{"id", "account-1", 1, 1, 10, "T", "payload", "actor", "c", "d", "", genesis_hash(), ""};
  const auto base = event_hash(e);
  CHECK(base.size() == hash_size);
  auto changed = e;
  changed.payload = "payloae";
  CHECK(event_hash(changed) != base);
  changed = e;
  changed.version = 2;
  CHECK(event_hash(changed) != base);
  changed = e;
  changed.previous_hash[0] = 1;
  CHECK(event_hash(changed) != base);
  // Field boundaries are length-prefixed: moving a byte between fields changes the hash.
  changed = e;
  changed.type = "Tp";
  changed.payload = "ayload";
  CHECK(event_hash(changed) != base);
}
