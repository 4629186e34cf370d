#pragma once

// GET /user/me/export: everything pfms holds about a person, as one JSON
// document: their profile, the events of their user stream and of every
// account they own (personal fields opened, secrets redacted), and their
// read-model rows.

#include "events/event_store.hpp"
#include "events/result.hpp"

#include <cstddef>
#include <string>

namespace pfms {

/// At most this many events go into one export; a person with more gets
/// `export_too_large` (422) rather than an unbounded answer.
inline constexpr std::size_t export_events_max = 100'000;

/// The export of `user_id` as JSON text. `user_not_found` for an unknown or
/// erased user; the store's errors otherwise. Reads the store directly: run it
/// off the I/O threads.
[[nodiscard]] result<std::string> export_person(const event_store& store,
                                                const std::string& user_id);

} // namespace pfms
