// The bridge: one actor makes every ask, with one monitor per watched
// target; a target that goes down answers its waiting asks at once with
// `node_unavailable`, each exactly once; stopping the bridge answers and
// drops every callback it still holds, on the stopping thread.

#include "events/failure.hpp"
#include "http/runtime/bridge.hpp"
#include "http/runtime/internal/ask.hpp"

#include <doctest/doctest.h>

#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/response_promise.hpp>

#include <condition_variable>
#include <mutex>

using namespace pfms;

namespace {

using ask_atom = caf::atom_constant<caf::atom("ask")>;

// Answers `ask` with its number when it is even; holds the odd ones forever.
caf::behavior half_answering(caf::event_based_actor* self) {
  return {[self](ask_atom, int n) -> caf::result<int> {
    if (n % 2 == 0)
      return n;
    return self->make_response_promise<int>(); // never delivered
  }};
}

struct outcomes {
  std::mutex mutex;
  std::condition_variable changed;
  int answered = 0;
  int lost = 0;
  int other = 0;
  int stopping = 0;

  std::function<void(result<int>)> record() {
    return [this](result<int> r) {
      std::lock_guard lock(mutex);
      if (r)
        ++answered;
      else if (is(r.error(), runtime_errc::node_unavailable))
        ++lost;
      else if (is(r.error(), runtime_errc::unavailable))
        ++stopping;
      else
        ++other;
      changed.notify_all();
    };
  }

  void wait_for(int total) {
    std::unique_lock lock(mutex);
    REQUIRE(changed.wait_for(lock, std::chrono::seconds(30),
                             [&] { return answered + lost + stopping + other >= total; }));
  }
};

} // namespace

TEST_CASE("watched asks run on the bridge and a target lost answers each waiting ask once") {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  http::start_bridge(system);
  auto target = system.spawn(half_answering);
  const auto running_before = system.registry().running();
  outcomes seen;
  constexpr int asks = 200;
  for (int n = 0; n < asks; ++n)
    http::internal::ask_watching<int>(system, target, std::chrono::minutes(5), seen.record(),
                                      ask_atom::value, n);
  seen.wait_for(asks / 2); // the even ones are answered
  {
    std::lock_guard lock(seen.mutex);
    CHECK(seen.answered == asks / 2);
    CHECK(seen.lost == 0);
  }
  // No actor per ask: the odd ones wait on the bridge alone.
  CHECK(system.registry().running() == running_before);
  {
    std::lock_guard lock(seen.mutex);
    CHECK(seen.answered == asks / 2); // the wait did not just end early
  }
  caf::anon_send_exit(target, caf::exit_reason::kill);
  seen.wait_for(asks); // long before the five-minute timeout
  {
    std::lock_guard lock(seen.mutex);
    CHECK(seen.answered == asks / 2);
    CHECK(seen.lost == asks / 2);
    CHECK(seen.other == 0);
  }
  http::stop_bridge(system);
}

TEST_CASE("stopping the bridge answers what it still holds and drops the callbacks at once") {
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  http::start_bridge(system);
  auto target = system.spawn(half_answering);
  outcomes seen;
  // Each callback holds a share of `session`, as a front's callbacks hold its sessions.
  auto session = std::make_shared<int>(0);
  constexpr int asks = 50;
  for (int n = 1; n <= 2 * asks; n += 2) { // odd: never answered
    auto record = seen.record();
    http::internal::ask<int>(system, target, std::chrono::minutes(5),
                             [record, session](result<int> r) { record(std::move(r)); },
                             ask_atom::value, n);
  }
  http::internal::ask_watching<int>(system, target, std::chrono::minutes(5),
                                    [record = seen.record(), session](result<int> r) {
                                      record(std::move(r));
                                    },
                                    ask_atom::value, 1);
  CHECK(session.use_count() > 1);
  http::stop_bridge(system);
  // Answered before stop_bridge returned, and no copy of a callback is left.
  {
    std::lock_guard lock(seen.mutex);
    CHECK(seen.stopping == asks + 1);
    CHECK(seen.answered + seen.lost + seen.other == 0);
  }
  CHECK(session.use_count() == 1);
  caf::anon_send_exit(target, caf::exit_reason::kill);
}
