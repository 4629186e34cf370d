#include "tools/loan_waker.hpp"

#include "events/caf_error.hpp"

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdio>

namespace pfms {

namespace {

constexpr std::chrono::seconds page_timeout{60};

void next_page(caf::event_based_actor* self, projection_actor projection, loan_actor directory,
               std::string after) {
  self->request(projection, page_timeout, active_loans_query{after, loans_page_max})
    .then(
      [=](std::vector<std::string>& ids) {
        for (const auto& id : ids)
          self->send(directory, wake_loan{id});
        if (ids.size() == loans_page_max)
          next_page(self, projection, directory, ids.back());
        else
          self->quit();
      },
      [=](caf::error& error) {
        std::fprintf(stderr, "pfmsd: waking loans failed: %s\n",
                     from_caf_error(error).detail.c_str());
        self->quit();
      });
}

} // namespace

void wake_active_loans(caf::actor_system& system, projection_actor projection,
                       loan_actor directory) {
  system.spawn([=](caf::event_based_actor* self) { next_page(self, projection, directory, ""); });
}

} // namespace pfms
