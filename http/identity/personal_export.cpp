#include "http/identity/personal_export.hpp"

#include "actors/identity/core/user_error.hpp"
#include "actors/identity/user_codec.hpp"
#include "actors/ledger/account_codec.hpp"
#include "http/runtime/event_json.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/rfc3339.hpp"
#include "projections/ledger/account_balance_projection.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace pfms {

namespace {

// Appends the events of `stream`, decoded by `decode(e) -> result<json object>`,
// to `out`, counting them against the export's budget.
template <class Decode>
status add_stream(const event_store& store, const std::string& stream, Decode decode,
                  std::size_t& budget, boost::json::array& out) {
  boost::json::array events;
  std::optional<failure> bad;
  auto scanned = store.scan(stream, 1, [&](const recorded_event& e) {
    if (budget == 0) {
      bad = make_failure(request_errc::export_too_large,
                         "more than 100000 events; ask the operator for an export");
      return false;
    }
    --budget;
    auto data = decode(e);
    if (!data) {
      bad = data.error();
      return false;
    }
    events.push_back(recorded_json(e, std::move(*data)));
    return true;
  });
  if (!scanned)
    return scanned.error();
  if (bad)
    return *bad;
  out.push_back(boost::json::object{{"stream", stream}, {"events", std::move(events)}});
  return done{};
}

boost::json::object profile_json(const user_state& u) {
  return {{"id", u.user_id},           {"email", u.email},
          {"display_name", u.display_name}, {"base_currency", u.base_currency},
          {"time_zone", u.time_zone},  {"locale", u.locale},
          {"sessions", u.sessions.size()}, {"version", u.version}};
}

boost::json::object row_json(const balance_row& r) {
  return {{"account_id", r.account_id}, {"name", r.name},
          {"kind", r.kind},             {"currency", r.currency},
          {"balance_minor", r.balance_minor}, {"credit_limit_minor", r.credit_limit_minor},
          {"version", r.version},       {"position", r.position}};
}

// Adds each owned account's stream to `streams` and its row to `rows`.
status add_accounts(const event_store& store, const std::string& user_id, std::size_t& budget,
                    boost::json::array& streams, boost::json::array& rows) {
  auto owned = balance_rows_owned_by(store, user_id);
  if (!owned)
    return owned.error();
  for (auto& row : *owned) {
    auto seal = account_sealer_of(store, row.account_id);
    if (!seal)
      return seal.error();
    account_event_decoder decoder;
    auto added = add_stream(
      store, account_stream(row.account_id),
      [&](const recorded_event& e) -> result<boost::json::object> {
        auto event = decoder.decode(e, *seal);
        if (!event)
          return event.error();
        return account_event_json(*event);
      },
      budget, streams);
    if (!added)
      return added;
    auto opened = open_balance_row(store, std::move(row));
    if (!opened)
      return opened.error();
    rows.push_back(row_json(*opened));
  }
  return done{};
}

} // namespace

result<std::string> export_person(const event_store& store, const std::string& user_id) {
  auto key = store.subject_key(user_id);
  if (!key)
    return key.error();
  if (!*key)
    return make_failure(user_errc::user_not_found, "no such user");
  const auto seal = user_sealer(user_id, **key);
  std::size_t budget = export_events_max;
  user_state user;
  boost::json::array streams, rows;
  auto added = add_stream(
    store, user_stream(user_id),
    [&](const recorded_event& e) -> result<boost::json::object> {
      auto event = decode_user_event(e, seal);
      if (!event)
        return event.error();
      user = evolve(std::move(user), *event);
      return user_event_json(*event);
    },
    budget, streams);
  if (!added)
    return added.error();
  if (!user.registered)
    return make_failure(user_errc::user_not_found, "no such user");
  if (auto accounts = add_accounts(store, user_id, budget, streams, rows); !accounts)
    return accounts.error();
  boost::json::object out{{"format", "pfms-export-1"},
                          {"user", profile_json(user)},
                          {"streams", std::move(streams)},
                          {"read_models", boost::json::object{{"account_balances", std::move(rows)}}}};
  return boost::json::serialize(out);
}

} // namespace pfms
