#include "http/lending/loan_gateway.hpp"

#include "http/runtime/cluster_gather.hpp"
#include "http/runtime/internal/ask.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

namespace pfms {

template <class Command>
void loan_gateway::command(Command command, command_context context,
                           std::function<void(result<loan_snapshot>)> done) const {
  std::string key;
  if constexpr (requires { command.offer.loan_id; })
    key = command.offer.loan_id;
  else
    key = command.loan_id;
  http::internal::ask_owner<loan_snapshot>(system_, cluster_, directory_, &node_directories::loans,
                                           key, timeout_, std::move(done), std::move(command),
                                           std::move(context));
}

void loan_gateway::get(loan_query query, std::function<void(result<loan_snapshot>)> done) const {
  const auto key = query.loan_id;
  http::internal::ask_owner<loan_snapshot>(system_, cluster_, directory_, &node_directories::loans,
                                           key, timeout_, std::move(done), std::move(query));
}

void loan_gateway::fill_page(const std::string& user_id, gathered_rows<loan_index_row> rows,
                             std::size_t limit, std::function<void(result<page>)> done) const {
  auto& all = rows.rows;
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.loan_id < b.loan_id; });
  all.resize(std::min(all.size(), limit));
  auto answers = std::make_shared<page>();
  answers->missing_nodes = std::move(rows.missing_nodes);
  if (all.empty())
    return done(std::move(*answers));
  for (const auto& row : all)
    answers->items.emplace_back(row, result<loan_snapshot>(loan_snapshot{}));
  // The loans answer on their own nodes, each on its own asker's thread.
  auto guard = std::make_shared<std::mutex>();
  auto left = std::make_shared<std::size_t>(all.size());
  for (std::size_t i = 0; i < all.size(); ++i)
    get(loan_query{all[i].loan_id, user_id}, [=](result<loan_snapshot> answer) {
      std::unique_lock lock(*guard);
      answers->items[i].second = std::move(answer);
      if (--*left > 0)
        return;
      lock.unlock();
      done(std::move(*answers));
    });
}

void loan_gateway::page_of(std::string user_id, std::string after, std::size_t limit,
                           std::function<void(result<page>)> done) const {
  // Each node's index gives up to `limit` rows after `after`: the first
  // `limit` of them all are the page.
  gather_rows<loan_index_row>(system_, cluster_, projection_, timeout_,
                              user_loans_query{user_id, after, limit},
                              [this, user_id, limit, done](result<gathered_rows<loan_index_row>> rows) {
                                if (!rows)
                                  return done(rows.error());
                                fill_page(user_id, std::move(*rows), limit, done);
                              });
}

template void loan_gateway::command(originate_loan, command_context,
                                    std::function<void(result<loan_snapshot>)>) const;
template void loan_gateway::command(accept_loan, command_context,
                                    std::function<void(result<loan_snapshot>)>) const;
template void loan_gateway::command(disburse_loan, command_context,
                                    std::function<void(result<loan_snapshot>)>) const;
template void loan_gateway::command(record_repayment, command_context,
                                    std::function<void(result<loan_snapshot>)>) const;
template void loan_gateway::command(prepay_loan, command_context,
                                    std::function<void(result<loan_snapshot>)>) const;
template void loan_gateway::command(change_loan_rate, command_context,
                                    std::function<void(result<loan_snapshot>)>) const;
template void loan_gateway::command(write_off_loan, command_context,
                                    std::function<void(result<loan_snapshot>)>) const;
template void loan_gateway::command(close_loan, command_context,
                                    std::function<void(result<loan_snapshot>)>) const;

} // namespace pfms
