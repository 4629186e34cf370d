#pragma once

// Domain events and states as JSON, for audits (pfmsctl replay) and the
// personal-data export. Secrets are never rendered: password and refresh
// token hashes appear as "[redacted]".

#include "actors/identity/core/user_core.hpp"
#include "actors/ledger/core/account_core.hpp"
#include "events/recorded_event.hpp"

#include <boost/json/object.hpp>

namespace pfms {

[[nodiscard]] boost::json::object account_event_json(const account_event& event);
/// A transaction's content.
[[nodiscard]] boost::json::object transaction_json(const transaction_recorded& t);
[[nodiscard]] boost::json::object account_state_json(const account_state& state);
[[nodiscard]] boost::json::object user_event_json(const user_event& event);
/// A user as its events leave it: profile, categories and live sessions
/// (ids and times, never the password or token hashes).
[[nodiscard]] boost::json::object user_state_json(const user_state& state);

/// The envelope fields of `e` (version, position, id, type, time, actor,
/// hash) with `data` as its decoded content.
[[nodiscard]] boost::json::object recorded_json(const recorded_event& e,
                                                boost::json::object data);

} // namespace pfms
