#include "events/subscription.hpp"

#include <cassert>

namespace pfms {

result<std::vector<recorded_event>> subscription::poll() {
  auto batch = store_->read_all(position_ + 1, batch_max_);
  if (!batch)
    return batch.error();
  if (!batch->empty()) {
    assert(batch->front().position == position_ + 1);
    position_ = batch->back().position;
  }
  return batch;
}

result<std::vector<recorded_event>> subscription::next(std::chrono::milliseconds timeout) {
  if (store_->head_position() <= position_)
    store_->wait_for_commit(position_, timeout);
  return poll();
}

} // namespace pfms
