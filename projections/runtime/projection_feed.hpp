#pragma once

#include "events/event_store.hpp"
#include "events/result.hpp"
#include "projections/runtime/projection.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace pfms {

/// Keeps a set of projections current with the log. Each batch of events is
/// read once and handed to every projection whose checkpoint it passes; the
/// projections' writes and their new checkpoints go into one commit, so every
/// event takes effect exactly once per projection, across crashes too. A
/// projection whose fold fails is broken: it stops, the others go on, and
/// only its rebuild starts it again. A failed commit writes nothing and is
/// folded again at the next catch-up. Not thread-safe:
/// one runner owns it. The store must outlive it.
class projection_feed {
public:
  static constexpr std::size_t batch_events_max = 1000;

  /// Reads each projection's checkpoint; fails with the store's error.
  [[nodiscard]] static result<projection_feed> open(event_store& store,
                                                    std::span<const projection> all);

  /// Applies every committed event to every projection that is not broken.
  /// Errors: a failed log read (nothing applied from it; the next catch-up
  /// reads again), or the failure that broke a projection in this round.
  [[nodiscard]] status catch_up();

  /// Empties `name`'s family and checkpoint and folds the whole log into it
  /// again; answers its new checkpoint. `not_found` for an unknown name.
  [[nodiscard]] result<std::uint64_t> rebuild(std::string_view name);

  /// The position `name` has applied; nullopt for an unknown name.
  [[nodiscard]] std::optional<std::uint64_t> checkpoint(std::string_view name) const;

  /// Why `name` stopped, when it did (or is unknown: `not_found`).
  [[nodiscard]] std::optional<failure> broken(std::string_view name) const;

  /// The names of the projections, in the order they were given.
  [[nodiscard]] std::vector<std::string_view> names() const;

private:
  struct entry {
    projection model;
    std::uint64_t checkpoint = 0;
    std::optional<failure> broken = std::nullopt;
  };

  explicit projection_feed(event_store& store) : store_(&store) {}
  [[nodiscard]] const entry* find(std::string_view name) const;
  /// Feeds one batch to every projection it passes, all their writes in one
  /// commit; answers how many events it read.
  [[nodiscard]] result<std::size_t> apply_batch();

  event_store* store_;
  std::vector<entry> entries_;
};

} // namespace pfms
