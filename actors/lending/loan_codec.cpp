#include "actors/lending/loan_codec.hpp"

#include "actors/runtime/codec_support.hpp"
#include "actors/runtime/event_codec.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "events/proto/loan.pb.h"
#include "events/store_error.hpp"

#include <optional>

namespace pfms {

namespace {

// A named party's name is sealed under the key of the user who wrote the offer.
void put(const loan_party& from, const char* role, const sealer& seal, pb::LoanParty* to) {
  to->set_user_id(from.user_id);
  if (!from.name.empty())
    to->set_sealed_name(seal_text(seal, std::string("name/") + role, from.name));
}

std::string payload_of(const loan_originated& e, const writer_keys& keys) {
  const auto& o = e.offer;
  pb::LoanOriginated m;
  m.set_loan_id(o.loan_id);
  const bool named = !o.lender.name.empty() || !o.borrower.name.empty();
  const sealer none;
  const auto& seal = named ? keys.known(o.originated_by) : none;
  put(o.lender, "lender", seal, m.mutable_lender());
  put(o.borrower, "borrower", seal, m.mutable_borrower());
  m.set_currency(o.currency);
  m.set_principal_minor(o.principal_minor);
  m.set_annual_rate_bps(o.annual_rate_bps);
  m.set_term_months(o.term_months);
  m.set_schedule(std::string(to_string(o.type)));
  m.set_day_count(std::string(to_string(o.basis)));
  m.set_start_on(to_string(o.start_on));
  m.set_first_due_on(to_string(o.first_due));
  m.set_allocation(std::string(to_string(o.order)));
  m.set_overpayment(std::string(to_string(o.overpayment)));
  m.set_excess_mode(std::string(to_string(o.excess_mode)));
  m.set_late_fee_minor(o.late_fee.fee_minor);
  m.set_grace_days(o.late_fee.grace_days);
  m.set_originated_by(o.originated_by);
  m.set_receiving_account_id(o.receiving_account_id);
  return m.SerializeAsString();
}

std::string payload_of(const loan_accepted& e, const writer_keys&) {
  pb::LoanAccepted m;
  m.set_by(e.by);
  m.set_receiving_account_id(e.receiving_account_id);
  return m.SerializeAsString();
}

std::string payload_of(const loan_disbursed& e, const writer_keys&) {
  pb::LoanDisbursed m;
  m.set_on(to_string(e.on));
  m.set_by(e.by);
  m.set_transfer_id(e.transfer_id);
  return m.SerializeAsString();
}

std::string payload_of(const disbursement_requested& e, const writer_keys&) {
  const auto& d = e.disbursement;
  pb::DisbursementRequested m;
  m.set_transfer_id(d.transfer_id);
  m.set_from_account_id(d.from_account_id);
  m.set_to_account_id(d.to_account_id);
  m.set_on(to_string(d.on));
  m.set_by(d.by);
  return m.SerializeAsString();
}

std::string payload_of(const disbursement_failed& e, const writer_keys&) {
  pb::DisbursementFailed m;
  m.set_transfer_id(e.transfer_id);
  m.set_reason(e.reason);
  return m.SerializeAsString();
}

std::string payload_of(const repayment_recorded& e, const writer_keys&) {
  const auto& r = e.repayment;
  pb::RepaymentRecorded m;
  m.set_repayment_id(r.repayment_id);
  m.set_on(to_string(r.on));
  m.set_amount_minor(r.amount_minor);
  m.set_fees_minor(r.applied.fees_minor);
  m.set_interest_minor(r.applied.interest_minor);
  m.set_principal_minor(r.applied.principal_minor);
  m.set_prepaid_minor(r.applied.excess_minor);
  m.set_mode(std::string(to_string(r.mode)));
  m.set_payoff(r.payoff);
  return m.SerializeAsString();
}

std::string payload_of(const prepayment_recorded& e, const writer_keys&) {
  pb::PrepaymentRecorded m;
  m.set_prepayment_id(e.prepayment_id);
  m.set_on(to_string(e.on));
  m.set_amount_minor(e.amount_minor);
  m.set_mode(std::string(to_string(e.mode)));
  return m.SerializeAsString();
}

std::string payload_of(const loan_rate_changed& e, const writer_keys&) {
  pb::LoanRateChanged m;
  m.set_from(to_string(e.from));
  m.set_annual_rate_bps(e.annual_rate_bps);
  return m.SerializeAsString();
}

std::string payload_of(const late_fee_charged& e, const writer_keys&) {
  pb::LateFeeCharged m;
  m.set_installment(e.fee.installment);
  m.set_on(to_string(e.fee.on));
  m.set_fee_minor(e.fee.amount_minor);
  return m.SerializeAsString();
}

std::string payload_of(const loan_paid_off& e, const writer_keys&) {
  pb::LoanPaidOff m;
  m.set_on(to_string(e.on));
  m.set_final_interest_minor(e.final_interest_minor);
  return m.SerializeAsString();
}

std::string payload_of(const loan_written_off& e, const writer_keys&) {
  pb::LoanWrittenOff m;
  m.set_on(to_string(e.on));
  m.set_principal_minor(e.principal_minor);
  m.set_interest_minor(e.interest_minor);
  m.set_fees_minor(e.fees_minor);
  return m.SerializeAsString();
}

std::string payload_of(const loan_closed& e, const writer_keys&) {
  pb::LoanClosed m;
  m.set_by(e.by);
  return m.SerializeAsString();
}


// Reads names and days of a payload; `ok` turns false at the first bad one.
struct reader {
  bool ok = true;
  civil_date day(const std::string& text) {
    auto d = parse_civil_date(text);
    ok = ok && static_cast<bool>(d);
    return d ? *d : civil_date{};
  }
  template <class T>
  T name(const result<T>& parsed) {
    ok = ok && static_cast<bool>(parsed);
    return parsed ? *parsed : T{};
  }
};

std::optional<loan_event> read_offer(const pb::LoanOriginated& m) {
  reader r;
  loan_offer o{m.loan_id(), {m.lender().user_id(), m.lender().name()},
               {m.borrower().user_id(), m.borrower().name()}, m.currency(), m.principal_minor(),
               m.annual_rate_bps(), m.term_months(),
               r.name(parse_schedule_type(m.schedule())), r.name(parse_day_count(m.day_count())),
               r.day(m.start_on()), r.day(m.first_due_on()),
               r.name(parse_allocation_order(m.allocation())),
               r.name(parse_overpayment_policy(m.overpayment())),
               r.name(parse_prepayment_mode(m.excess_mode())),
               {m.late_fee_minor(), m.grace_days()}, m.originated_by(),
               m.receiving_account_id()};
  return r.ok ? std::optional<loan_event>(loan_originated{std::move(o)}) : std::nullopt;
}

std::optional<loan_event> read(const pb::LoanAccepted& m, writer_keys&) {
  return loan_accepted{m.by(), m.receiving_account_id()};
}
std::optional<loan_event> read(const pb::LoanClosed& m, writer_keys&) { return loan_closed{m.by()}; }

std::optional<loan_event> read(const pb::LoanDisbursed& m, writer_keys&) {
  reader r;
  loan_disbursed e{r.day(m.on()), m.by(), m.transfer_id()};
  return r.ok ? std::optional<loan_event>(e) : std::nullopt;
}

std::optional<loan_event> read(const pb::DisbursementRequested& m, writer_keys&) {
  reader r;
  disbursement_requested e{{m.transfer_id(), m.from_account_id(), m.to_account_id(), r.day(m.on()), m.by()}};
  return r.ok && !m.transfer_id().empty() ? std::optional<loan_event>(e) : std::nullopt;
}

std::optional<loan_event> read(const pb::DisbursementFailed& m, writer_keys&) {
  if (m.transfer_id().empty())
    return std::nullopt;
  return disbursement_failed{m.transfer_id(), m.reason()};
}

std::optional<loan_event> read(const pb::RepaymentRecorded& m, writer_keys&) {
  reader r;
  loan_repayment p{m.repayment_id(), r.day(m.on()), m.amount_minor(),
                   {m.fees_minor(), m.interest_minor(), m.principal_minor(), m.prepaid_minor()},
                   r.name(parse_prepayment_mode(m.mode())), m.payoff()};
  const bool sums = p.applied.fees_minor + p.applied.interest_minor + p.applied.principal_minor
                      + p.applied.excess_minor == p.amount_minor;
  return r.ok && sums ? std::optional<loan_event>(repayment_recorded{p}) : std::nullopt;
}

std::optional<loan_event> read(const pb::PrepaymentRecorded& m, writer_keys&) {
  reader r;
  prepayment_recorded e{m.prepayment_id(), r.day(m.on()), m.amount_minor(),
                        r.name(parse_prepayment_mode(m.mode()))};
  return r.ok && e.amount_minor > 0 ? std::optional<loan_event>(e) : std::nullopt;
}

std::optional<loan_event> read(const pb::LoanRateChanged& m, writer_keys&) {
  reader r;
  loan_rate_changed e{r.day(m.from()), m.annual_rate_bps()};
  return r.ok ? std::optional<loan_event>(e) : std::nullopt;
}

std::optional<loan_event> read(const pb::LateFeeCharged& m, writer_keys&) {
  reader r;
  late_fee_charged e{{m.installment(), r.day(m.on()), m.fee_minor()}};
  return r.ok ? std::optional<loan_event>(e) : std::nullopt;
}

std::optional<loan_event> read(const pb::LoanPaidOff& m, writer_keys&) {
  reader r;
  loan_paid_off e{r.day(m.on()), m.final_interest_minor()};
  return r.ok ? std::optional<loan_event>(e) : std::nullopt;
}

std::optional<loan_event> read(const pb::LoanWrittenOff& m, writer_keys&) {
  reader r;
  loan_written_off e{r.day(m.on()), m.principal_minor(), m.interest_minor(), m.fees_minor()};
  return r.ok ? std::optional<loan_event>(e) : std::nullopt;
}

// The offer with its named party's name opened by the key of its writer.
std::optional<loan_event> read(const pb::LoanOriginated& sealed, writer_keys& keys) {
  pb::LoanOriginated m = sealed;
  for (auto [party, role] : {std::pair{m.mutable_lender(), "lender"},
                              std::pair{m.mutable_borrower(), "borrower"}}) {
    if (party->sealed_name().empty())
      continue;
    auto name = writer_text(keys, m.originated_by(), std::string("name/") + role,
                            party->sealed_name(), party->name());
    if (!name)
      return std::nullopt;
    party->set_name(std::move(*name));
  }
  return read_offer(m);
}

using loan_codec = runtime::event_codec<
  loan_event, runtime::stored_as<"LoanOriginated", loan_originated, pb::LoanOriginated>,
  runtime::stored_as<"LoanAccepted", loan_accepted, pb::LoanAccepted>,
  runtime::stored_as<"LoanDisbursed", loan_disbursed, pb::LoanDisbursed>,
  runtime::stored_as<"RepaymentRecorded", repayment_recorded, pb::RepaymentRecorded>,
  runtime::stored_as<"PrepaymentRecorded", prepayment_recorded, pb::PrepaymentRecorded>,
  runtime::stored_as<"LoanRateChanged", loan_rate_changed, pb::LoanRateChanged>,
  runtime::stored_as<"LateFeeCharged", late_fee_charged, pb::LateFeeCharged>,
  runtime::stored_as<"LoanPaidOff", loan_paid_off, pb::LoanPaidOff>,
  runtime::stored_as<"LoanWrittenOff", loan_written_off, pb::LoanWrittenOff>,
  runtime::stored_as<"LoanClosed", loan_closed, pb::LoanClosed>,
  runtime::stored_as<"DisbursementRequested", disbursement_requested, pb::DisbursementRequested>,
  runtime::stored_as<"DisbursementFailed", disbursement_failed, pb::DisbursementFailed>>;

} // namespace

std::string loan_stream(std::string_view loan_id) {
  return "loan-" + std::string(loan_id);
}

new_event encode_loan_event(const loan_event& event, event_metadata meta,
                            const writer_keys& keys) {
  return loan_codec::encode(event, std::move(meta),
                            [&](const auto& e) { return payload_of(e, keys); });
}

status prepare_text_keys(const std::vector<loan_event>& events, writer_keys& keys,
                         event_store& store) {
  for (const auto& event : events)
    if (const auto* o = std::get_if<loan_originated>(&event))
      if (!o->offer.lender.name.empty() || !o->offer.borrower.name.empty())
        if (auto ready = keys.prepare(store, o->offer.originated_by); !ready)
          return ready;
  return done{};
}

result<loan_event> decode_loan_event(const recorded_event& e, writer_keys& keys) {
  return loan_codec::decode(e, [&](const auto& m) { return read(m, keys); });
}

} // namespace pfms
