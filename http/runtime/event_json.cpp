#include "http/runtime/event_json.hpp"

#include "events/hash_chain.hpp"
#include "http/runtime/rfc3339.hpp"

namespace pfms {

namespace {

constexpr const char* redacted = "[redacted]";

struct user_renderer {
  boost::json::object operator()(const user_registered& e) const {
    return {{"user_id", e.user_id}, {"email", e.email}, {"display_name", e.display_name},
            {"password_hash", redacted}};
  }
  boost::json::object operator()(const session_started& e) const {
    return {{"session_id", e.family_id}, {"token_hash", redacted},
            {"started_at", format_rfc3339(e.started_at_us)},
            {"expires_at", format_rfc3339(e.expires_at_us)}};
  }
  boost::json::object operator()(const session_rotated& e) const {
    return {{"session_id", e.family_id}, {"token_hash", redacted},
            {"expires_at", format_rfc3339(e.expires_at_us)}};
  }
  boost::json::object operator()(const session_revoked& e) const {
    return {{"session_id", e.family_id}};
  }
  boost::json::object operator()(const session_ended& e) const {
    return {{"session_id", e.family_id}};
  }
  boost::json::object operator()(const password_changed& e) const {
    return {{"password_hash", redacted}, {"rehash", e.rehash}};
  }
  boost::json::object operator()(const profile_changed& e) const {
    return {{"display_name", e.display_name}, {"base_currency", e.base_currency},
            {"time_zone", e.time_zone}, {"locale", e.locale}};
  }
  boost::json::object operator()(const user_erased&) const { return {}; }
  boost::json::object operator()(const email_changed& e) const { return {{"email", e.email}}; }
  boost::json::object operator()(const category_defined& e) const {
    return {{"name", e.name}, {"tax_category", e.tax_category}};
  }
};

} // namespace

boost::json::object transaction_json(const transaction_recorded& t) {
  boost::json::array tags, splits;
  for (const auto& tag : t.tags)
    tags.emplace_back(tag);
  for (const auto& line : t.splits)
    splits.push_back(boost::json::object{{"category", line.category},
                                         {"amount_minor", line.amount_minor}});
  return {{"transaction_id", t.transaction_id}, {"kind", to_string(t.kind)},
          {"amount_minor", t.amount_minor},     {"currency", t.currency},
          {"occurred_at", format_rfc3339(t.occurred_at_us)},
          {"category", t.category},             {"note", t.note},
          {"payee", t.payee},                   {"tags", std::move(tags)},
          {"splits", std::move(splits)}};
}

boost::json::object account_event_json(const account_event& event) {
  if (const auto* o = std::get_if<account_opened>(&event))
    return {{"account_id", o->account_id},
            {"name", o->name},
            {"kind", to_string(o->kind)},
            {"currency", o->currency},
            {"opening_balance_minor", o->opening_balance_minor},
            {"credit_limit_minor", o->credit_limit_minor}};
  if (const auto* r = std::get_if<account_renamed>(&event))
    return {{"name", r->name}};
  if (std::holds_alternative<account_closed>(event))
    return {};
  if (const auto* a = std::get_if<transaction_amended>(&event))
    return {{"before", transaction_json(a->before)}, {"now", transaction_json(a->now)},
            {"override_lock", a->override_lock}};
  if (const auto* v = std::get_if<transaction_voided>(&event))
    return {{"before", transaction_json(v->before)}, {"override_lock", v->override_lock}};
  if (const auto* r = std::get_if<account_reconciled>(&event))
    return {{"statement_date", format_rfc3339(r->statement_date_us)},
            {"statement_balance_minor", r->statement_balance_minor},
            {"computed_balance_minor", r->computed_balance_minor},
            {"matched", r->matched}};
  if (const auto* h = std::get_if<transfer_held>(&event))
    return {{"transfer_id", h->transfer_id},     {"to_account_id", h->to_account_id},
            {"amount_minor", h->amount_minor},   {"to_currency", h->to_currency},
            {"to_amount_minor", h->to_amount_minor},
            {"occurred_at", format_rfc3339(h->occurred_at_us)}};
  if (const auto* c = std::get_if<transfer_credited>(&event))
    return {{"transfer_id", c->transfer_id},     {"from_account_id", c->from_account_id},
            {"amount_minor", c->amount_minor},   {"from_currency", c->from_currency},
            {"from_amount_minor", c->from_amount_minor},
            {"occurred_at", format_rfc3339(c->occurred_at_us)}};
  if (const auto* t = std::get_if<transfer_settled>(&event))
    return {{"transfer_id", t->transfer_id}};
  if (const auto* t = std::get_if<transfer_claimed>(&event))
    return {{"transfer_id", t->transfer_id}, {"claim", t->claim}};
  if (const auto* t = std::get_if<transfer_released>(&event))
    return {{"transfer_id", t->transfer_id}, {"reason", t->reason},
            {"amount_minor", t->held.amount_minor}};
  return transaction_json(std::get<transaction_recorded>(event));
}

boost::json::object account_state_json(const account_state& s) {
  return {{"account_id", s.account_id},       {"name", s.name},
          {"kind", to_string(s.kind)},        {"currency", s.currency},
          {"balance_minor", s.balance_minor}, {"credit_limit_minor", s.credit_limit_minor},
          {"closed", s.closed},               {"version", s.version}};
}

boost::json::object user_event_json(const user_event& event) {
  return std::visit(user_renderer{}, event);
}

boost::json::object user_state_json(const user_state& s) {
  boost::json::object categories;
  for (const auto& [name, tax] : s.categories)
    categories[name] = tax;
  boost::json::array sessions; // never their token hashes
  for (const auto& [id, live] : s.sessions)
    sessions.push_back(boost::json::object{{"session_id", id},
                                           {"started_at", format_rfc3339(live.started_at_us)},
                                           {"expires_at", format_rfc3339(live.expires_at_us)}});
  return {{"user_id", s.user_id},
          {"registered", s.registered},
          {"erased", s.erased},
          {"email", s.email},
          {"display_name", s.display_name},
          {"base_currency", s.base_currency},
          {"time_zone", s.time_zone},
          {"locale", s.locale},
          {"categories", std::move(categories)},
          {"sessions", std::move(sessions)},
          {"version", s.version}};
}

boost::json::object recorded_json(const recorded_event& e, boost::json::object data) {
  return {{"version", e.version},     {"position", e.position},
          {"event_id", e.event_id},   {"type", e.type},
          {"recorded_at", format_rfc3339(e.recorded_at_us)},
          {"actor", e.actor},         {"hash", to_hex(e.hash)},
          {"data", std::move(data)}};
}

} // namespace pfms
