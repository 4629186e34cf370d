#include "http/social/group_gateway.hpp"

#include "http/runtime/internal/ask.hpp"

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

template <class Reply, class Command>
void group_gateway::command(Command command, command_context context,
                            std::function<void(result<Reply>)> done) const {
  http::internal::ask<Reply>(system_, directory_, timeout_, std::move(done), std::move(command),
                             std::move(context));
}

template <class Reply, class Query>
void group_gateway::query(Query query, std::function<void(result<Reply>)> done) const {
  http::internal::ask<Reply>(system_, directory_, timeout_, std::move(done), std::move(query));
}

template void group_gateway::command(create_group, command_context,
                                     std::function<void(result<group_view>)>) const;
template void group_gateway::command(invite_member, command_context,
                                     std::function<void(result<group_view>)>) const;
template void group_gateway::command(join_group, command_context,
                                     std::function<void(result<group_view>)>) const;
template void group_gateway::command(leave_group, command_context,
                                     std::function<void(result<group_view>)>) const;
template void group_gateway::command(record_group_expense, command_context,
                                     std::function<void(result<expense_view>)>) const;
template void group_gateway::command(delete_group_expense, command_context,
                                     std::function<void(result<expense_view>)>) const;
template void group_gateway::command(record_settlement, command_context,
                                     std::function<void(result<settlement_view>)>) const;
template void group_gateway::command(edit_group_expense, command_context,
                                     std::function<void(result<expense_view>)>) const;
template void group_gateway::command(add_participant, command_context,
                                     std::function<void(result<group_view>)>) const;
template void group_gateway::command(remove_member, command_context,
                                     std::function<void(result<group_view>)>) const;
template void group_gateway::command(archive_group, command_context,
                                     std::function<void(result<group_view>)>) const;
template void group_gateway::query(group_query, std::function<void(result<group_view>)>) const;
template void group_gateway::query(group_balances_query,
                                   std::function<void(result<group_balances>)>) const;

void group_gateway::groups_of(
  std::string user_id, std::function<void(result<std::vector<group_index_row>>)> done) const {
  http::internal::ask<std::vector<group_index_row>>(system_, projection_, timeout_, std::move(done),
                                                    user_groups_query{std::move(user_id)});
}

} // namespace pfms
