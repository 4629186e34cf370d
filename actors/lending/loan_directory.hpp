#pragma once

#include "actors/lending/loan_actor.hpp"
#include "actors/runtime/entity_directory.hpp"

#include <atomic>
#include <cstdint>
#include <string>

namespace pfms {

/// Loans as the entity runtime sees them (actors/runtime/entity_directory.hpp).
struct loan_traits {
  using handle = loan_actor;
  using entity = loan_entity;
  static constexpr const char* name = "loan_directory";
  static const std::string& key(const originate_loan& m) { return m.offer.loan_id; }
  static const std::string& key(const auto& message) { return message.loan_id; }
  static failure not_found();
  static std::atomic<std::uint64_t>* gauge(const entity_env& env) {
    return env.live != nullptr ? &env.live->loans : nullptr;
  }
  /// What a loan gets when its durable timer falls due (its next fee day):
  /// it charges and re-arms.
  static wake_loan wake_message(const std::string& id) { return {id}; }
  static constexpr const char* stream_kind = "loan";
};

using loan_directory_actor = runtime::directory_actor<loan_traits>;

/// Routes loan commands and queries by `loan_id` to the loan's actor,
/// spawning it on first use and passivating it when idle; wakes a loan
/// whose durable timer fell due, across passivation and restarts. Ids that are not canonical UUIDs answer
/// `loan_not_found` without spawning anything.
loan_directory_actor::behavior_type
loan_directory_fn(runtime::directory_pointer<loan_traits> self, entity_env env);

} // namespace pfms
