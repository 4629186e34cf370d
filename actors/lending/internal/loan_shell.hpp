#pragma once

// Loans in the entity runtime (actors/runtime/entity_shell.hpp), shared by
// the loan actor's handlers (loan_actor.cpp) and the disbursement saga
// (loan_disbursement.cpp).

#include "actors/lending/core/loan_error.hpp"
#include "actors/lending/core/loan_position.hpp"
#include "actors/lending/loan_actor.hpp"
#include "actors/lending/loan_codec.hpp"
#include "actors/runtime/entity_shell.hpp"
#include "actors/runtime/keyed_shell.hpp"

#include <string>
#include <vector>

namespace pfms::actors::internal {

using loan_self = loan_entity::stateful_pointer<loan_actor_state>;

/// The loan as a command answers it, on the node's UTC day: everything but
/// the repayment history (no answer shows it; it grows with every
/// repayment, and an answer may cross to another node). `s` is left as it was.
[[nodiscard]] loan_snapshot loan_snapshot_of(const entity_env& env, loan_state& s);

struct loan_shell : runtime::keyed_shell<loan_shell> {
  using state = loan_actor_state;
  using event = loan_event;
  static constexpr auto recover = recover_loan;
  static constexpr auto encode_event = encode_loan_event;
  static constexpr std::uint32_t snapshot_salt = 1;
  static auto& entity(auto& st) { return st.loan; }
  static bool exists(const loan_state& l) { return l.originated; }
  static std::string stream(const std::string& id) { return loan_stream(id); }
  static failure not_found() { return make_failure(loan_errc::loan_not_found, "no such loan"); }
  static failure stale() {
    return make_failure(loan_errc::precondition_failed, "the loan is at version ");
  }
  /// The day a command acts on (`on` left empty) and decides by: today.
  template <class Command>
  static void complete(const state& st, Command& cmd) {
    const auto today = civil_day_of(st.env.time->now_us());
    if constexpr (requires { cmd.on; })
      if (cmd.on == civil_date{})
        cmd.on = today;
    if constexpr (requires { cmd.today; })
      cmd.today = today;
  }
  /// Re-arms the due-date timer for the next fee day.
  static void applied(loan_self self);
  /// The durable timer (actors/runtime/entity_timer.hpp): at once while a
  /// disbursement through the ledger runs, else the start of the next fee
  /// day (UTC); 0 when no fee can fall due.
  static time_us wake_at(const loan_state& loan);
  /// The same, from the events: a repayment only covers installments, so the
  /// next fee day stays or comes later, and the timer is left (a stale one
  /// only wakes the loan to settle it); other events are applied to a copy.
  /// Without this, every repayment copied the loan, whose repayments grow
  /// with its life.
  static std::optional<time_us> wake_after(const loan_state& loan,
                                           const std::vector<loan_event>& events);
};

} // namespace pfms::actors::internal
