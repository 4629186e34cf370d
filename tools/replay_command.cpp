#include "tools/replay_command.hpp"

#include "actors/ledger/account_codec.hpp"
#include "actors/lending/loan_codec.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "events/hash_chain.hpp"
#include "events/store_error.hpp"
#include "http/lending/loan_json.hpp"
#include "http/runtime/event_json.hpp"
#include "http/runtime/rfc3339.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace pfms {

namespace {

bool wanted(const recorded_event& e, const replay_request& r) {
  return (!r.as_of || e.recorded_at_us <= *r.as_of) && (!r.version || e.version <= *r.version);
}

} // namespace

result<std::string> replay_to_json(const event_store& store, const replay_request& request) {
  const bool is_account = request.stream.starts_with("account-");
  const bool is_loan = request.stream.starts_with("loan-");
  // Personal fields open under the owner's key; an erased owner's read "[erased]".
  sealer seal;
  if (is_account) {
    auto owner_seal = account_sealer_of(store, request.stream.substr(8));
    if (!owner_seal)
      return owner_seal.error();
    seal = std::move(*owner_seal);
  }
  boost::json::array events;
  account_state state;
  loan_state loan;
  writer_keys loan_keys(store, request.stream);
  time_us last_at = 0;
  for (std::uint64_t next = 1;;) {
    auto batch = store.read(request.stream, next, event_store::read_count_max);
    if (!batch)
      return batch.error();
    for (const auto& e : *batch) {
      if (!wanted(e, request))
        continue;
      boost::json::object item{{"version", e.version},     {"position", e.position},
                               {"event_id", e.event_id},   {"type", e.type},
                               {"recorded_at", format_rfc3339(e.recorded_at_us)},
                               {"actor", e.actor},         {"hash", to_hex(e.hash)}};
      if (is_account) {
        auto decoded = decode_account_event(e, seal);
        if (!decoded)
          return decoded.error();
        item["data"] = account_event_json(*decoded);
        state = evolve(std::move(state), *decoded);
      } else if (is_loan) {
        // The schedule, what is due and how late, are derived here as the node derives them.
        auto decoded = decode_loan_event(e, loan_keys);
        if (!decoded)
          return decoded.error();
        loan = evolve(std::move(loan), *decoded);
      }
      last_at = e.recorded_at_us;
      events.push_back(std::move(item));
    }
    if (batch->size() < event_store::read_count_max)
      break;
    next += batch->size();
  }
  if (events.empty())
    return make_failure(store_errc::not_found,
                        "stream " + request.stream + " has no events at that point");
  boost::json::object out{{"stream", request.stream}, {"events", std::move(events)}};
  out["as_of"] = request.as_of ? boost::json::value(format_rfc3339(*request.as_of)) : nullptr;
  out["state"] = is_account ? boost::json::value(account_state_json(state)) : nullptr;
  if (is_loan) {
    // As of the requested instant, or of the last event kept.
    const loan_snapshot at{loan, civil_day_of(request.as_of ? *request.as_of : last_at)};
    auto view = loan_json(at);
    view["schedule"] = installments_json(loan, at.today);
    out["state"] = std::move(view);
  }
  return boost::json::serialize(out);
}

} // namespace pfms
