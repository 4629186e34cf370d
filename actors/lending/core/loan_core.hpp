#pragma once

// The loan's pure core: one loan between a lender and a borrower, its whole
// life as events; the schedule is derived from them (loan_schedule.hpp),
// never stored. No I/O, no clock (commands carry the day), no CAF.
//
//   proposed ──accept──► accepted ──disburse──► active ──repaid──► paid_off ──close──► closed
//                          │  ▲                  ▲
//                          │  └─failed─┐         │  (through the ledger: the
//                          └─requested─┴─settled─┘   transfer decides)
//      │                    │                     └──write-off──► written_off ──close──┘
//      └──────close─────────┴──────► closed (an offer declined or withdrawn)
//
// A loan with a named outside party starts accepted: only a user accepts.

#include "actors/lending/core/loan_rules.hpp"
#include "actors/lending/core/loan_schedule.hpp"
#include "events/message_name.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace pfms {

inline constexpr std::size_t loan_party_name_max = 100;
inline constexpr int loan_grace_days_max = 90;

enum class loan_status : std::uint8_t {
  proposed = 1, accepted = 2, active = 3, paid_off = 4, written_off = 5, closed = 6
};
/// What a repayment beyond everything payable does.
enum class overpayment_policy : std::uint8_t { prepay = 1, reject = 2 };

[[nodiscard]] std::string_view to_string(loan_status s);
// Names in events and JSON (loan_names.cpp); each parse names the choices when it fails.
[[nodiscard]] std::string_view to_string(schedule_type t);
[[nodiscard]] std::string_view to_string(day_count d);
[[nodiscard]] std::string_view to_string(allocation_order o);
[[nodiscard]] std::string_view to_string(overpayment_policy p);
[[nodiscard]] std::string_view to_string(prepayment_mode m);
[[nodiscard]] result<allocation_order> parse_allocation_order(std::string_view text);
[[nodiscard]] result<overpayment_policy> parse_overpayment_policy(std::string_view text);
[[nodiscard]] result<prepayment_mode> parse_prepayment_mode(std::string_view text);
/// "YYYY-MM-DD" → a real calendar date from 1970 on; `invalid_date` otherwise.
[[nodiscard]] result<civil_date> parse_civil_date(std::string_view text);
[[nodiscard]] std::string to_string(const civil_date& d);

/// A side of the loan: a pfms user, or a named outside party (a bank, a friend
/// without an account). Exactly one of the two is set.
struct loan_party {
  std::string user_id;
  std::string name;
  friend bool operator==(const loan_party&, const loan_party&) = default;
};

/// The late-fee policy: `fee_minor` once per installment still not fully paid
/// `grace_days` after it fell due. A zero fee charges nothing.
struct late_fee_policy {
  std::int64_t fee_minor = 0;
  int grace_days = 0;
  friend bool operator==(const late_fee_policy&, const late_fee_policy&) = default;
};

/// Everything fixed at origination.
struct loan_offer {
  std::string loan_id;
  loan_party lender;
  loan_party borrower;
  std::string currency;
  std::int64_t principal_minor = 0;
  int annual_rate_bps = 0;
  int term_months = 0;
  schedule_type type = schedule_type::annuity;
  day_count basis = day_count::thirty_360;
  civil_date start_on;  ///< the planned disbursement day
  civil_date first_due;
  allocation_order order = allocation_order::fees_interest_principal;
  overpayment_policy overpayment = overpayment_policy::prepay;
  prepayment_mode excess_mode = prepayment_mode::reduce_term; ///< for excess prepaid
  late_fee_policy late_fee;
  std::string originated_by; ///< the user party who offered it
  /// The borrower's account that a disbursement through the ledger credits,
  /// when the borrower offers; "" otherwise (named at acceptance).
  std::string receiving_account_id = {};
  friend bool operator==(const loan_offer&, const loan_offer&) = default;
};

/// A disbursement that moves the principal from the lender's ledger account
/// to the borrower's receiving account by a transfer (actors/lending/loan_disbursement.hpp).
struct loan_disbursement {
  std::string transfer_id;
  std::string from_account_id; ///< the lender's
  std::string to_account_id;   ///< the borrower's receiving account
  civil_date on;
  std::string by;
  friend bool operator==(const loan_disbursement&, const loan_disbursement&) = default;
};

