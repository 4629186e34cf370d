#include "actors/identity/login_guard.hpp"

#include "events/caf_error.hpp"
#include "events/hash_chain.hpp"

#include <cassert>
#include <chrono>
#include <vector>

namespace pfms {

namespace {

using self_ptr = login_guard_actor::stateful_pointer<login_guard_state>;

constexpr std::size_t sweep_batch_max = 1'000;

// The window of key digest `digest`: from memory, else from disk (an absent
// or undecodable row is a fresh window).
result<failure_window> window_of(self_ptr self, const event_store& store,
                                 const std::string& digest) {
  auto& windows = self->state.windows;
  if (auto it = windows.find(digest); it != windows.end())
    return it->second;
  auto row = store.read_model_get(login_attempts_family, digest);
  if (!row)
    return row.error();
  const auto w = *row ? decode_window(**row) : std::nullopt;
  return w ? *w : failure_window{};
}

// Keeps `w` for `digest` in memory, within keys_max.
void remember(self_ptr self, const std::string& digest, const failure_window& w, time_us now) {
  auto& windows = self->state.windows;
  if (windows.size() >= login_guard_state::keys_max && !windows.contains(digest)) {
    std::erase_if(windows, [now](const auto& entry) { return expired(entry.second, now); });
    if (windows.size() >= login_guard_state::keys_max)
      windows.clear();
  }
  windows.insert_or_assign(digest, w);
}

// Writes `w` for `digest` (synced), then remembers it.
status store_window(self_ptr self, event_store& store, const std::string& digest,
                    const failure_window& w, time_us now) {
  const bool empty = w.failures == 0;
  if (auto ok = store.write_rows(login_attempts_family,
                                 {{digest, empty ? std::string() : encode_window(w), empty}});
      !ok)
    return ok;
  remember(self, digest, w, now);
  return done{};
}

// Deletes the ended windows from disk, a batch at a time.
void sweep(event_store& store, time_us now) {
  std::vector<read_model_put> ended;
  std::string start;
  do {
    ended.clear();
    auto scanned = store.scan_read_model(login_attempts_family, start, [&](auto key, auto value) {
      start = std::string(key) + '\0';
      const auto w = decode_window(value);
      if (!w || expired(*w, now))
        ended.push_back({std::string(key), {}, true});
      return ended.size() < sweep_batch_max;
    });
    if (!scanned || !store.write_rows(login_attempts_family, ended))
      return;
  } while (ended.size() == sweep_batch_max);
}

} // namespace

login_guard_actor::behavior_type login_guard_fn(self_ptr self, event_store* store,
                                                const clock* time) {
  assert(store != nullptr && time != nullptr);
  // Before the first request: a window that ended while the node was down
  // is gone from disk before anything reads it.
  sweep(*store, time->now_us());
  self->delayed_send(self, std::chrono::microseconds(failure_window_us), guard_sweep_atom::value);
  return {
    [=](guard_check_atom, const std::string& key, std::int32_t max) -> caf::result<std::int64_t> {
      if (max <= 0)
        return std::int64_t{0};
      auto w = window_of(self, *store, sha256(key));
      if (!w)
        return to_caf_error(w.error());
      return wait_seconds(*w, max, time->now_us()).value_or(0);
    },
    [=](guard_fail_atom, const std::string& key) -> caf::result<std::int64_t> {
      const auto digest = sha256(key);
      auto w = window_of(self, *store, digest);
      if (!w)
        return to_caf_error(w.error());
      const auto now = time->now_us();
      const auto next = counted(*w, now);
      if (auto ok = store_window(self, *store, digest, next, now); !ok)
        return to_caf_error(ok.error());
      return std::int64_t{next.failures};
    },
    [=](guard_clear_atom, const std::string& key) -> caf::result<std::int64_t> {
      const auto digest = sha256(key);
      auto w = window_of(self, *store, digest);
      if (!w)
        return to_caf_error(w.error());
      if (w->failures > 0)
        if (auto ok = store_window(self, *store, digest, {}, time->now_us()); !ok)
          return to_caf_error(ok.error());
      return std::int64_t{0};
    },
    [=](guard_sweep_atom) {
      sweep(*store, time->now_us());
      self->delayed_send(self, std::chrono::microseconds(failure_window_us),
                         guard_sweep_atom::value);
    },
  };
}

} // namespace pfms
