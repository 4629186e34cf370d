#include "http/loan_gateway.hpp"

#include "http/internal/ask.hpp"

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

void loan_gateway::page_of(std::string user_id, std::string after, std::size_t limit,
                           std::function<void(result<page>)> done) const {
  system_.spawn([=, directory = directory_, projection = projection_,
                 timeout = timeout_](caf::event_based_actor* self) {
    self->request(projection, timeout, user_loans_query{user_id, after, limit})
      .then(
        [=](std::vector<loan_index_row>& rows) {
          if (rows.empty())
            return done(page{});
          auto answers = std::make_shared<page>();
          auto left = std::make_shared<std::size_t>(rows.size());
          for (const auto& row : rows)
            answers->emplace_back(row, result<loan_snapshot>(loan_snapshot{}));
          for (std::size_t i = 0; i < rows.size(); ++i) {
            auto record = [=](result<loan_snapshot> answer) {
              (*answers)[i].second = std::move(answer);
              if (--*left == 0)
                done(std::move(*answers));
            };
            self->request(directory, timeout, loan_query{rows[i].loan_id, user_id})
              .then([=](loan_snapshot& s) { record(std::move(s)); },
                    [=](caf::error& e) { record(from_caf_error(e)); });
          }
        },
        [=](caf::error& e) { done(from_caf_error(e)); });
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
