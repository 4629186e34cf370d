// The names of the loan's choices, as events and JSON spell them.

#include "actors/lending/core/loan_core.hpp"
#include "actors/lending/core/loan_error.hpp"

#include <charconv>
#include <cstdio>

namespace pfms {

namespace {

failure bad(std::string why) {
  return make_failure(loan_errc::invalid_loan_terms, std::move(why));
}

int number(std::string_view text) {
  int out = -1;
  if (std::from_chars(text.data(), text.data() + text.size(), out).ptr != text.data() + text.size())
    return -1;
  return out;
}

} // namespace

std::string_view to_string(schedule_type t) {
  switch (t) {
    case schedule_type::annuity: return "annuity";
    case schedule_type::equal_principal: return "equal_principal";
    case schedule_type::interest_only: return "interest_only";
  }
  return "annuity";
}

std::string_view to_string(day_count d) {
  return d == day_count::actual_365 ? "actual/365" : "30/360";
}

std::string_view to_string(allocation_order o) {
  return o == allocation_order::interest_fees_principal ? "interest_fees_principal"
                                                        : "fees_interest_principal";
}

std::string_view to_string(overpayment_policy p) {
  return p == overpayment_policy::reject ? "reject" : "prepay";
}

std::string_view to_string(prepayment_mode m) {
  return m == prepayment_mode::reduce_installment ? "reduce_installment" : "reduce_term";
}

result<allocation_order> parse_allocation_order(std::string_view text) {
  if (text == "fees_interest_principal")
    return allocation_order::fees_interest_principal;
  if (text == "interest_fees_principal")
    return allocation_order::interest_fees_principal;
  return bad("allocation must be fees_interest_principal or interest_fees_principal");
}

result<overpayment_policy> parse_overpayment_policy(std::string_view text) {
  if (text == "prepay")
    return overpayment_policy::prepay;
  if (text == "reject")
    return overpayment_policy::reject;
  return bad("overpayment must be prepay or reject");
}

result<prepayment_mode> parse_prepayment_mode(std::string_view text) {
  if (text == "reduce_term")
    return prepayment_mode::reduce_term;
  if (text == "reduce_installment")
    return prepayment_mode::reduce_installment;
  return bad("mode must be reduce_term or reduce_installment");
}

result<civil_date> parse_civil_date(std::string_view text) {
  const auto invalid = [&] {
    return make_failure(loan_errc::invalid_date, "a day is YYYY-MM-DD, from 1970 on");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-')
    return invalid();
  const civil_date d{number(text.substr(0, 4)), number(text.substr(5, 2)), number(text.substr(8, 2))};
  if (d.year < 1970 || d.month < 1 || d.month > 12 || d.day < 1
      || civil_from_days(days_from_civil(d)) != d)
    return invalid();
  return d;
}

std::string to_string(const civil_date& d) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", d.year, d.month, d.day);
  return out;
}

} // namespace pfms
