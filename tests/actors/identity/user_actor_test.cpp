#include "actors/identity/core/user_error.hpp"
#include "actors/identity/published_users.hpp"
#include "actors/identity/user_codec.hpp"
#include "actors/identity/user_directory.hpp"
#include "events/caf_error.hpp"
#include "tests/actors/runtime/actor_node.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

using namespace pfms;
using namespace pfms::test;

namespace {

constexpr auto timeout = actor_node::timeout;

// Constructed before and destroyed after the actor system (a base before actor_node).
struct published_holder {
  published_users published;
};

struct node : published_holder, actor_node {
  explicit node(const std::string& path)
    : actor_node(path), users(spawn_with_published()) {}
  user_directory_actor spawn_with_published() {
    env.users = &published;
    return system.spawn(user_directory_fn, env, user_directory_actor{});
  }
  template <class Reply, class... Args>
  result<Reply> ask(Args... args) {
    return actor_node::ask<Reply>(users, std::move(args)...);
  }
  result<user_view> enroll(const std::string& id, const std::string& email) {
    return ask<user_view>(register_user{id, email, "Name", "hash"}, command_context{"t", "c"});
  }
  user_directory_actor users;
};

} // namespace

TEST_CASE("the user actor publishes every change before it answers, and withdraws on erasure") {
  temp_dir dir;
  node n(dir.path());
  const auto id = n.ids.next();
  CHECK_FALSE(n.published.find(id));
  REQUIRE(n.enroll(id, "pub@example.org"));
  auto seen = n.published.find(id);
  REQUIRE(seen);
  CHECK(seen->email == "pub@example.org");
  CHECK(seen->version == 1);
  auto changed = n.ask<user_view>(update_profile{id, "Renamed", "", "", ""},
                                  command_context{"t", "c"});
  REQUIRE(changed);
  CHECK(n.published.find(id)->display_name == "Renamed");
  CHECK(n.published.find(id)->version == changed->version);
  REQUIRE(n.ask<user_view>(erase_user{id}, command_context{"t", "c"}));
  CHECK_FALSE(n.published.find(id));
}

TEST_CASE("published users stay within capacity") {
  published_users users;
  for (std::size_t i = 0; i < published_users::capacity + 10; ++i)
    users.publish(user_view{"u" + std::to_string(i), "", "", "", "", 1, "", ""});
  CHECK(users.size() == published_users::capacity);
  users.publish(user_view{"u5", "e", "", "", "", 2, "", ""});
  users.withdraw("nobody");
  CHECK(users.size() <= published_users::capacity);
}

TEST_CASE("concurrent registrations of one email: exactly one wins") {
  temp_dir dir;
  node n(dir.path());
  std::vector<std::string> ids;
  caf::scoped_actor self{n.system};
  for (int i = 0; i < 20; ++i) {
    ids.push_back(n.ids.next());
    self->request(n.users, timeout, register_user{ids.back(), "Same@Example.org", "N", "h"},
                  command_context{"t", "c"})
      .receive([](user_view&) {}, [](caf::error&) {});
  }
  // The requests above ran one after another; now race them for real.
  int wins = 0, taken = 0;
  std::vector<std::string> racers;
  for (int i = 0; i < 20; ++i)
    racers.push_back(n.ids.next());
  for (const auto& id : racers)
    self->send(n.users, register_user{id, "race@example.org", "N", "h"}, command_context{"t", "c"});
  for (int i = 0; i < 20; ++i)
    self->receive([&](user_view&) { ++wins; },
                  [&](caf::error& e) {
                    if (is(from_caf_error(e), user_errc::email_taken))
                      ++taken;
                  });
  CHECK(wins == 1);
  CHECK(taken == 19);
  auto holder = n.ask<std::string>(email_query{"RACE@example.org"});
  REQUIRE(holder);
  CHECK(std::find(racers.begin(), racers.end(), *holder) != racers.end());
  CHECK(*n.ask<std::string>(email_query{"same@example.org"}) == ids.front());
}

