#include "actors/identity/core/categories.hpp"
#include "actors/identity/core/preferences.hpp"
#include "actors/identity/core/user_core.hpp"
#include "actors/identity/core/user_error.hpp"
#include "actors/identity/user_codec.hpp"
#include "events/money.hpp"
#include "events/personal_data.hpp"
#include "events/proto/user.pb.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace pfms;

namespace {

user_state given(const std::vector<user_event>& history) {
  user_state s;
  for (const auto& e : history)
    s = evolve(std::move(s), e);
  return s;
}

const user_registered alice{"u1", "alice@example.org", "Alice", "$argon2id$..."};
constexpr time_us hour = 3600LL * 1'000'000;

} // namespace

TEST_CASE("emails are normalized and malformed ones rejected") {
  CHECK(*normalize_email("  Alice@Example.ORG ") == "alice@example.org");
  for (const char* bad : {"", "alice", "@example.org", "alice@", "alice@example", "a@b@c.org",
                          "al ice@example.org", "alice@example.org.", "alice@.org"}) {
    CAPTURE(bad);
    auto r = normalize_email(bad);
    REQUIRE_FALSE(r);
    CHECK(is(r.error(), user_errc::invalid_email));
  }
  CHECK_FALSE(normalize_email(std::string(250, 'a') + "@b.org"));
}

TEST_CASE("emails are normalized by NFKC and case folding, so look-alikes are one address") {
  struct row { const char* given; const char* normal; };
  const row rows[] = {
    {"\uFF56\uFF49\uFF43\uFF54\uFF49\uFF4D@example.org", "victim@example.org"},  // fullwidth
    {"victim\uFF20example\uFF0Eorg", "victim@example.org"},        // fullwidth @ and .
    {"VICTIM@EXAMPLE.ORG", "victim@example.org"},
    {"\u212Aelvin@example.org", "kelvin@example.org"},              // KELVIN SIGN
    {"Stra\u00DFe@example.org", "strasse@example.org"},             // sharp s folds to ss
    {"Jose\u0301@example.org", "jos\u00E9@example.org"},           // composed
    {"\u00C9LODIE@b\u00FCcher.de", "\u00E9lodie@b\u00FCcher.de"},
  };
  for (const auto& r : rows) {
    CAPTURE(r.given);
    auto normal = normalize_email(r.given);
    REQUIRE(normal);
    CHECK(*normal == r.normal);
  }
}

TEST_CASE("emails with invisible or control characters, IP literals or empty labels are refused") {
  const char* refused[] = {
    "victim@example.org\u200B",        // ZERO WIDTH SPACE
    "vic\u200Dtim@example.org",        // ZERO WIDTH JOINER
    "\uFEFFvictim@example.org",        // BYTE ORDER MARK
    "victim\u00AD@example.org",        // SOFT HYPHEN
    "victim@exa\u202Eelpmaxe.org",     // RIGHT-TO-LEFT OVERRIDE
    "victim@example\u3164.org",        // HANGUL FILLER (default ignorable)
    "vic\u00A0tim@example.org",        // NO-BREAK SPACE
    "victim\u3000@example.org",        // IDEOGRAPHIC SPACE
    "victim@example.org\u0085",        // NEXT LINE (C1 control)
    "vic\ttim@example.org",
    "victim@\uE000example.org",        // private use
    "victim@example\xC0\x80.org",     // overlong (invalid UTF-8)
    "victim@[127.0.0.1]",
    "victim@[IPv6:::1]",
    "victim@127.0.0.1",
    "victim@example..org",
    "victim@.example.org",
    "vic..tim@example.org",
    ".victim@example.org",
    "victim.@example.org",
    "victim@example\uFF0E\uFF0Eorg",  // fullwidth dots fold to ..
    "a\uFF20b@example.org",            // a fullwidth @ folds to a second @
  };
  for (const char* bad : refused) {
    CAPTURE(bad);
    auto r = normalize_email(bad);
    REQUIRE_FALSE(r);
    CHECK(is(r.error(), user_errc::invalid_email));
  }
  CHECK_FALSE(normalize_email("a@" + std::string(64, 'b') + ".org"));
  CHECK(normalize_email("a@" + std::string(63, 'b') + ".org"));
  CHECK(normalize_email("a@1.example.org"));
}

TEST_CASE("registration validates display name and refuses a second registration") {
  CHECK(decide(user_state{}, register_user{"u1", "a@b.org", "A", "h"}));
  CHECK(is(decide(user_state{}, register_user{"u1", "a@b.org", " ", "h"}).error(),
           user_errc::invalid_display_name));
  CHECK(is(decide(user_state{}, register_user{"u1", "a@b.org", std::string(101, 'n'), "h"}).error(),
           user_errc::invalid_display_name));
  CHECK(is(decide(given({alice}), register_user{"u1", "a@b.org", "A", "h"}).error(),
           user_errc::user_exists));
}

