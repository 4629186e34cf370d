#pragma once

#include "events/event_store.hpp"

#include <chrono>
#include <cstdint>
#include <vector>

namespace pfms {

/// Reads `$all` from a position, then follows new commits as they land.
/// Pull-based: the subscriber asks for the next batch when it is ready, so it
/// holds at most `batch_max` events (memory bounded however slow it is) and
/// the journal never waits for it (a commit only wakes waiters). Not
/// thread-safe; one owner. The store must outlive it.
class subscription {
public:
  static constexpr std::size_t batch_max_limit = event_store::read_count_max;

  /// Starts after `position` (0 = from the first event).
  subscription(const event_store& store, std::uint64_t position, std::size_t batch_max = 1000)
    : store_(&store), position_(position), batch_max_(std::min(batch_max, batch_max_limit)) {}

  /// The next events after `position()`, at most batch_max, in global order;
  /// empty when caught up. Never blocks. Errors: the store's.
  [[nodiscard]] result<std::vector<recorded_event>> poll();

  /// As `poll`, but when caught up first waits up to `timeout` for a commit.
  [[nodiscard]] result<std::vector<recorded_event>> next(std::chrono::milliseconds timeout);

  /// The position of the last event handed out.
  [[nodiscard]] std::uint64_t position() const { return position_; }

private:
  const event_store* store_;
  std::uint64_t position_;
  std::size_t batch_max_;
};

} // namespace pfms
