// The loan's decisions: which events a command causes, or why it is refused.

#include "actors/lending/core/loan_core.hpp"
#include "actors/lending/core/loan_error.hpp"
#include "actors/lending/core/loan_position.hpp"
#include "events/money.hpp"

#include <algorithm>

namespace pfms {

namespace {

using events = result<std::vector<loan_event>>;

failure fail(loan_errc code, std::string why) {
  return make_failure(code, std::move(why));
}

status check_party(const loan_party& p, const char* side) {
  const bool user = !p.user_id.empty();
  const bool named = !p.name.empty();
  if (user == named)
    return fail(loan_errc::invalid_party, std::string(side) + " must be a user_id or a name, not both");
  if (named && (p.name.size() > loan_party_name_max
                || std::any_of(p.name.begin(), p.name.end(),
                               [](char c) { return static_cast<unsigned char>(c) < 0x20; })))
    return fail(loan_errc::invalid_party, std::string(side) + " name must be 1 to 100 characters, no control characters");
  return done{};
}

status check_offer(const loan_offer& o, const civil_date& today) {
  if (auto ok = check_party(o.lender, "lender"); !ok)
    return ok;
  if (auto ok = check_party(o.borrower, "borrower"); !ok)
    return ok;
  if (o.lender.user_id.empty() && o.borrower.user_id.empty())
    return fail(loan_errc::invalid_party, "one party must be a user");
  if (!o.lender.user_id.empty() && o.lender.user_id == o.borrower.user_id)
    return fail(loan_errc::invalid_party, "the lender and the borrower must differ");
  if (o.originated_by != o.lender.user_id && o.originated_by != o.borrower.user_id)
    return fail(loan_errc::invalid_party, "the caller must be the lender or the borrower");
  if (!o.receiving_account_id.empty() && o.originated_by != o.borrower.user_id)
    return fail(loan_errc::not_permitted, "only the borrower names a receiving account");
  if (auto unit = currency::parse(o.currency); !unit)
    return unit.error();
  if (o.late_fee.fee_minor < 0 || o.late_fee.fee_minor > loan_principal_max
      || o.late_fee.grace_days < 0 || o.late_fee.grace_days > loan_grace_days_max)
    return fail(loan_errc::invalid_loan_terms, "late_fee_minor must be 0 to 10^15, grace_days 0 to 90");
  if (days_from_civil(o.start_on) > days_from_civil(today) + 366)
    return fail(loan_errc::invalid_loan_terms, "start_on must be within a year from today");
  loan_terms t{o.principal_minor, o.annual_rate_bps, o.term_months, o.type, o.basis, o.start_on, o.first_due};
  if (auto plan = build_schedule(t); !plan)
    return plan.error();
  return done{};
}

status check_amount(std::int64_t amount) {
  if (amount <= 0 || amount > loan_principal_max)
    return fail(loan_errc::invalid_amount, "amount_minor must be 1 to 10^15");
  return done{};
}

// A payment day: not after today, not before the disbursement or an earlier payment.
status check_day(const loan_state& s, const civil_date& on, const civil_date& today) {
  if (today < on)
    return fail(loan_errc::invalid_date, "the day " + to_string(on) + " is in the future");
  if (on < s.last_dated)
    return fail(loan_errc::invalid_date, "the day must not be before " + to_string(s.last_dated));
  return done{};
}

status check_found(const loan_state& s, const std::string& caller) {
  if (!is_party(s, caller))
    return fail(loan_errc::loan_not_found, "no such loan");
  return done{};
}

status check_status(const loan_state& s, loan_status wanted, const char* doing) {
  if (s.status != wanted)
    return fail(loan_errc::loan_state_conflict, std::string("the loan is ") + std::string(to_string(s.status))
                                                  + "; " + doing + " needs it " + std::string(to_string(wanted)));
  return done{};
}

status check_actor(const std::string& caller, const std::string& allowed, const char* who) {
  if (caller != allowed)
    return fail(loan_errc::not_permitted, std::string("only the ") + who + " may do this");
  return done{};
}

template <class... Checks>
status all_of(Checks... checks) {
  status out = done{};
  ((out ? (out = checks(), 0) : 0), ...);
  return out;
}

} // namespace

events decide(const loan_state& s, const originate_loan& c) {
  if (s.originated)
    return s.offer == c.offer ? events(std::vector<loan_event>{})
                              : events(fail(loan_errc::loan_exists, "the loan id is taken"));
  if (auto ok = check_offer(c.offer, c.today); !ok)
    return ok.error();
  return std::vector<loan_event>{loan_originated{c.offer}};
}

events decide(const loan_state& s, const accept_loan& c) {
  const auto& o = s.offer;
  const auto& counterparty = o.originated_by == o.lender.user_id ? o.borrower.user_id : o.lender.user_id;
  if (auto ok = all_of([&] { return check_found(s, c.caller_id); },
                       [&] { return check_status(s, loan_status::proposed, "accepting"); },
                       [&] { return check_actor(c.caller_id, counterparty, "party who did not offer it"); });
      !ok)
    return ok.error();
  if (!c.receiving_account_id.empty() && c.caller_id != o.borrower.user_id)
    return fail(loan_errc::not_permitted, "only the borrower names a receiving account");
  return std::vector<loan_event>{loan_accepted{c.caller_id, c.receiving_account_id}};
}

namespace {

// A disbursement through the ledger, once the plain checks passed.
events decide_ledger_disbursement(const loan_state& s, const disburse_loan& c) {
  if (s.offer.lender.user_id.empty() || s.offer.borrower.user_id.empty())
    return fail(loan_errc::receiving_account_missing,
                "a disbursement through the ledger needs two pfms users as lender and borrower");
  if (s.receiving_account_id.empty())
    return fail(loan_errc::receiving_account_missing,
                "the borrower has named no receiving account (receiving_account_id, when accepting)");
  return std::vector<loan_event>{disbursement_requested{
    {c.transfer_id, c.from_account_id, s.receiving_account_id, c.on, c.caller_id}}};
}

// The same disbursement asked again: where it stands, by its transfer id.
std::optional<events> disbursement_retry(const loan_state& s, const disburse_loan& c) {
  if (c.transfer_id.empty())
    return std::nullopt;
  if (s.disbursing.transfer_id == c.transfer_id) {
    if (s.disbursing.from_account_id != c.from_account_id || s.disbursing.on != c.on)
      return events(fail(loan_errc::loan_state_conflict, "transfer " + c.transfer_id + " was another disbursement"));
    return events(std::vector<loan_event>{});
  }
  if (s.disbursed_through.transfer_id == c.transfer_id)
    return events(std::vector<loan_event>{});
  if (s.last_failure.transfer_id == c.transfer_id)
    return events(disbursement_refusal(s.last_failure.reason));
  return std::nullopt;
}

} // namespace

events decide(const loan_state& s, const disburse_loan& c) {
  if (auto ok = check_found(s, c.caller_id); !ok)
    return ok.error();
  if (auto retry = disbursement_retry(s, c))
    return std::move(*retry);
  if (auto ok = all_of([&] { return check_status(s, loan_status::accepted, "disbursing"); },
                       [&] { return check_actor(c.caller_id, lender_side(s), "lender"); });
      !ok)
    return ok.error();
  if (!s.disbursing.transfer_id.empty())
    return fail(loan_errc::loan_state_conflict, "a disbursement through the ledger is under way");
  if (c.today < c.on || !(c.on < s.offer.first_due))
    return fail(loan_errc::invalid_date, "disbursement must be by today and before the first due date");
  if (!c.from_account_id.empty())
    return decide_ledger_disbursement(s, c);
  return std::vector<loan_event>{loan_disbursed{c.on, c.caller_id}};
}

failure disbursement_refusal(const std::string& reason) {
  return fail(loan_errc::disbursement_refused,
              "the ledger refused the disbursement's transfer (" + reason + "); nothing moved");
}

events decide(const loan_state& s, const settle_disbursement& c) {
  if (s.disbursing.transfer_id.empty() || s.disbursing.transfer_id != c.transfer_id)
    return std::vector<loan_event>{};
  const auto& d = s.disbursing;
  return std::vector<loan_event>{loan_disbursed{d.on, d.by, d.transfer_id}};
}

events decide(const loan_state& s, const fail_disbursement& c) {
  if (s.disbursing.transfer_id.empty() || s.disbursing.transfer_id != c.transfer_id)
    return std::vector<loan_event>{};
  return std::vector<loan_event>{disbursement_failed{c.transfer_id, c.reason}};
}

events decide(const loan_state& s, const record_repayment& c) {
  if (auto ok = all_of([&] { return check_found(s, c.caller_id); },
                       [&] { return check_status(s, loan_status::active, "a repayment"); },
                       [&] { return check_amount(c.amount_minor); },
                       [&] { return check_day(s, c.on, c.today); });
      !ok)
    return ok.error();
  if (std::any_of(s.repayments.begin(), s.repayments.end(),
                  [&](const loan_repayment& r) { return r.repayment_id == c.repayment_id; }))
    return std::vector<loan_event>{};
  const auto quote = quote_on(s, c.on);
  if (c.amount_minor > quote.total_minor)
    return fail(loan_errc::overpayment_refused,
                "paying off on " + to_string(c.on) + " takes " + std::to_string(quote.total_minor));
  if (c.amount_minor == quote.total_minor) {
    const allocation all{quote.fees_minor, quote.interest_minor, quote.principal_minor, 0};
    return std::vector<loan_event>{
      repayment_recorded{{c.repayment_id, c.on, c.amount_minor, all, s.offer.excess_mode, true}},
      loan_paid_off{c.on, quote.ends_period ? quote.final_interest_minor : -1}};
  }
  // What is overdue first, in the loan's order; then the next installment ahead.
  const auto payable = payable_on(s, c.on);
  const auto overdue = allocate(
    c.amount_minor, {payable.fees_minor, payable.due_interest_minor, payable.due_principal_minor},
    s.offer.order);
  const auto ahead = allocate(overdue.excess_minor,
                              {0, payable.next_interest_minor, payable.next_principal_minor},
                              s.offer.order);
  const allocation applied{overdue.fees_minor, overdue.interest_minor + ahead.interest_minor,
                           overdue.principal_minor + ahead.principal_minor, ahead.excess_minor};
  if (applied.excess_minor > 0 && s.offer.overpayment == overpayment_policy::reject)
    return fail(loan_errc::overpayment_refused,
                "at most " + std::to_string(c.amount_minor - applied.excess_minor)
                  + " is payable now, or the payoff of " + std::to_string(quote.total_minor));
  return std::vector<loan_event>{
    repayment_recorded{{c.repayment_id, c.on, c.amount_minor, applied, s.offer.excess_mode, false}}};
}

events decide(const loan_state& s, const prepay_loan& c) {
  if (auto ok = all_of([&] { return check_found(s, c.caller_id); },
                       [&] { return check_status(s, loan_status::active, "a prepayment"); },
                       [&] { return check_actor(c.caller_id, borrower_side(s), "borrower"); },
                       [&] { return check_amount(c.amount_minor); },
                       [&] { return check_day(s, c.on, c.today); });
      !ok)
    return ok.error();
  if (std::find(s.prepayment_ids.begin(), s.prepayment_ids.end(), c.prepayment_id)
      != s.prepayment_ids.end())
    return std::vector<loan_event>{};
  if (const auto payable = payable_on(s, c.on); payable.overdue_minor() > 0)
    return fail(loan_errc::amounts_overdue,
                std::to_string(payable.overdue_minor()) + " is overdue; repay it first");
  const auto ends = std::find_if(s.schedule.begin(), s.schedule.end(),
                                 [&](const installment& i) { return c.on < i.due; });
  const auto room = ends == s.schedule.end() ? 0 : ends->balance_after_minor;
  if (c.amount_minor > room)
    return fail(loan_errc::exceeds_balance,
                "at most " + std::to_string(room)
                  + " can be prepaid now; a repayment of the payoff quote ends the loan");
  std::vector<loan_event> out{prepayment_recorded{c.prepayment_id, c.on, c.amount_minor, c.mode}};
  // The last of the balance, with the installment before it already paid ahead: nothing is owed.
  if (quote_on(evolve(s, out.front()), c.on).total_minor == 0)
    out.push_back(loan_paid_off{c.on, -1});
  return out;
}

events decide(const loan_state& s, const change_loan_rate& c) {
  if (auto ok = all_of([&] { return check_found(s, c.caller_id); },
                       [&] { return check_status(s, loan_status::active, "a rate change"); },
                       [&] { return check_actor(c.caller_id, lender_side(s), "lender"); });
      !ok)
    return ok.error();
  if (c.annual_rate_bps < 0 || c.annual_rate_bps > loan_rate_bps_max)
    return fail(loan_errc::invalid_loan_terms, "annual_rate_bps must be 0 to 100000");
  if (!(c.today < c.from))
    return fail(loan_errc::invalid_date, "a rate change applies from a day after today");
  for (const auto& a : s.adjustments)
    if (a.what == loan_adjustment::kind::rate_change && c.from < a.on)
      return fail(loan_errc::invalid_date, "an earlier change applies from " + to_string(a.on));
  return std::vector<loan_event>{loan_rate_changed{c.from, c.annual_rate_bps}};
}

events decide(const loan_state& s, const charge_late_fees& c) {
  std::vector<loan_event> out;
  if (s.status != loan_status::active || s.offer.late_fee.fee_minor == 0)
    return out;
  const auto covers = covers_of(s);
  const auto today = days_from_civil(c.today);
  for (std::size_t i = 0; i < s.schedule.size(); ++i) {
    const int number = static_cast<int>(i) + 1;
    const bool charged = std::any_of(s.fees.begin(), s.fees.end(),
                                     [&](const loan_fee& f) { return f.installment == number; });
    const auto late = today - days_from_civil(s.schedule[i].due);
    if (!charged && !covers[i].paid(s.schedule[i]) && late > s.offer.late_fee.grace_days)
      out.push_back(late_fee_charged{{number, c.today, s.offer.late_fee.fee_minor}});
  }
  return out;
}

events decide(const loan_state& s, const write_off_loan& c) {
  if (auto ok = all_of([&] { return check_found(s, c.caller_id); },
                       [&] { return check_status(s, loan_status::active, "a write-off"); },
                       [&] { return check_actor(c.caller_id, lender_side(s), "lender"); },
                       [&] { return check_day(s, c.on, c.today); });
      !ok)
    return ok.error();
  const auto quote = quote_on(s, c.on);
  return std::vector<loan_event>{
    loan_written_off{c.on, quote.principal_minor, quote.interest_minor, quote.fees_minor}};
}

events decide(const loan_state& s, const close_loan& c) {
  if (auto ok = check_found(s, c.caller_id); !ok)
    return ok.error();
  if (s.status == loan_status::active || s.status == loan_status::closed)
    return fail(loan_errc::loan_state_conflict,
                std::string("the loan is ") + std::string(to_string(s.status))
                  + "; only an offer, a paid-off or a written-off loan closes");
  if (!s.disbursing.transfer_id.empty()) // its transfer may still move the money
    return fail(loan_errc::loan_state_conflict,
                "a disbursement through the ledger is under way; the loan closes once it failed");
  return std::vector<loan_event>{loan_closed{c.caller_id}};
}

} // namespace pfms
