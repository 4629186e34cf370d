#pragma once

// Loans in JSON: the body of POST /loans, and the loan, its schedule, a
// what-if and a payoff quote as answered. Days are "YYYY-MM-DD" (UTC).

#include "actors/lending/core/loan_position.hpp"
#include "actors/lending/loan_messages.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/json_body.hpp"

#include <boost/json/object.hpp>

namespace pfms {

/// The offer in the body of POST /loans, by `caller_id`; `today` fills
/// start_on when absent. Field errors name the field.
[[nodiscard]] result<loan_offer> parse_loan_offer(const http_request& request,
                                                  std::string loan_id, const civil_date& today);

/// The day under `key`, or `civil_date{}` ("today") when absent.
[[nodiscard]] result<civil_date> optional_day(const json_body& body, std::string_view key);

/// The terms as offered.
[[nodiscard]] boost::json::object offer_json(const loan_offer& o);
/// A party: `{user_id}` for a pfms user, `{name}` for an outside one.
[[nodiscard]] boost::json::object party_json(const loan_party& p);
/// A disbursement through the ledger, with where it stands.
[[nodiscard]] boost::json::object disbursement_json(const loan_disbursement& d,
                                                    std::string_view status);
/// A loan event's content (pfmsctl replay).
[[nodiscard]] boost::json::object loan_event_json(const loan_event& e);

/// The loan on `s.today`: its terms (the rate in effect), status, what is
/// paid and outstanding, and how late.
[[nodiscard]] boost::json::object loan_json(const loan_snapshot& s);
/// The installments with what is paid of each and their status on `today`.
[[nodiscard]] boost::json::array installments_json(const loan_state& s, const civil_date& today);
[[nodiscard]] boost::json::object schedule_json(const loan_snapshot& s);
[[nodiscard]] boost::json::object quote_json(const std::string& loan_id, const payoff_quote& q);

} // namespace pfms