TEST_CASE("a claim whose registration never landed is taken over") {
  temp_dir dir;
  node n(dir.path());
  const auto ghost = n.ids.next();
  REQUIRE(n.store->append(email_stream("ghost@example.org"), expected_version::no_stream(),
                          {encode_email_claimed(ghost, {"e", "t", "", ""})}));
  // The lookup names the claim's holder; the holder itself is nobody.
  CHECK(*n.ask<std::string>(email_query{"ghost@example.org"}) == ghost);
  CHECK(is(n.ask<user_view>(user_query{ghost}).error(), user_errc::user_not_found));
  const auto real = n.ids.next();
  auto enrolled = n.enroll(real, "ghost@example.org");
  REQUIRE(enrolled);
  CHECK(enrolled->email == "ghost@example.org");
  CHECK(*n.ask<std::string>(email_query{"ghost@example.org"}) == real);
  // And it is now taken for real, by a registered user.
  CHECK(is(n.enroll(n.ids.next(), "ghost@example.org").error(), user_errc::email_taken));
  // The ghost's own registration, retried, finds it taken.
  CHECK(is(n.enroll(ghost, "ghost@example.org").error(), user_errc::email_taken));
}

TEST_CASE("a claim left by a change or an erasure whose release was lost is taken over") {
  temp_dir dir;
  node n(dir.path());
  const auto mover = n.ids.next(), erased = n.ids.next();
  REQUIRE(n.enroll(mover, "old@example.org"));
  REQUIRE(n.enroll(erased, "gone@example.org"));
  REQUIRE(n.ask<user_view>(change_email{mover, "new@example.org"}, command_context{"t", "c"}));
  REQUIRE(n.ask<user_view>(erase_user{erased}, command_context{"t", "c"}));
  // Lose both releases: name the old holders again, as if never released.
  for (auto [email, holder] : {std::pair{"old@example.org", mover}, {"gone@example.org", erased}}) {
    auto stream = email_stream(email);
    auto version = n.store->stream_version(stream);
    REQUIRE(version);
    REQUIRE(n.store->append(stream, expected_version::exactly(*version),
                            {encode_email_claimed(holder, {"e", "t", "", ""})}));
  }
  // The holder still holding its address keeps it; the others' are free.
  CHECK(is(n.enroll(n.ids.next(), "new@example.org").error(), user_errc::email_taken));
  const auto second = n.ids.next(), third = n.ids.next();
  REQUIRE(n.enroll(second, "old@example.org"));
  REQUIRE(n.enroll(third, "gone@example.org"));
  CHECK(*n.ask<std::string>(email_query{"old@example.org"}) == second);
  CHECK(*n.ask<std::string>(email_query{"gone@example.org"}) == third);
}

TEST_CASE("a change of address releases the old one, and changing back claims it again") {
  temp_dir dir;
  node n(dir.path());
  const auto id = n.ids.next();
  REQUIRE(n.enroll(id, "a@example.org"));
  command_context ctx{"t", "c"};
  REQUIRE(n.ask<user_view>(change_email{id, "b@example.org"}, ctx));
  REQUIRE(n.ask<user_view>(change_email{id, "a@example.org"}, ctx));
  // The release of a@ was sent before the second claim of it, and ran first.
  CHECK(*n.ask<std::string>(email_query{"a@example.org"}) == id);
  CHECK(is(n.enroll(n.ids.next(), "a@example.org").error(), user_errc::email_taken));
  // b@ was released: free at once, without asking anybody.
  auto b = n.ask<std::string>(email_query{"b@example.org"});
  CHECK(is(b.error(), user_errc::user_not_found));
  CHECK(n.enroll(n.ids.next(), "b@example.org"));
}

TEST_CASE("sessions rotate, and a reused token revokes the family durably") {
  temp_dir dir;
  const std::string id = "0192f3c4-0000-7000-8000-0000000000aa";
  const time_us now = 1'764'000'000'000'000, later = now + 3'600'000'000;
  {
    node n(dir.path());
    REQUIRE(n.enroll(id, "s@example.org"));
    command_context ctx{"t", "c"};
    REQUIRE(n.ask<session_view>(start_session{id, "f1", "h1", later, now}, ctx));
    REQUIRE(n.ask<session_view>(rotate_session{id, "f1", "h1", "h2", later, now}, ctx));
    auto reused = n.ask<session_view>(rotate_session{id, "f1", "h1", "h3", later, now}, ctx);
    REQUIRE_FALSE(reused);
    CHECK(is(reused.error(), user_errc::refresh_token_reused));
  }
  // After a restart the revocation holds: it was persisted before the answer.
  node again(dir.path());
  auto after = again.ask<session_view>(rotate_session{id, "f1", "h2", "h4", later, now},
                                       command_context{"t", "c"});
  REQUIRE_FALSE(after);
  CHECK(is(after.error(), user_errc::session_not_found));
  CHECK(is(again.ask<user_view>(user_query{"not-an-id"}).error(), user_errc::user_not_found));
}
