#include "http/loan_gateway.hpp"

#include "http/cluster_gather.hpp"
#include "http/internal/ask.hpp"

#include <algorithm>
#include <memory>

namespace pfms {

template <class Command>
void loan_gateway::command(Command command, command_context context,
                           std::function<void(result<loan_snapshot>)> done) const {
  http::internal::ask<loan_snapshot>(system_, directory_, timeout_, std::move(done),
                                     std::move(command), std::move(context));
}

void loan_gateway::get(loan_query query, std::function<void(result<loan_snapshot>)> done) const {
  http::internal::ask<loan_snapshot>(system_, directory_, timeout_, std::move(done),
                                     std::move(query));
}

namespace {

// Asks the loan of each row of `rows` (at most `limit`, in id order) and
// hands `done` the page once every loan answered.
void fill_page(caf::actor_system& system, const loan_actor& directory,
               std::chrono::milliseconds timeout, const std::string& user_id,
               gathered_rows<loan_index_row> rows, std::size_t limit,
               std::function<void(result<loan_gateway::page>)> done) {
  auto& all = rows.rows;
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.loan_id < b.loan_id; });
  all.resize(std::min(all.size(), limit));
  auto answers = std::make_shared<loan_gateway::page>();
  answers->missing_nodes = std::move(rows.missing_nodes);
  if (all.empty())
    return done(std::move(*answers));
  for (const auto& row : all)
    answers->items.emplace_back(row, result<loan_snapshot>(loan_snapshot{}));
  system.spawn([=](caf::event_based_actor* self) {
    auto left = std::make_shared<std::size_t>(answers->items.size());
    for (std::size_t i = 0; i < answers->items.size(); ++i) {
      auto record = [=](result<loan_snapshot> answer) {
        answers->items[i].second = std::move(answer);
        if (--*left == 0)
          done(std::move(*answers));
      };
      self->request(directory, timeout, loan_query{answers->items[i].first.loan_id, user_id})
        .then([=](loan_snapshot& s) { record(std::move(s)); },
              [=](caf::error& e) { record(from_caf_error(e)); });
    }
  });
}

} // namespace

void loan_gateway::page_of(std::string user_id, std::string after, std::size_t limit,
                           std::function<void(result<page>)> done) const {
  // Each node's index gives up to `limit` rows after `after`: the first
  // `limit` of them all are the page.
  gather_rows<loan_index_row>(
    system_, cluster_, projection_, timeout_, user_loans_query{user_id, after, limit},
    [&system = system_, directory = directory_, timeout = timeout_, user_id, limit,
     done](result<gathered_rows<loan_index_row>> rows) {
      if (!rows)
        return done(rows.error());
      fill_page(system, directory, timeout, user_id, std::move(*rows), limit, done);
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
