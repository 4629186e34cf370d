#pragma once

// Accounts in the entity runtime (actors/runtime/entity_shell.hpp), shared by
// the account actor's handlers (account_actor.cpp) and the transfer saga
// (transfer_saga.cpp).

#include "actors/ledger/account_actor.hpp"
#include "actors/ledger/account_codec.hpp"
#include "actors/ledger/core/account_error.hpp"
#include "actors/runtime/entity_shell.hpp"

#include <string>
#include <vector>

namespace pfms::actors::internal {

using account_self = account_entity::stateful_pointer<account_actor_state>;

/// The account as a write answers it, `position` being where the write landed.
[[nodiscard]] account_view view_of(const account_state& a, std::uint64_t position);

struct account_shell {
  using state = account_actor_state;
  using event = account_event;
  static auto& entity(auto& st) { return st.account; }
  static bool exists(const account_state& a) { return a.opened; }
  static std::string stream(const std::string& id) { return account_stream(id); }
  static failure not_found() {
    return make_failure(account_errc::account_not_found, "no such account");
  }
  static failure stale() {
    return make_failure(account_errc::precondition_failed, "the account is at version ");
  }
  /// The account right after `last_version`: the one held, or a replay.
  static result<account_state> recover_at(const state& st, std::uint64_t last_version);
  /// The opening seals under the owner's key from the start; any other write
  /// re-reads the key after an erasure on the store, and is refused once the
  /// owner is erased.
  static status prepare(state& st, const std::vector<account_event>& events);
  static new_event encode(const state& st, const account_event& e, event_metadata meta) {
    return encode_account_event(e, std::move(meta), st.seal);
  }
  /// Snapshots (actors/runtime/entity_snapshot.hpp) hold the state whole,
  /// sealed under the owner's key, so only the owner's erasure shreds them.
  static constexpr std::uint32_t snapshot_salt = 1;
  static const std::string& owner_key(const state& st) { return st.seal.key; }
  /// The durable timer (actors/runtime/entity_timer.hpp): at once while a
  /// transfer it holds is not settled or released, so a starting node's
  /// directory wakes the account to carry the saga on; else none.
  static time_us wake_at(const account_state& a);
  /// The same, from the events alone where they decide it: a hold; the
  /// settling or release of the last held transfer. Other events leave it.
  static std::optional<time_us> wake_after(const account_state& a,
                                           const std::vector<account_event>& events);
};

} // namespace pfms::actors::internal
