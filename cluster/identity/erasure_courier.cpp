#include "cluster/identity/erasure_courier.hpp"

#include "events/caf_error.hpp"
#include "events/ids.hpp"
#include "events/store_error.hpp"

#include <algorithm>

namespace pfms {

namespace {

using self_ptr = erasure_courier_actor::stateful_pointer<erasure_courier_state>;

// The peers (every configured node but this one) not in `done`.
std::vector<std::string> missing(const cluster_status& cluster, const erasure_notice& notice) {
  std::vector<std::string> out;
  for (const auto& id : cluster.node_ids())
    if (id != cluster.config().self_id
        && std::find(notice.done_nodes.begin(), notice.done_nodes.end(), id)
             == notice.done_nodes.end())
      out.push_back(id);
  return out;
}

// Records that `node` destroyed its key of `subject`: the row as it stands
// now (another answer may have landed first) plus `node`.
void record_done(event_store& store, const cluster_status& cluster, const std::string& subject,
                 const std::string& node) {
  auto notice = store.erasure_notice_of(subject);
  if (!notice || !*notice)
    return; // a failed read is asked again at the next tick; a missing row is done
  auto& row = **notice;
  if (std::find(row.done_nodes.begin(), row.done_nodes.end(), node) == row.done_nodes.end())
    row.done_nodes.push_back(node);
  ignore_error(store.record_erasure_reach(row, missing(cluster, row).empty()),
               "a failed write is asked again at the next tick");
}

void ask(self_ptr self, event_store* store, const cluster_status* cluster,
         const std::string& subject, const std::string& node) {
  auto peer = cluster->directories_of(node).erasures;
  if (!peer || !self->state.asking.emplace(subject, node).second)
    return; // down: asked again at the next tick; or already asked
  self->request(peer, erasure_courier_state::forget_timeout, forget_subject_atom::value, subject)
    .then(
      [=](bool) {
        self->state.asking.erase({subject, node});
        record_done(*store, *cluster, subject, node);
      },
      [=](const caf::error&) { self->state.asking.erase({subject, node}); });
}

void tick(self_ptr self, event_store* store, const cluster_status* cluster) {
  auto notices = store->erasure_outbox(erasure_courier_state::notices_per_tick);
  if (!notices)
    return;
  for (const auto& notice : *notices) {
    const auto peers = missing(*cluster, notice);
    if (peers.empty())
      ignore_error(store->record_erasure_reach(notice, true),
                   "a failed delete is tried again at the next tick");
    for (const auto& node : peers)
      ask(self, store, cluster, notice.subject, node);
  }
}

} // namespace

erasure_courier_actor::behavior_type erasure_courier_fn(self_ptr self, event_store* store,
                                                        const cluster_status* cluster,
                                                        std::chrono::milliseconds period) {
  self->send(self, courier_tick_atom::value);
  return {
    [=](forget_subject_atom, const std::string& subject) -> caf::result<bool> {
      if (!is_canonical_id(subject))
        return to_caf_error(make_failure(store_errc::not_found, "not a subject id"));
      if (auto erased = store->erase_subject_key(subject, erasure_reach::this_node); !erased)
        return to_caf_error(erased.error());
      return true;
    },
    [=](courier_tick_atom) {
      tick(self, store, cluster);
      self->delayed_send(self, period, courier_tick_atom::value);
    },
  };
}

} // namespace pfms
