#pragma once

// What the shells of kinds whose text is sealed by its writers' keys
// (actors/runtime/writer_keys.hpp) share: groups and loans. A shell derives
// from `keyed_shell<itself>` and names its recovery and its encoder:
//
//   struct group_shell : runtime::keyed_shell<group_shell> {
//     static constexpr auto recover = recover_group;  // (store, keys, id, last_version, start)
//     static constexpr auto encode_event = encode_group_event; // (event, meta, keys)
//     …  // entity, exists, stream, not_found, stale (actors/runtime/entity_shell.hpp)
//   };
//
// Its state holds `std::optional<writer_keys> keys`, made at recovery and
// again once an erasure in the store made them stale. Its snapshots
// (actors/runtime/entity_snapshot.hpp) start recovery.

#include "actors/runtime/entity_snapshot.hpp"
#include "actors/runtime/event_metadata.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "events/event_store.hpp"

#include <cstdint>
#include <utility>
#include <vector>

namespace pfms::runtime {

template <class Shell>
struct keyed_shell {
  /// Recovers the entity (its snapshot, then the tail) when its keys went
  /// stale (or were never made).
  template <class State>
  static void refresh(State& st) {
    refresh_with_keys(*st.env.store, Shell::stream(st.id), st.keys, Shell::entity(st), st.broken,
                      [&](writer_keys& keys) {
                        auto start = snapshot_start<Shell>(*st.env.store, st.id);
                        return Shell::recover(*st.env.store, keys, st.id, UINT64_MAX,
                                              std::move(start).value_or(entity_of<Shell>{}));
                      });
  }

  /// A snapshot holds the text its keys opened: kept only while no erasure
  /// came after they were read.
  template <class State>
  static bool may_snapshot(const State& st, std::uint64_t key_epoch) {
    return st.keys && st.keys->epoch() == key_epoch;
  }

  /// The entity right after `last_version`, its text opened by fresh keys.
  template <class State>
  static auto recover_at(const State& st, std::uint64_t last_version) {
    writer_keys keys(*st.env.store, Shell::stream(st.id));
    return Shell::recover(*st.env.store, keys, st.id, last_version, entity_of<Shell>{});
  }

  /// The keys the events' text is sealed with, made where missing.
  template <class State, class Event>
  static status prepare(State& st, const std::vector<Event>& events) {
    return prepare_text_keys(events, *st.keys, *st.env.store);
  }

  template <class State, class Event>
  static new_event encode(const State& st, const Event& e, event_metadata meta) {
    return Shell::encode_event(e, std::move(meta), *st.keys);
  }
};

} // namespace pfms::runtime