TEST_CASE("a refresh token rotates once; presenting it again revokes the family") {
  auto s = given({alice, session_started{"f1", "h1", 10 * hour, 0}});
  auto rotated = decide(s, rotate_session{"u1", "f1", "h1", "h2", 11 * hour, hour});
  REQUIRE(rotated);
  s = evolve(s, rotated->front());
  CHECK(s.sessions.at("f1").token_hash == "h2");
  // The old token again: reuse. The whole family goes.
  auto reused = decide(s, rotate_session{"u1", "f1", "h1", "h3", 12 * hour, 2 * hour});
  REQUIRE(reused);
  REQUIRE(std::holds_alternative<session_revoked>(reused->front()));
  s = evolve(s, reused->front());
  CHECK_FALSE(s.sessions.contains("f1"));
  // Now even the newest token is dead.
  CHECK(is(decide(s, rotate_session{"u1", "f1", "h2", "h4", 12 * hour, 2 * hour}).error(),
           user_errc::session_not_found));
}

TEST_CASE("unknown, expired and foreign tokens are session_not_found") {
  auto s = given({alice, session_started{"f1", "h1", 10 * hour, 0}});
  CHECK(is(decide(s, rotate_session{"u1", "f9", "h1", "x", 0, hour}).error(), user_errc::session_not_found));
  CHECK(is(decide(s, rotate_session{"u1", "f1", "zz", "x", 0, hour}).error(), user_errc::session_not_found));
  CHECK(is(decide(s, rotate_session{"u1", "f1", "h1", "x", 0, 10 * hour}).error(), user_errc::session_not_found));
  CHECK(is(decide(s, end_session{"u1", "f1", "zz", hour}).error(), user_errc::session_not_found));
  auto ended = decide(s, end_session{"u1", "f1", "h1", hour});
  REQUIRE(ended);
  CHECK(evolve(s, ended->front()).sessions.empty());
}

TEST_CASE("a user keeps at most sessions_max live sessions; the oldest goes first") {
  auto s = given({alice});
  for (std::size_t i = 0; i < sessions_max + 5; ++i) {
    auto started = decide(s, start_session{"u1", "f" + std::to_string(i), "h", 100 * hour,
                                           static_cast<time_us>(i)});
    REQUIRE(started);
    for (const auto& e : *started)
      s = evolve(s, e);
  }
  CHECK(s.sessions.size() == sessions_max);
  CHECK_FALSE(s.sessions.contains("f0"));
  CHECK(s.sessions.contains("f24"));
}

TEST_CASE("user events survive encoding") {
  const std::vector<user_event> history{alice, session_started{"f1", std::string(32, '\x01'), 5, 1},
                                        session_rotated{"f1", "h2", 6}, session_ended{"f1"},
                                        profile_changed{"A", "JPY", "Asia/Tokyo", "ja-JP"},
                                        email_changed{"alice@example.org", "email-x"}};
  const auto seal = user_sealer("u1", new_subject_key());
  user_state direct, decoded, erased;
  for (const auto& e : history) {
    direct = evolve(direct, e);
    recorded_event stored;
    auto encoded = encode_user_event(e, {"id", "t", "", ""}, seal);
    // Personal fields are never in the payload in plaintext.
    CHECK(encoded.payload.find("alice@example.org") == std::string::npos);
    CHECK(encoded.payload.find("Alice") == std::string::npos);
    stored.type = encoded.type;
    stored.payload = encoded.payload;
    auto back = decode_user_event(stored, seal);
    REQUIRE(back);
    decoded = evolve(decoded, *back);
    // Without the key (erased) the event still decodes, its personal fields masked.
    auto masked = decode_user_event(stored, user_sealer("u1", ""));
    REQUIRE(masked);
    erased = evolve(erased, *masked);
    // Under another user's key the sealed fields do not open.
    if (std::holds_alternative<user_registered>(e))
      CHECK_FALSE(decode_user_event(stored, user_sealer("u1", new_subject_key())));
  }
  CHECK(direct == decoded);
  CHECK(erased.email == erased_text);
  CHECK(erased.display_name == erased_text);
  CHECK(erased.sessions == direct.sessions);
  CHECK(email_stream("a@b.org").size() == 6 + 64);
}

