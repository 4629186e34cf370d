#pragma once

// A node for actor tests: a real store, a real actor system with every type
// registered, and a blocking `ask` for the test thread.

#include "actors/runtime/entity_env.hpp"
#include "actors/runtime/type_registry.hpp"
#include "events/caf_error.hpp"
#include "tests/events/rocksdb/store_fixture.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>

#include <chrono>
#include <optional>
#include <thread>

namespace pfms::test {

/// Polls `done()` every 5 ms for up to 30 s: waits on a change, not a time.
template <class Done>
bool eventually(Done done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

inline caf::actor_system_config& registered(caf::actor_system_config& cfg) {
  register_actor_types(cfg);
  return cfg;
}

struct actor_node {
  static constexpr auto timeout = std::chrono::seconds(10);

  explicit actor_node(const std::string& path, std::uint64_t snapshot_every = 100)
    : store(open_store(path, time)), system(registered(cfg)) {
    system.await_actors_before_shutdown(false);
    env = entity_env{store.get(), &ids, &time, snapshot_every};
    // The owner the account tests use has a key, as a registered user would.
    REQUIRE(store->create_subject_key("o1"));
  }

  /// Sends `args` to `target` and waits for the reply or the error.
  template <class Reply, class Handle, class... Args>
  result<Reply> ask(const Handle& target, Args... args) {
    caf::scoped_actor self{system};
    std::optional<result<Reply>> out;
    self->request(target, timeout, std::move(args)...)
      .receive([&](Reply& r) { out.emplace(std::move(r)); },
               [&](caf::error& e) { out.emplace(from_caf_error(e)); });
    return std::move(*out);
  }

  manual_clock time{1'764'000'000'000'000};
  id_generator ids{time};
  std::unique_ptr<event_store> store;
  caf::actor_system_config cfg;
  caf::actor_system system;
  entity_env env;
};

} // namespace pfms::test
