#pragma once

// Durable timers: a kind whose entities must act at an instant with no
// message to wake them (a loan's next fee day) names it in its shell,
//
//   static time_us wake_at(const loan_state&);   // the next instant to act; 0 for none
//   // optional, when evolving a copy of the entity per append costs too much
//   // (an account's history): the instant `events` lead to, nullopt to leave
//   // the timer as it is (a stale one only wakes the entity to settle it)
//   static std::optional<time_us> wake_after(const account_state&, const std::vector<account_event>&);
//
// and its directory's traits name the wake (actors/runtime/entity_directory.hpp).
// Every append of such an entity carries the instant its events lead to, so
// the store moves the stream's timer in the append's own batch: a crash
// cannot part the two. The directory asks the store for due timers at start
// and at every sweep and wakes those entities, passivated or not, across
// restarts. An entity at start settles a timer that its kind's rule no longer
// gives (an older build's rule).

#include "events/event_store.hpp"

#include <optional>
#include <vector>

namespace pfms::runtime {

/// A timer due at once: whenever a directory next looks (at its start, too).
inline constexpr time_us at_once = 1;

template <class Kind>
concept timed_kind = requires(const typename Kind::state& st) {
  { Kind::wake_at(Kind::entity(st)) } -> std::convertible_to<time_us>;
};

/// When `Kind`'s entity wants waking once `events` are applied to it;
/// nullopt: as it stands.
template <class Kind, class Event>
std::optional<time_us> wake_once_applied(const typename Kind::state& st,
                                         const std::vector<Event>& events) {
  if constexpr (requires { Kind::wake_after(Kind::entity(st), events); }) {
    return Kind::wake_after(Kind::entity(st), events);
  } else {
    auto next = Kind::entity(st);
    for (const auto& e : events)
      next = evolve(std::move(next), e);
    return Kind::wake_at(next);
  }
}

/// Moves the stream's timer to the instant the entity as it stands gives,
/// when the store holds another (checked against its version; a failure only
/// leaves the old one, which wakes the entity to settle it again).
template <class Kind>
void settle_timer(const typename Kind::state& st) {
  const auto& entity = Kind::entity(st);
  if (st.broken || !Kind::exists(entity))
    return;
  const auto stream = Kind::stream(st.id);
  const auto due = Kind::wake_at(entity);
  if (auto stored = st.env.store->timer_of(stream); stored && *stored == due)
    return;
  append_request request{stream, expected_version::exactly(entity.version), {}, {}, {}};
  request.wake_at = due;
  st.env.store->append_async(std::move(request), [](result<append_result>) {});
}

} // namespace pfms::runtime
