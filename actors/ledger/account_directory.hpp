#pragma once

#include "actors/ledger/account_actor.hpp"
#include "actors/ledger/account_messages.hpp"
#include "actors/runtime/entity_directory.hpp"

#include <atomic>
#include <cstdint>
#include <string>

namespace pfms {

/// Accounts as the entity runtime sees them (actors/runtime/entity_directory.hpp).
struct account_traits {
  using handle = account_actor;
  using entity = account_entity;
  static constexpr const char* name = "account_directory";
  static const std::string& key(const auto& message) { return message.account_id; }
  static failure not_found();
  static std::atomic<std::uint64_t>* gauge(const entity_env& env) {
    return env.live != nullptr ? &env.live->accounts : nullptr;
  }
  /// What an account gets when its durable timer falls due (a transfer it
  /// holds): it asks each held transfer's destination again.
  static resume_transfer wake_message(const std::string& id) { return {id, {}, 0}; }
  static constexpr const char* stream_kind = "account";
};

using account_directory_actor = runtime::directory_actor<account_traits>;

/// Routes account commands by `account_id` to the account's actor, spawning
/// it on first use (virtual actors) and passivating it when idle. Ids that
/// are not canonical UUIDs answer `account_not_found` without spawning
/// anything. Every account actor gets `env`, with `env.accounts` (the account
/// router of a cluster) or else this directory for its sagas.
account_directory_actor::behavior_type
account_directory_fn(runtime::directory_pointer<account_traits> self, entity_env env);

} // namespace pfms