/// One repayment as applied when it was recorded (never re-allocated).
struct loan_repayment {
  std::string repayment_id;
  civil_date on;
  std::int64_t amount_minor = 0;
  allocation applied;  ///< excess_minor: what was prepaid (reduce by `mode`)
  prepayment_mode mode = prepayment_mode::reduce_term;
  bool payoff = false; ///< it paid the loan off
  friend bool operator==(const loan_repayment&, const loan_repayment&) = default;
};

struct loan_fee {
  int installment = 0; ///< 1-based number of the installment it is for
  civil_date on;
  std::int64_t amount_minor = 0;
  friend bool operator==(const loan_fee&, const loan_fee&) = default;
};

struct loan_snapshot;

// Commands. `caller_id` is the authenticated user; `today` the node's UTC day;
// the public ones are answered with the loan as its parties see it.
struct originate_loan {
  using reply = loan_snapshot;
  loan_offer offer; ///< its originated_by is the caller
  civil_date today;
};
struct accept_loan {
  using reply = loan_snapshot;
  std::string loan_id;
  std::string caller_id;
  std::string receiving_account_id = {}; ///< the borrower accepting may name it
};
/// Records the disbursement; with `from_account_id` it moves the principal
/// through the ledger by transfer `transfer_id` (both parties must be users).
struct disburse_loan {
  using reply = loan_snapshot;
  std::string loan_id;
  std::string caller_id;
  civil_date on;
  civil_date today;
  std::string from_account_id = {};
  std::string transfer_id = {};
};
/// The disbursement's transfer completed, or was refused for good (the saga's steps).
struct settle_disbursement {
  std::string loan_id;
  std::string transfer_id;
};
struct fail_disbursement {
  std::string loan_id;
  std::string transfer_id;
  std::string reason; ///< the refusal's stable code
};
struct record_repayment {
  using reply = loan_snapshot;
  std::string loan_id;
  std::string caller_id;
  std::string repayment_id;
  std::int64_t amount_minor = 0;
  civil_date on;
  civil_date today;
};
struct prepay_loan {
  using reply = loan_snapshot;
  std::string loan_id;
  std::string caller_id;
  std::string prepayment_id;
  std::int64_t amount_minor = 0;
  prepayment_mode mode = prepayment_mode::reduce_term;
  civil_date on;
  civil_date today;
};
struct change_loan_rate {
  using reply = loan_snapshot;
  std::string loan_id;
  std::string caller_id;
  int annual_rate_bps = 0;
  civil_date from; ///< after today
  civil_date today;
};
/// The due-date work up to `today`: a fee for each installment past its grace.
struct charge_late_fees {
  std::string loan_id;
  civil_date today;
};
struct write_off_loan {
  using reply = loan_snapshot;
  std::string loan_id;
  std::string caller_id;
  civil_date on;
  civil_date today;
};
struct close_loan {
  using reply = loan_snapshot;
  std::string loan_id;
  std::string caller_id;
};

// Events.
struct loan_originated { loan_offer offer; };
struct loan_accepted { std::string by; std::string receiving_account_id = {}; };
/// The principal is out: `transfer_id` names the ledger transfer that moved it, "" for none.
struct loan_disbursed { civil_date on; std::string by; std::string transfer_id = {}; };
/// A disbursement through the ledger began: its transfer is under way.
struct disbursement_requested { loan_disbursement disbursement; };
/// The lender's or the borrower's account refused the transfer; nothing moved.
struct disbursement_failed { std::string transfer_id; std::string reason; };
struct repayment_recorded { loan_repayment repayment; };
struct prepayment_recorded {
  std::string prepayment_id;
  civil_date on;
  std::int64_t amount_minor = 0;
  prepayment_mode mode = prepayment_mode::reduce_term;
};
struct loan_rate_changed { civil_date from; int annual_rate_bps = 0; };
struct late_fee_charged { loan_fee fee; };
/// Everything is paid. A payoff inside a period ends it that day with
/// `final_interest_minor`; −1 when the schedule already ended (nothing re-planned).
struct loan_paid_off { civil_date on; std::int64_t final_interest_minor = -1; };
struct loan_written_off {
  civil_date on;
  std::int64_t principal_minor = 0; ///< what was still owed, by part
  std::int64_t interest_minor = 0;
  std::int64_t fees_minor = 0;
};
struct loan_closed { std::string by; };

