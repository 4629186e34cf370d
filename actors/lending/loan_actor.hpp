#pragma once

#include "actors/lending/loan_messages.hpp"
#include "actors/runtime/entity_base.hpp"
#include "actors/runtime/entity_env.hpp"
#include "actors/runtime/passivation.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "events/event_store.hpp"

#include <optional>
#include <string>

namespace pfms {

struct loan_actor_state : runtime::entity_base {
  loan_state loan;
  std::optional<writer_keys> keys; ///< made at recovery, again after an erasure in the store
  std::optional<failure> broken; ///< set when recovery failed; every command answers it
  bool timer_armed = false;
  bool asking_ledger = false; ///< the disbursement's hold is in flight
  static inline const char* name = "loan";
};

/// A loan's actor: the loan interface, passivation, and what it sends itself
/// (its disbursement's retries and the due-date timer's tick).
using loan_entity = entity_handle<loan_actor, caf::reacts_to<resume_disbursement>,
                                  caf::reacts_to<charge_late_fees>>;

/// The CAF shell of one loan (virtual actor, spawned by the loan directory).
///
///   spawn ──► recover (the whole chain-checked stream) ──► arm the due-date timer ──► serve
///   serve: command ──► decide (today from the injected clock) ──► append, await ──► evolve ──► reply
///   timer: charge the late fees due by today ──► append ──► re-arm for the next fee day
///
/// The timer is durable (actors/runtime/entity_timer.hpp): each append moves
/// the loan's stream timer to its next fee day (at once while a disbursement
/// runs), and the loan directory wakes the loan when it is due, passivated or
/// after a restart. A live loan's own timer sleeps at most `env.loan_tick_max`.
/// A loan passivates unless a disbursement through the ledger is under way.
/// The two parties see and act; anyone else gets `loan_not_found`.
loan_entity::behavior_type loan_actor_fn(loan_entity::stateful_pointer<loan_actor_state> self,
                                        entity_env env, std::string loan_id);

/// The loan as its stream says from `start` (a snapshot; empty: the beginning), up to `last_version`, names opened by `keys`.
[[nodiscard]] result<loan_state> recover_loan(const event_store& store, writer_keys& keys,
                                              const std::string& loan_id,
                                              std::uint64_t last_version = UINT64_MAX,
                                              loan_state start = {});

} // namespace pfms