TEST_CASE("a password change ends every session but the caller's") {
  auto s = given({alice, session_started{"f1", "h1", 10 * hour, 0},
                  session_started{"f2", "h2", 10 * hour, 1}, session_started{"f3", "h3", 10 * hour, 2}});
  auto changed = decide(s, change_password{"u1", "f2", "new-hash", {}});
  REQUIRE(changed);
  for (const auto& e : *changed)
    s = evolve(s, e);
  CHECK(s.password_hash == "new-hash");
  CHECK(s.sessions.size() == 1);
  CHECK(s.sessions.contains("f2"));
  CHECK(is(decide(user_state{}, change_password{"u1", "", "h", {}}).error(), user_errc::user_not_found));
}

TEST_CASE("an email change normalizes, ignores the same address and refuses bad ones") {
  auto s = given({alice});
  auto changed = decide(s, change_email{"u1", "  Alice.New@Example.org "}, "email-old");
  REQUIRE(changed);
  REQUIRE(changed->size() == 1);
  const auto& e = std::get<email_changed>(changed->front());
  CHECK(e.email == "alice.new@example.org");
  CHECK(e.released_stream == "email-old");
  s = evolve(s, changed->front());
  CHECK(s.email == "alice.new@example.org");
  CHECK(decide(s, change_email{"u1", "ALICE.NEW@example.org"}, "x")->empty());
  CHECK(is(decide(s, change_email{"u1", "not an email"}, "x").error(), user_errc::invalid_email));
  CHECK(is(decide(user_state{}, change_email{"u1", "a@b.org"}, "x").error(),
           user_errc::user_not_found));
}

TEST_CASE("erasure ends every session, forgets the person and refuses everything after") {
  auto s = given({alice, session_started{"f1", "h1", 100, 1}, session_started{"f2", "h2", 100, 1}});
  auto events = decide(s, erase_user{"u1"}, "email-abc");
  REQUIRE(events);
  REQUIRE(events->size() == 3);
  CHECK(std::holds_alternative<session_ended>((*events)[0]));
  CHECK(std::get<user_erased>(events->back()).email_stream == "email-abc");
  for (const auto& e : *events)
    s = evolve(s, e);
  CHECK(s.erased);
  CHECK_FALSE(s.registered);
  CHECK(s.user_id == "u1");
  CHECK(s.email.empty());
  CHECK(s.display_name.empty());
  CHECK(s.password_hash.empty());
  CHECK(s.email_stream == "email-abc");
  CHECK(s.version == 6);
  CHECK(is(decide(s, erase_user{"u1"}, "email-abc").error(), user_errc::user_not_found));
  CHECK(is(decide(s, start_session{"u1", "f3", "h3", 200, 2}).error(), user_errc::user_not_found));
  CHECK(is(decide(s, register_user{"u1", "a@example.org", "A", "h"}).error(), user_errc::user_exists));
  CHECK(is(decide(user_state{}, erase_user{"u1"}, "e").error(), user_errc::user_not_found));
}

TEST_CASE("a rehash keeps every session and applies only over the hash it replaces") {
  auto s = given({alice, session_started{"f1", "h1", 100, 1}, session_started{"f2", "h2", 100, 1}});
  auto refused = decide(s, change_password{"u1", {}, "stronger", "not-the-stored-hash"});
  REQUIRE_FALSE(refused);
  CHECK(is(refused.error(), user_errc::precondition_failed));
  auto rehashed = decide(s, change_password{"u1", {}, "stronger", s.password_hash});
  REQUIRE(rehashed);
  REQUIRE(rehashed->size() == 1);
  CHECK(std::get<password_changed>(rehashed->front()).rehash);
  s = evolve(s, rehashed->front());
  CHECK(s.password_hash == "stronger");
  CHECK(s.sessions.size() == 2);
}

TEST_CASE("profile updates change only what is given and validate it") {
  auto s = given({alice});
  auto renamed = decide(s, update_profile{"u1", "Alice B.", "", "", ""});
  REQUIRE(renamed);
  s = evolve(s, renamed->front());
  CHECK(s.display_name == "Alice B.");
  CHECK(s.base_currency == "EUR");
  auto moved = decide(s, update_profile{"u1", "", "JPY", "", ""});
  REQUIRE(moved);
  s = evolve(s, moved->front());
  CHECK(s.display_name == "Alice B.");
  CHECK(s.base_currency == "JPY");
  CHECK(is(decide(s, update_profile{"u1", "", "XYZ", "", ""}).error(), money_errc::unknown_currency));
  CHECK(is(decide(s, update_profile{"u1", "\tname\n", "", "", ""}).error(), user_errc::invalid_display_name));
}