using loan_event =
  std::variant<loan_originated, loan_accepted, loan_disbursed, repayment_recorded,
               prepayment_recorded, loan_rate_changed, late_fee_charged, loan_paid_off,
               loan_written_off, loan_closed, disbursement_requested, disbursement_failed>;

struct loan_state {
  bool originated = false;
  loan_offer offer;
  loan_status status = loan_status::proposed;
  std::uint64_t version = 0;
  civil_date disbursed_on;
  std::vector<loan_adjustment> adjustments; ///< prepayments, rate changes, payoff
  std::vector<loan_repayment> repayments;
  std::vector<std::string> prepayment_ids;
  std::vector<loan_fee> fees;
  std::int64_t paid_fees = 0;
  std::int64_t paid_interest = 0;
  std::int64_t paid_principal = 0; ///< by installments
  std::int64_t prepaid = 0;        ///< ahead of the schedule
  civil_date last_dated;           ///< the latest repayment, prepayment or disbursement day
  loan_written_off written_off;
  std::string receiving_account_id;              ///< named by the borrower
  loan_disbursement disbursing;                  ///< while its transfer runs; transfer_id "" otherwise
  loan_disbursement disbursed_through;           ///< the completed one through the ledger, if any
  disbursement_failed last_failure;              ///< of the latest refused one
  std::vector<installment> schedule; ///< derived from offer + adjustments (evolve keeps it)
};

/// A loan as its parties see it on `today`: the state (the schedule in it is
/// derived; `repayments` is left empty, the totals paid are in it) and the
/// day it was answered on, for what is due and overdue.
struct loan_snapshot {
  loan_state state;
  civil_date today;
};

PFMS_MESSAGE(loan_snapshot);
PFMS_MESSAGE(originate_loan);
PFMS_MESSAGE(accept_loan);
PFMS_MESSAGE(disburse_loan);
PFMS_MESSAGE(record_repayment);
PFMS_MESSAGE(prepay_loan);
PFMS_MESSAGE(change_loan_rate);
PFMS_MESSAGE(write_off_loan);
PFMS_MESSAGE(close_loan);

/// The commands a loan's actor answers, in its interface's order.
using loan_commands = command_list<originate_loan, accept_loan, disburse_loan, record_repayment, prepay_loan, change_loan_rate, write_off_loan, close_loan>;

/// Whether `user_id` is one of the loan's two user parties.
[[nodiscard]] bool is_party(const loan_state& s, const std::string& user_id);
/// The user who acts for the lender's side: the lender if a user, else the borrower.
[[nodiscard]] const std::string& lender_side(const loan_state& s);
/// The user who acts for the borrower's side: the borrower if a user, else the lender.
[[nodiscard]] const std::string& borrower_side(const loan_state& s);

/// The schedule terms of the loan (from its disbursement day once disbursed).
[[nodiscard]] loan_terms terms_of(const loan_state& s);

[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const originate_loan& c);
[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const accept_loan& c);
/// Without an account: the day only. With one: `disbursement_requested`, or
/// no event for the same transfer again (it is under way or done).
[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const disburse_loan& c);
/// The refusal a disbursement the ledger refused (`reason`, its code) answers.
[[nodiscard]] failure disbursement_refusal(const std::string& reason);
/// No event unless `transfer_id` is the disbursement under way.
[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const settle_disbursement& c);
[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const fail_disbursement& c);
/// Allocates the amount (loan_rules.hpp); a repayment of the whole payoff
/// quote pays the loan off (loan_paid_off follows).
[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const record_repayment& c);
[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const prepay_loan& c);
[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const change_loan_rate& c);
[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const charge_late_fees& c);
[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const write_off_loan& c);
[[nodiscard]] result<std::vector<loan_event>> decide(const loan_state& s, const close_loan& c);

/// `s` after `e`; asserts that nothing owed went negative and that the
/// schedule's principal plus what was prepaid is the principal.
[[nodiscard]] loan_state evolve(loan_state s, const loan_event& e);

} // namespace pfms
