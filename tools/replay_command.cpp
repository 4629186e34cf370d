#include "tools/replay_command.hpp"

#include "actors/identity/user_codec.hpp"
#include "actors/ledger/account_codec.hpp"
#include "actors/lending/loan_codec.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "actors/social/core/group_balances.hpp"
#include "actors/social/group_actor.hpp"
#include "actors/social/group_codec.hpp"
#include "events/store_error.hpp"
#include "http/lending/loan_json.hpp"
#include "http/runtime/event_json.hpp"
#include "http/runtime/rfc3339.hpp"
#include "http/social/group_json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace pfms {

namespace {

bool wanted(const recorded_event& e, const replay_request& r) {
  return (!r.as_of || e.recorded_at_us <= *r.as_of) && (!r.version || e.version <= *r.version);
}

// A stream of no entity kind folds to nothing.
std::monostate evolve(std::monostate state, std::monostate) {
  return state;
}

// What one fold of a stream yields: each kept event with its data, the last
// one's record time, and the state they leave.
template <class State>
struct folded {
  boost::json::array events;
  State state;
  time_us last_at = 0;
};

// Folds the stream's kept events: `decode(e)` gives the domain event (or the
// failure), rendered by `to_json` and applied by the kind's `evolve`.
template <class State, class Decode, class ToJson>
result<folded<State>> fold(const event_store& store, const replay_request& request, Decode decode,
                           ToJson to_json) {
  folded<State> out;
  for (std::uint64_t next = 1;;) {
    auto batch = store.read(request.stream, next, event_store::read_count_max);
    if (!batch)
      return batch.error();
    for (const auto& e : *batch) {
      if (!wanted(e, request))
        continue;
      auto decoded = decode(e);
      if (!decoded)
        return decoded.error();
      out.events.push_back(recorded_json(e, to_json(*decoded)));
      out.state = evolve(std::move(out.state), *decoded);
      out.last_at = e.recorded_at_us;
    }
    if (batch->size() < event_store::read_count_max)
      return out;
    next += batch->size();
  }
}

// The document: the events, and the state as `state_json` renders it.
template <class State, class StateJson>
result<std::string> document(const replay_request& request, result<folded<State>> f,
                             StateJson state_json) {
  if (!f)
    return f.error();
  if (f->events.empty())
    return make_failure(store_errc::not_found,
                        "stream " + request.stream + " has no events at that point");
  boost::json::object out{{"stream", request.stream}, {"events", std::move(f->events)}};
  out["as_of"] = request.as_of ? boost::json::value(format_rfc3339(*request.as_of)) : nullptr;
  out["state"] = state_json(f->state, f->last_at);
  return boost::json::serialize(out);
}

// The user's sealer: personal fields open under their key; an erased
// user's read "[erased]".
result<sealer> user_sealer_of(const event_store& store, const std::string& user_id) {
  auto key = store.subject_key(user_id);
  if (!key)
    return key.error();
  return user_sealer(user_id, key->value_or(""));
}

result<std::string> replay_account(const event_store& store, const replay_request& request) {
  auto seal = account_sealer_of(store, request.stream.substr(8));
  if (!seal)
    return seal.error();
  auto f = fold<account_state>(
    store, request, [&](const recorded_event& e) { return decode_account_event(e, *seal); },
    account_event_json);
  return document(request, std::move(f),
                  [](const account_state& s, time_us) { return account_state_json(s); });
}

result<std::string> replay_user(const event_store& store, const replay_request& request) {
  auto seal = user_sealer_of(store, request.stream.substr(5));
  if (!seal)
    return seal.error();
  auto f = fold<user_state>(
    store, request, [&](const recorded_event& e) { return decode_user_event(e, *seal); },
    user_event_json);
  return document(request, std::move(f),
                  [](const user_state& s, time_us) { return user_state_json(s); });
}

result<std::string> replay_group(const event_store& store, const replay_request& request) {
  writer_keys keys(store, request.stream);
  auto f = fold<group_state>(
    store, request, [&](const recorded_event& e) { return decode_group_event(e, keys); },
    group_event_json);
  return document(request, std::move(f), [](const group_state& s, time_us) {
    auto view = group_json(view_of(s));
    auto balances = balances_of(s);
    view["balances"] = balances ? boost::json::value(balances_json(*balances))
                                : boost::json::value(nullptr);
    return view;
  });
}

// The schedule, what is due and how late are derived as the node derives
// them: as of the requested instant, or of the last event kept.
result<std::string> replay_loan(const event_store& store, const replay_request& request) {
  writer_keys keys(store, request.stream);
  auto f = fold<loan_state>(
    store, request, [&](const recorded_event& e) { return decode_loan_event(e, keys); },
    loan_event_json);
  return document(request, std::move(f), [&](const loan_state& s, time_us last_at) {
    const loan_snapshot at{s, civil_day_of(request.as_of ? *request.as_of : last_at)};
    auto view = loan_json(at);
    view["schedule"] = installments_json(s, at.today);
    return view;
  });
}

// A stream of no entity kind (e.g. an email claim): its events, no state.
result<std::string> replay_other(const event_store& store, const replay_request& request) {
  auto f = fold<std::monostate>(
    store, request, [](const recorded_event&) { return result<std::monostate>(std::monostate{}); },
    [](std::monostate) { return boost::json::object{}; });
  return document(request, std::move(f), [](std::monostate, time_us) { return nullptr; });
}

} // namespace

result<std::string> replay_to_json(const event_store& store, const replay_request& request) {
  if (request.stream.starts_with("account-"))
    return replay_account(store, request);
  if (request.stream.starts_with("user-"))
    return replay_user(store, request);
  if (request.stream.starts_with("group-"))
    return replay_group(store, request);
  if (request.stream.starts_with("loan-"))
    return replay_loan(store, request);
  return replay_other(store, request);
}

} // namespace pfms
