#include "http/social/group_gateway.hpp"

#include "http/runtime/internal/asks_of.hpp"

#include <mutex>

namespace pfms {

void group_gateway::gather_balances(std::string user_id, std::vector<std::string> group_ids,
                                    std::function<void(gathered)> done) const {
  if (group_ids.empty())
    return done({});
  // Each group answers on its own asker's thread.
  auto answers = std::make_shared<gathered>();
  auto guard = std::make_shared<std::mutex>();
  auto left = std::make_shared<std::size_t>(group_ids.size());
  for (const auto& id : group_ids)
    query<group_balances>(group_balances_query{id, user_id}, [=](result<group_balances> answer) {
      std::unique_lock lock(*guard);
      answers->emplace_back(id, std::move(answer));
      if (--*left > 0)
        return;
      lock.unlock();
      done(std::move(*answers));
    });
}

template void entity_port<group_actor>::send(const erased_request&,
                                          std::chrono::milliseconds) const;

void group_gateway::groups_of(
  std::string user_id, std::function<void(result<std::vector<group_index_row>>)> done) const {
  http::internal::ask<std::vector<group_index_row>>(system_, projection_, timeout_, std::move(done),
                                                    user_groups_query{std::move(user_id)});
}

} // namespace pfms
