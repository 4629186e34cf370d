#pragma once

// Snapshots for every kind whose shell names a `snapshot_salt`
// (actors/runtime/entity_shell.hpp): written after the events that bring the
// entity's version to a multiple of `snapshot_every`, read at recovery before
// the tail is folded. The state travels whole (actors/runtime/snapshot_codec.hpp),
// sealed under the store's snapshot key. A kind whose state is one person's
// (accounts) names `owner_key(state)` and is sealed under that person's key
// instead, so erasing one person leaves everyone else's snapshots usable;
// its recovery reads them with `read_snapshot_under` and that key.
//
// The shell also says whether its state may be kept under the store's key:
//   static bool may_snapshot(const state&, std::uint64_t key_epoch);
// false when the state may hold text of someone erased since it was read
// (the snapshot key is already the new one then).

#include "actors/runtime/snapshot_codec.hpp"
#include "events/event_store.hpp"
#include "events/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace pfms::runtime {

/// The entity type a shell folds.
template <class Kind>
using entity_of = std::decay_t<decltype(Kind::entity(std::declval<typename Kind::state&>()))>;

/// The entity as the latest snapshot of `stream` holds it, when that is of
/// `Entity`'s format under `salt` and opens under `key`; else nothing, and
/// recovery replays the whole stream.
template <class Entity>
std::optional<Entity> read_snapshot_under(const event_store& store, const std::string& stream,
                                          std::string_view key, std::uint32_t salt) {
  auto snapshot = store.read_snapshot(stream);
  if (!snapshot || !*snapshot || (*snapshot)->format_version != snapshot_format<Entity>(salt))
    return std::nullopt;
  auto state = open_snapshot<Entity>((*snapshot)->state, key, stream);
  if (!state || state->version != (*snapshot)->version)
    return std::nullopt;
  return state;
}

/// Writes `entity` as the snapshot of `stream`, sealed under `key`.
template <class Entity>
void write_snapshot_under(event_store& store, const std::string& stream, const Entity& entity,
                          std::string_view key, std::uint32_t salt) {
  auto sealed = seal_snapshot(entity, key, stream);
  if (!sealed)
    return;
  ignore_error(store.write_snapshot(stream, {snapshot_format<Entity>(salt), entity.version,
                                             std::move(*sealed)}),
               "a snapshot only shortens recovery, which replays the log without it");
}

/// The entity as its latest snapshot holds it, sealed under the store's
/// snapshot key.
template <class Kind>
std::optional<entity_of<Kind>> snapshot_start(event_store& store, const std::string& id) {
  auto key = store.snapshot_key();
  if (!key)
    return std::nullopt;
  return read_snapshot_under<entity_of<Kind>>(store, Kind::stream(id), key->key,
                                              Kind::snapshot_salt);
}

/// Writes the entity's snapshot when its version is a multiple of
/// `snapshot_every`: sealed under its owner's key when the kind names one
/// (`owner_key(state)`, "" once erased: no snapshot), else under the store's
/// snapshot key when the kind may keep its state.
template <class Kind>
void snapshot_if_due(typename Kind::state& st) {
  const auto& current = Kind::entity(st);
  if (current.version == 0 || current.version % st.env.snapshot_every != 0)
    return;
  if constexpr (requires { Kind::owner_key(st); }) {
    if (const auto& owner_key = Kind::owner_key(st); !owner_key.empty())
      write_snapshot_under(*st.env.store, Kind::stream(st.id), current, owner_key,
                           Kind::snapshot_salt);
  } else {
    auto key = st.env.store->snapshot_key();
    if (key && Kind::may_snapshot(st, key->epoch))
      write_snapshot_under(*st.env.store, Kind::stream(st.id), current, key->key,
                           Kind::snapshot_salt);
  }
}

} // namespace pfms::runtime
