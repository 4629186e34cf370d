#include "actors/identity/login_guard.hpp"

#include "events/caf_error.hpp"
#include "tests/support/temp_dir.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <optional>

using namespace pfms;

namespace {

// One node's guard over a real store; a new `guard_node` on the same
// directory is the node after a restart.
struct guard_node {
  explicit guard_node(const std::string& path, manual_clock& time) {
    auto opened = event_store::open({path, false, {login_attempts_family}}, time);
    REQUIRE(opened);
    store = std::move(*opened);
    system.emplace(cfg);
    system->await_actors_before_shutdown(false);
    guard = system->spawn(login_guard_fn, store.get(), &time);
  }
  ~guard_node() {
    caf::anon_send_exit(guard, caf::exit_reason::user_shutdown);
    system.reset();
  }

  template <class Atom, class... Args>
  std::int64_t ask(Atom atom, Args... args) {
    caf::scoped_actor self{*system};
    std::int64_t out = -1;
    self->request(guard, std::chrono::seconds(10), atom, std::move(args)...)
      .receive([&](std::int64_t r) { out = r; }, [&](caf::error&) { out = -2; });
    return out;
  }
  std::int64_t check(const std::string& key) { return ask(guard_check_atom::value, key, 5); }
  std::int64_t fail(const std::string& key) { return ask(guard_fail_atom::value, key); }

  std::size_t rows() const {
    std::size_t n = 0;
    REQUIRE(store->scan_read_model(login_attempts_family, "", [&](auto, auto) {
      ++n;
      return true;
    }));
    return n;
  }

  std::unique_ptr<event_store> store;
  caf::actor_system_config cfg;
  std::optional<caf::actor_system> system;
  login_guard_actor guard;
};

constexpr time_us start = 1'764'000'000'000'000;

} // namespace

TEST_CASE("the guard locks a key at its limit, and a restart keeps the lock") {
  test::temp_dir dir;
  manual_clock time(start);
  {
    guard_node node(dir.path(), time);
    for (int i = 1; i <= 5; ++i) {
      CHECK(node.check("account:a@b.org") == 0);
      CHECK(node.fail("account:a@b.org") == i);
    }
    CHECK(node.check("account:a@b.org") == failure_window_us / 1'000'000 + 1);
    CHECK(node.check("account:c@b.org") == 0);
  }
  guard_node again(dir.path(), time);
  CHECK(again.check("account:a@b.org") == failure_window_us / 1'000'000 + 1);
  time.advance(failure_window_us);
  CHECK(again.check("account:a@b.org") == 0);
}

TEST_CASE("a cleared key starts from zero, on disk too") {
  test::temp_dir dir;
  manual_clock time(start);
  {
    guard_node node(dir.path(), time);
    for (int i = 0; i < 4; ++i)
      node.fail("account:a@b.org");
    CHECK(node.ask(guard_clear_atom::value, std::string("account:a@b.org")) == 0);
    CHECK(node.rows() == 0);
  }
  guard_node again(dir.path(), time);
  CHECK(again.fail("account:a@b.org") == 1);
}

TEST_CASE("the store holds digests of the keys, never their text, and ended windows are swept") {
  test::temp_dir dir;
  manual_clock time(start);
  {
    guard_node node(dir.path(), time);
    node.fail("account:secret@example.org");
    node.fail("address:192.0.2.7");
    CHECK(node.rows() == 2);
    bool plain = false;
    REQUIRE(node.store->scan_read_model(login_attempts_family, "", [&](auto key, auto) {
      plain = plain || key.find("example.org") != std::string_view::npos
              || key.find("192.0.2.7") != std::string_view::npos;
      return true;
    }));
    CHECK_FALSE(plain);
  }
  time.advance(failure_window_us + 1);
  guard_node again(dir.path(), time);
  // The sweep at start runs before any request the guard answers.
  CHECK(again.check("address:192.0.2.7") == 0);
  CHECK(again.rows() == 0);
}
