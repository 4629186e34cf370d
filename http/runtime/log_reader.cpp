#include "http/runtime/log_reader.hpp"

#include <caf/actor_system.hpp>
#include <caf/blocking_actor.hpp>

namespace pfms {

bool log_reader::start_detached(std::function<void()> job) const {
  if (running_.fetch_add(1) >= reads_max) {
    running_.fetch_sub(1);
    return false;
  }
  system_.spawn<caf::detached>([this, job = std::move(job)](caf::blocking_actor*) {
    job();
    running_.fetch_sub(1);
  });
  return true;
}

} // namespace pfms
