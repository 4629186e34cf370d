#include "http/lending/loan_gateway.hpp"

#include "http/runtime/internal/asks_of.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

namespace pfms {

template void entity_port<loan_actor>::send(const erased_request&,
                                          std::chrono::milliseconds) const;

void loan_gateway::fill_page(const std::string& user_id, std::vector<loan_index_row> rows,
                             std::function<void(result<page>)> done) const {
  auto answers = std::make_shared<page>();
  if (rows.empty())
    return done(std::move(*answers));
  for (const auto& row : rows)
    answers->emplace_back(row, result<loan_snapshot>(loan_snapshot{}));
  // The loans answer each on its own asker's thread.
  auto guard = std::make_shared<std::mutex>();
  auto left = std::make_shared<std::size_t>(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    query<loan_snapshot>(loan_query{rows[i].loan_id, user_id}, [=](result<loan_snapshot> answer) {
      std::unique_lock lock(*guard);
      (*answers)[i].second = std::move(answer);
      if (--*left > 0)
        return;
      lock.unlock();
      done(std::move(*answers));
    });
}

void loan_gateway::page_of(user_loans_query query, std::function<void(result<page>)> done) const {
  auto user_id = query.user_id;
  http::internal::ask<std::vector<loan_index_row>>(
    system_, projection_, timeout_,
    [this, user_id = std::move(user_id), done](result<std::vector<loan_index_row>> rows) {
      if (!rows)
        return done(rows.error());
      fill_page(user_id, std::move(*rows), done);
    },
    std::move(query));
}

} // namespace pfms