TEST_CASE("time zone and locale preferences: IANA names and BCP 47 tags, checked and kept") {
  auto s = given({alice});
  CHECK(s.time_zone == "UTC");
  CHECK(s.locale == "en");
  auto set = decide(s, update_profile{"u1", "", "", "Europe/Berlin", "DE-de"});
  REQUIRE(set);
  s = evolve(s, set->front());
  CHECK(s.time_zone == "Europe/Berlin");
  CHECK(s.locale == "de-DE");
  auto renamed = decide(s, update_profile{"u1", "Al", "", "", ""});
  s = evolve(s, renamed->front());
  CHECK(s.time_zone == "Europe/Berlin");
  CHECK(s.locale == "de-DE");
  struct row { const char* zone; const char* locale; user_errc error; };
  const row rows[] = {
    {"Mars/Olympus", "", user_errc::invalid_time_zone},
    {"europe/berlin", "", user_errc::invalid_time_zone},
    {"Europe/Berlin ", "", user_errc::invalid_time_zone},
    {"", "english", user_errc::invalid_locale},
    {"", "en-", user_errc::invalid_locale},
    {"", "en-GB-x", user_errc::invalid_locale},
    {"", "e", user_errc::invalid_locale},
    {"", "en_GB", user_errc::invalid_locale},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.zone) + "|" + r.locale);
    auto refused = decide(s, update_profile{"u1", "", "", r.zone, r.locale});
    REQUIRE_FALSE(refused);
    CHECK(is(refused.error(), r.error));
  }
}

TEST_CASE("locale tags are normalized to canonical case") {
  struct row { const char* in; const char* out; };
  const row rows[] = {{"de", "de"}, {"EN-gb", "en-GB"}, {"zh-hant-tw", "zh-Hant-TW"},
                      {"es-419", "es-419"}, {"sr-LATN", "sr-Latn"}, {"fil-PH", "fil-PH"}};
  for (const auto& r : rows) {
    CAPTURE(r.in);
    CHECK(*normalize_locale(r.in) == r.out);
  }
  CHECK(is_time_zone("UTC"));
  CHECK(is_time_zone("America/Argentina/Buenos_Aires"));
  CHECK(std::is_sorted(time_zone_names.begin(), time_zone_names.end()));
}

TEST_CASE("categories: defaults to start with, own ones and re-mapped ones as events") {
  auto s = given({alice});
  CHECK(effective_categories(s.categories).at("charity") == "charitable_donations");
  auto defined = decide(s, define_category{"u1", "home_office", "business_expenses"});
  REQUIRE(defined);
  s = evolve(s, defined->front());
  auto remapped = decide(s, define_category{"u1", "groceries", "food_allowance"});
  REQUIRE(remapped);
  s = evolve(s, remapped->front());
  const auto effective = effective_categories(s.categories);
  CHECK(effective.at("home_office") == "business_expenses");
  CHECK(effective.at("groceries") == "food_allowance");
  CHECK(effective.at("salary") == "employment_income");
  CHECK(decide(s, define_category{"u1", "groceries", "food_allowance"})->empty());
  CHECK(decide(s, define_category{"u1", "rent", ""})->empty()); // a default as it is
  for (const auto& [name, tax] : std::vector<std::pair<std::string, std::string>>{
         {"", ""}, {"Food", ""}, {"food stuff", ""}, {std::string(65, 'a'), ""}, {"ok", "Bad Tax"}}) {
    CAPTURE(name);
    CHECK(is(decide(s, define_category{"u1", name, tax}).error(), user_errc::invalid_category));
  }
}

TEST_CASE("a category name of the user is sealed; erased it reads [erased]; older plain ones decode") {
  const auto key = new_subject_key();
  const category_defined defined{"quack_visits", "medical"};
  auto encoded = encode_user_event(defined, {"id", "t", "", ""}, user_sealer("u1", key));
  CHECK(encoded.payload.find("quack_visits") == std::string::npos);
  recorded_event stored;
  stored.type = encoded.type;
  stored.payload = encoded.payload;
  CHECK(std::get<category_defined>(*decode_user_event(stored, user_sealer("u1", key))).name
        == "quack_visits");
  const auto erased = std::get<category_defined>(*decode_user_event(stored, user_sealer("u1", "")));
  CHECK(erased.name == "[erased]");
  CHECK(erased.tax_category == "medical");
  pb::CategoryDefined legacy;
  legacy.set_name("home_office");
  legacy.set_tax_category("business_expenses");
  stored.payload = legacy.SerializeAsString();
  CHECK(std::get<category_defined>(*decode_user_event(stored, user_sealer("u1", key))).name
        == "home_office");
}
