#pragma once

// A view that spans owners: in a cluster each node's read models index only
// the groups and loans that node owns, so a person's list is gathered from
// every node's projection, each asked with one deadline. Nodes that are down
// or do not answer in time are named, so the view says which part is missing.

#include "cluster/runtime/cluster_status.hpp"
#include "events/caf_error.hpp"
#include "events/result.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pfms {

/// Rows from the nodes that answered, and the ids of those that did not.
template <class Row>
struct gathered_rows {
  std::vector<Row> rows;
  std::vector<std::string> missing_nodes;
};

/// The longest a gathered view waits for a node.
inline constexpr std::chrono::milliseconds gather_deadline{1000};

/// Asks `query` of `local` alone within `timeout` (no cluster: its failure
/// is the answer), or of every configured node's projection (this node's
/// `local`, each up peer's) within the shorter of `timeout` and
/// gather_deadline, and hands `done` the rows in node order.
template <class Row, class Query>
void gather_rows(caf::actor_system& system, const cluster_status* cluster,
                 const projection_actor& local, std::chrono::milliseconds timeout, Query query,
                 std::function<void(result<gathered_rows<Row>>)> done) {
  if (cluster == nullptr || !cluster->config().clustered()) {
    system.spawn([=](caf::event_based_actor* self) {
      self->request(local, timeout, query)
        .then([=](std::vector<Row>& rows) { done(gathered_rows<Row>{std::move(rows), {}}); },
              [=](caf::error& e) { done(from_caf_error(e)); });
    });
    return;
  }
  const auto deadline = std::min(timeout, gather_deadline);
  const auto& ids = cluster->node_ids();
  std::vector<projection_actor> targets;
  for (const auto& id : ids)
    targets.push_back(id == cluster->config().self_id
                        ? local
                        : caf::actor_cast<projection_actor>(cluster->directories_of(id).read_models));
  system.spawn([=](caf::event_based_actor* self) {
    auto parts = std::make_shared<std::vector<std::vector<Row>>>(ids.size());
    auto answered = std::make_shared<std::vector<bool>>(ids.size(), false);
    auto left = std::make_shared<std::size_t>(ids.size());
    auto finish_one = [=](std::size_t i, std::vector<Row> rows, bool ok) {
      (*parts)[i] = std::move(rows);
      (*answered)[i] = ok;
      if (--*left > 0)
        return;
      gathered_rows<Row> out;
      for (std::size_t k = 0; k < ids.size(); ++k) {
        if (!(*answered)[k])
          out.missing_nodes.push_back(ids[k]);
        for (auto& r : (*parts)[k])
          out.rows.push_back(std::move(r));
      }
      done(std::move(out));
    };
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (!targets[i]) {
        finish_one(i, {}, false);
        continue;
      }
      self->request(targets[i], deadline, query)
        .then([=](std::vector<Row>& rows) { finish_one(i, std::move(rows), true); },
              [=](caf::error&) { finish_one(i, {}, false); });
    }
  });
}

} // namespace pfms
