#pragma once

#include "actors/lending/loan_messages.hpp"
#include "events/result.hpp"
#include "http/runtime/erased_request.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pfms {

/// The bridge from the HTTP front to this node's loan directory and loan
/// index: each call sends and returns at once; `done` runs later on a CAF
/// worker with the reply, the domain error, or `runtime_errc::unavailable`
/// after `timeout`. In a cluster the front has already brought the request
/// to the node of its loan (cluster_front.hpp), so every loan asked here is
/// this node's. Thread-safe. The actor system must outlive it.
class loan_gateway {
public:
  loan_gateway(caf::actor_system& system, loan_actor directory, projection_actor projection,
               std::chrono::milliseconds timeout)
    : system_(system), directory_(std::move(directory)), projection_(std::move(projection)),
      timeout_(timeout) {}

  /// A command (loan_core.hpp) under `context`, answered with the loan.
  template <class Command>
  void command(Command command, command_context context,
               std::function<void(result<loan_snapshot>)> done) const {
    static_assert(answers<loan_actor, loan_snapshot, Command, command_context>);
    auto args = std::tuple(std::move(command), std::move(context));
    send(erase_request<loan_snapshot>(args, done));
  }
  /// The loan, for one of its parties.
  void get(loan_query query, std::function<void(result<loan_snapshot>)> done) const;

  /// One page of this node's loans that `query` asks for, in loan id order:
  /// each index row with the loan (or the error it answered within the timeout).
  using page = std::vector<std::pair<loan_index_row, result<loan_snapshot>>>;
  void page_of(user_loans_query query, std::function<void(result<page>)> done) const;

private:
  // Any request of the loan interface, to this node's directory.
  void send(const erased_request& request) const;
  // Asks the loan of each row and hands `done` the page once every loan answered.
  void fill_page(const std::string& user_id, std::vector<loan_index_row> rows,
                 std::function<void(result<page>)> done) const;

  caf::actor_system& system_;
  loan_actor directory_;
  projection_actor projection_;
  std::chrono::milliseconds timeout_;
};

} // namespace pfms
