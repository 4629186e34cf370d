#include "http/group_gateway.hpp"

#include "http/internal/ask.hpp"

namespace pfms {

void group_gateway::gather_balances(std::string user_id, std::vector<std::string> group_ids,
                                    std::function<void(gathered)> done) const {
  if (group_ids.empty())
    return done({});
  system_.spawn([=, directory = directory_, timeout = timeout_](caf::event_based_actor* self) {
    auto answers = std::make_shared<gathered>();
    auto left = std::make_shared<std::size_t>(group_ids.size());
    auto record = [=](std::string id, result<group_balances> answer) {
      answers->emplace_back(std::move(id), std::move(answer));
      if (--*left == 0)
        done(std::move(*answers));
    };
    for (const auto& id : group_ids)
      self->request(directory, timeout, group_balances_query{id, user_id})
        .then([=](group_balances& b) { record(id, std::move(b)); },
              [=](caf::error& e) { record(id, from_caf_error(e)); });
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

} // namespace pfms
