#pragma once

#include "actors/ledger/account_messages.hpp"
#include "events/clock.hpp"
#include "events/event_store.hpp"
#include "events/ids.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace pfms {

class published_users;

/// How many entity actors of each kind are alive, published by the
/// directories for /metrics.
struct live_entities {
  std::atomic<std::uint64_t> accounts{0};
  std::atomic<std::uint64_t> users{0};
  std::atomic<std::uint64_t> groups{0};
  std::atomic<std::uint64_t> loans{0};
  std::atomic<std::uint64_t> email_claims{0}; ///< the user directories' claim actors
};

/// What every entity actor of a node shares. The store and the id generator
/// must outlive the actor system.
struct entity_env {
  event_store* store = nullptr;
  const id_generator* ids = nullptr;
  const clock* time = nullptr; ///< for decisions that depend on the date (loans falling due)
  std::uint64_t snapshot_every = 100; ///< a snapshot each time the version is a multiple
  live_entities* live = nullptr; ///< optional; outlives the actor system
  published_users* users = nullptr; ///< optional; user actors publish their views here
  /// The account directory, for sagas that touch a second account; the
  /// directory sets it on the accounts it spawns, the node on its loans.
  account_actor accounts = {};
  /// Test only (PFMS_FAILPOINT): the node kills itself with SIGKILL at this
  /// named step ("transfer_after_hold", "transfer_after_credit",
  /// "loan_after_disbursement_request", "loan_after_transfer"); "" never.
  std::string failpoint = {};
  /// The longest a loan's due-date timer sleeps before it looks at the clock
  /// again (the clock is injected: a test clock may jump).
  std::chrono::milliseconds loan_tick_max{3'600'000};
  /// Passivation (actors/runtime/entity_table.hpp): an entity idle this long
  /// stops, and its directory looks for idle entities and due wakes every
  /// `sweep_every` (never on its own when 0).
  std::chrono::milliseconds passivate_after{300'000};
  std::chrono::milliseconds sweep_every{1'000};
  /// Gives freed memory back to the system; a directory calls it at a sweep
  /// once `release_after` of its entities have stopped since the last call
  /// (the node: glibc's malloc_trim). Empty: never.
  std::function<void()> release_memory = {};
  std::size_t release_after = 10'000;
};

} // namespace pfms
