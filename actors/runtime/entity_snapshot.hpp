#pragma once

// Snapshots for every kind whose shell names a `snapshot_salt`
// (actors/runtime/entity_shell.hpp): written after the events that bring the
// entity's version to a multiple of `snapshot_every`, read at recovery before
// the tail is folded. The state travels whole (actors/runtime/snapshot_codec.hpp).
//
// The shell also says whether its state may be kept:
//   static bool may_snapshot(const state&, std::uint64_t key_epoch);
// false when the state may hold text of someone erased since it was read
// (the snapshot key is already the new one then).

#include "actors/runtime/snapshot_codec.hpp"
#include "events/event_store.hpp"
#include "events/result.hpp"

#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace pfms::runtime {

/// The entity type a shell folds.
template <class Kind>
using entity_of = std::decay_t<decltype(Kind::entity(std::declval<typename Kind::state&>()))>;

/// The entity as its latest snapshot holds it, when there is one of the
/// kind's format that opens under the store's snapshot key; else nothing,
/// and recovery replays the whole stream.
template <class Kind>
std::optional<entity_of<Kind>> snapshot_start(event_store& store, const std::string& id) {
  using entity = entity_of<Kind>;
  const auto stream = Kind::stream(id);
  auto snapshot = store.read_snapshot(stream);
  if (!snapshot || !*snapshot
      || (*snapshot)->format_version != snapshot_format<entity>(Kind::snapshot_salt))
    return std::nullopt;
  auto key = store.snapshot_key();
  if (!key)
    return std::nullopt;
  auto state = open_snapshot<entity>((*snapshot)->state, key->key, stream);
  if (!state || state->version != (*snapshot)->version)
    return std::nullopt;
  return state;
}

/// Writes the entity's snapshot when its version is a multiple of
/// `snapshot_every` and the kind may keep its state.
template <class Kind>
void snapshot_if_due(typename Kind::state& st) {
  using entity = entity_of<Kind>;
  const auto& current = Kind::entity(st);
  if (current.version == 0 || current.version % st.env.snapshot_every != 0)
    return;
  auto key = st.env.store->snapshot_key();
  if (!key || !Kind::may_snapshot(st, key->epoch))
    return;
  const auto stream = Kind::stream(st.id);
  auto sealed = seal_snapshot(current, key->key, stream);
  if (!sealed)
    return;
  ignore_error(st.env.store->write_snapshot(
                 stream, {snapshot_format<entity>(Kind::snapshot_salt), current.version,
                          std::move(*sealed)}),
               "a snapshot only shortens recovery, which replays the log without it");
}

} // namespace pfms::runtime
