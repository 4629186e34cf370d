#include "http/lending/loan_json.hpp"

#include "actors/lending/core/loan_error.hpp"
#include "http/runtime/request_error.hpp"

#include <algorithm>

namespace pfms {

namespace {

result<loan_party> party_of(const json_body& body, std::string_view key) {
  auto side = body.object_field(key, {"user_id", "name"});
  if (!side)
    return side.error();
  auto user = side->optional_string_field("user_id");
  auto name = user ? side->optional_string_field("name") : user;
  if (!name)
    return name.error();
  return loan_party{*user, *name};
}

// Where the receiving account and a disbursement through the ledger stand.
void add_ledger_link(boost::json::object& out, const loan_state& s) {
  if (!s.receiving_account_id.empty())
    out["receiving_account_id"] = s.receiving_account_id;
  if (!s.disbursing.transfer_id.empty())
    out["disbursement"] = disbursement_json(s.disbursing, "pending");
  else if (!s.disbursed_through.transfer_id.empty())
    out["disbursement"] = disbursement_json(s.disbursed_through, "completed");
  if (!s.last_failure.transfer_id.empty())
    out["last_disbursement_failure"] = {{"transfer_id", s.last_failure.transfer_id},
                                        {"reason", s.last_failure.reason}};
}


// A text field parsed by `parse`, `fallback` when absent.
template <class T, class Parse>
result<T> choice(const json_body& body, std::string_view key, T fallback, Parse parse) {
  auto text = body.optional_string_field(key);
  if (!text)
    return text.error();
  if (text->empty())
    return fallback;
  return parse(*text);
}

// An int field that must fit an int.
result<int> small_int(const json_body& body, std::string_view key, bool required) {
  auto value = required ? body.int_field(key) : body.optional_int_field(key);
  if (!value)
    return value.error();
  if (*value < INT32_MIN || *value > INT32_MAX)
    return make_failure(loan_errc::invalid_loan_terms, std::string(key) + " is out of range");
  return static_cast<int>(*value);
}

int current_rate(const loan_state& s, const civil_date& today) {
  int rate = s.offer.annual_rate_bps;
  for (const auto& a : s.adjustments)
    if (a.what == loan_adjustment::kind::rate_change && !(today < a.on))
      rate = a.rate_bps;
  return rate;
}

std::string_view installment_status(const installment& i, const installment_cover& c,
                                    const civil_date& today) {
  if (c.paid(i))
    return "paid";
  if (i.due < today)
    return "overdue";
  if (i.due == today)
    return "due";
  return c.interest_paid_minor + c.principal_paid_minor > 0 ? "partly_paid" : "upcoming";
}

} // namespace

boost::json::object party_json(const loan_party& p) {
  if (p.user_id.empty())
    return {{"name", p.name}};
  return {{"user_id", p.user_id}};
}

boost::json::object disbursement_json(const loan_disbursement& d, std::string_view status) {
  return {{"transfer_id", d.transfer_id}, {"from_account_id", d.from_account_id},
          {"to_account_id", d.to_account_id}, {"on", to_string(d.on)}, {"status", status}};
}


result<civil_date> optional_day(const json_body& body, std::string_view key) {
  auto text = body.optional_string_field(key);
  if (!text)
    return text.error();
  if (text->empty())
    return civil_date{};
  return parse_civil_date(*text);
}

result<loan_offer> parse_loan_offer(const http_request& request, std::string loan_id,
                                    const civil_date& today) {
  auto body = json_body::parse(
    request.body, {"lender", "borrower", "currency", "principal_minor", "annual_rate_bps",
                   "term_months", "schedule", "day_count", "start_on", "first_due_on",
                   "allocation", "overpayment", "excess_mode", "late_fee",
                   "receiving_account_id"});
  if (!body)
    return body.error();
  loan_offer o;
  o.loan_id = std::move(loan_id);
  o.originated_by = request.caller_id;
  auto lender = party_of(*body, "lender");
  auto borrower = lender ? party_of(*body, "borrower") : lender;
  auto currency = borrower ? body->string_field("currency") : result<std::string>(borrower.error());
  auto principal = currency ? body->int_field("principal_minor") : result<std::int64_t>(currency.error());
  auto rate = principal ? small_int(*body, "annual_rate_bps", true) : result<int>(principal.error());
  auto term = rate ? small_int(*body, "term_months", true) : rate;
  auto type = term ? choice(*body, "schedule", schedule_type::annuity, parse_schedule_type)
                   : result<schedule_type>(term.error());
  auto basis = type ? choice(*body, "day_count", day_count::thirty_360, parse_day_count)
                    : result<day_count>(type.error());
  auto start = basis ? optional_day(*body, "start_on") : result<civil_date>(basis.error());
  auto first = start ? body->string_field("first_due_on") : result<std::string>(start.error());
  auto first_due = first ? parse_civil_date(*first) : result<civil_date>(first.error());
  auto order = first_due ? choice(*body, "allocation", allocation_order::fees_interest_principal,
                                  parse_allocation_order)
                         : result<allocation_order>(first_due.error());
  auto over = order ? choice(*body, "overpayment", overpayment_policy::prepay, parse_overpayment_policy)
                    : result<overpayment_policy>(order.error());
  auto mode = over ? choice(*body, "excess_mode", prepayment_mode::reduce_term, parse_prepayment_mode)
                   : result<prepayment_mode>(over.error());
  auto receiving = mode ? body->optional_string_field("receiving_account_id")
                        : result<std::string>(mode.error());
  if (!receiving)
    return receiving.error();
  if (body->has("late_fee")) {
    auto fee = body->object_field("late_fee", {"fee_minor", "grace_days"});
    auto amount = fee ? fee->int_field("fee_minor") : result<std::int64_t>(fee.error());
    auto grace = amount ? small_int(*fee, "grace_days", false) : result<int>(amount.error());
    if (!grace)
      return grace.error();
    o.late_fee = {*amount, *grace};
  }
  o.lender = *lender;
  o.borrower = *borrower;
  o.currency = *currency;
  o.principal_minor = *principal;
  o.annual_rate_bps = *rate;
  o.term_months = *term;
  o.type = *type;
  o.basis = *basis;
  o.start_on = *start == civil_date{} ? today : *start;
  o.first_due = *first_due;
  o.order = *order;
  o.overpayment = *over;
  o.excess_mode = *mode;
  o.receiving_account_id = *receiving;
  return o;
}

boost::json::array installments_json(const loan_state& s, const civil_date& today) {
  const auto covers = covers_of(s);
  boost::json::array out;
  for (std::size_t i = 0; i < s.schedule.size(); ++i) {
    const auto& x = s.schedule[i];
    const int number = static_cast<int>(i) + 1;
    std::int64_t fee = 0;
    for (const auto& f : s.fees)
      fee += f.installment == number ? f.amount_minor : 0;
    out.push_back(boost::json::object{
      {"number", number}, {"due_on", to_string(x.due)}, {"principal_minor", x.principal_minor},
      {"interest_minor", x.interest_minor}, {"total_minor", x.total_minor},
      {"balance_after_minor", x.balance_after_minor},
      {"paid_interest_minor", covers[i].interest_paid_minor},
      {"paid_principal_minor", covers[i].principal_paid_minor}, {"late_fee_minor", fee},
      {"status", s.status == loan_status::active ? installment_status(x, covers[i], today)
                 : s.status == loan_status::paid_off ? "paid" : "not_due"}});
  }
  return out;
}

boost::json::object offer_json(const loan_offer& o) {
  return {
    {"id", o.loan_id}, {"lender", party_json(o.lender)}, {"borrower", party_json(o.borrower)},
    {"currency", o.currency}, {"principal_minor", o.principal_minor},
    {"annual_rate_bps", o.annual_rate_bps}, {"term_months", o.term_months},
    {"schedule", to_string(o.type)}, {"day_count", to_string(o.basis)},
    {"start_on", to_string(o.start_on)}, {"first_due_on", to_string(o.first_due)},
    {"allocation", to_string(o.order)}, {"overpayment", to_string(o.overpayment)},
    {"excess_mode", to_string(o.excess_mode)},
    {"late_fee", {{"fee_minor", o.late_fee.fee_minor}, {"grace_days", o.late_fee.grace_days}}},
    {"originated_by", o.originated_by}};
}

boost::json::object loan_json(const loan_snapshot& snap) {
  const auto& s = snap.state;
  const auto late = days_overdue(s, snap.today);
  auto out = offer_json(s.offer);
  out["annual_rate_bps"] = current_rate(s, snap.today);
  for (auto& [key, value] : boost::json::object{
         {"status", to_string(s.status)}, {"version", s.version},
         {"as_of", to_string(snap.today)},
         {"principal_outstanding_minor", principal_outstanding(s)},
         {"fees_outstanding_minor", fees_outstanding(s)},
         {"paid", {{"fees_minor", s.paid_fees}, {"interest_minor", s.paid_interest},
                   {"principal_minor", s.paid_principal}, {"prepaid_minor", s.prepaid}}},
         {"days_past_due", late}, {"delinquency", to_string(bucket_of(late))}})
    out[key] = std::move(value);
  if (s.status >= loan_status::active)
    out["disbursed_on"] = to_string(s.disbursed_on);
  add_ledger_link(out, s);
  if (s.status == loan_status::active) {
    const auto payable = payable_on(s, snap.today);
    out["overdue_minor"] = payable.overdue_minor();
    if (static_cast<std::size_t>(payable.next_installment) < s.schedule.size())
      out["next_due"] = {{"number", payable.next_installment + 1},
                         {"due_on", to_string(s.schedule[payable.next_installment].due)},
                         {"amount_minor", payable.next_interest_minor + payable.next_principal_minor}};
  }
  if (s.status == loan_status::written_off)
    out["written_off"] = {{"on", to_string(s.written_off.on)},
                          {"principal_minor", s.written_off.principal_minor},
                          {"interest_minor", s.written_off.interest_minor},
                          {"fees_minor", s.written_off.fees_minor}};
  return out;
}

boost::json::object schedule_json(const loan_snapshot& snap) {
  const auto& s = snap.state;
  std::int64_t interest = 0;
  for (const auto& i : s.schedule)
    interest += i.interest_minor;
  return {{"loan_id", s.offer.loan_id}, {"as_of", to_string(snap.today)},
          {"items", installments_json(s, snap.today)}, {"total_interest_minor", interest},
          {"prepaid_minor", s.prepaid}, {"version", s.version}};
}

boost::json::object quote_json(const std::string& loan_id, const payoff_quote& q) {
  return {{"loan_id", loan_id},           {"on", to_string(q.on)},
          {"fees_minor", q.fees_minor},   {"interest_minor", q.interest_minor},
          {"principal_minor", q.principal_minor}, {"total_minor", q.total_minor}};
}

} // namespace pfms
