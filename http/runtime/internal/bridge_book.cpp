#include "http/runtime/internal/bridge_book.hpp"

namespace pfms::http::internal {

void bridge_book::on_down(const caf::down_msg& down) {
  auto it = watching_.find(down.source);
  if (it == watching_.end())
    return;
  const auto tickets = std::move(it->second);
  watching_.erase(it);
  const auto lost = make_failure(runtime_errc::node_unavailable,
                                 "the node that holds this was lost while answering; retry shortly");
  for (const auto ticket : tickets) {
    auto held = pending_.find(ticket);
    if (held == pending_.end())
      continue;
    auto reply = std::move(held->second.reply);
    pending_.erase(held);
    reply->fail(lost);
  }
}

void bridge_book::drain(const failure& why) {
  auto all = std::move(pending_);
  pending_.clear();
  watching_.clear(); // the monitors go with the bridge
  for (auto& [ticket, held] : all)
    held.reply->fail(why);
}

void bridge_book::unwatch(caf::event_based_actor* self, const caf::actor_addr& target,
                          std::uint64_t ticket) {
  auto it = watching_.find(target);
  if (it == watching_.end())
    return;
  it->second.erase(ticket);
  if (it->second.empty()) {
    self->demonitor(target);
    watching_.erase(it);
  }
}

} // namespace pfms::http::internal
