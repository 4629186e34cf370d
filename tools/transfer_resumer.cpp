#include "tools/transfer_resumer.hpp"

#include "events/caf_error.hpp"

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include <chrono>
#include <cstdio>

namespace pfms {

namespace {

constexpr std::chrono::seconds page_timeout{60};

void next_page(caf::event_based_actor* self, projection_actor projection,
               account_actor directory, std::string after) {
  self->request(projection, page_timeout, open_transfers_query{after, open_transfers_max})
    .then(
      [=](std::vector<transfer_row>& rows) {
        for (const auto& row : rows)
          self->send(directory, resume_transfer{row.from_account_id, row.transfer_id, 0});
        if (rows.size() == open_transfers_max)
          next_page(self, projection, directory, rows.back().transfer_id);
        else
          self->quit();
      },
      [=](caf::error& error) {
        std::fprintf(stderr, "pfmsd: resuming transfers failed: %s\n",
                     from_caf_error(error).detail.c_str());
        self->quit();
      });
}

} // namespace

void resume_open_transfers(caf::actor_system& system, projection_actor projection,
                           account_actor directory) {
  system.spawn([=](caf::event_based_actor* self) {
    next_page(self, projection, directory, "");
  });
}

} // namespace pfms
