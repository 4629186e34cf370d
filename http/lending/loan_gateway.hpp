#pragma once

#include "actors/lending/loan_messages.hpp"
#include "events/result.hpp"
#include "http/runtime/entity_port.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pfms {

/// The bridge from the HTTP front to this node's loan directory (any command,
/// entity_port.hpp) and loan index. In a cluster the front has already
/// brought the request to the node of its loan (cluster_front.hpp), so every
/// loan asked here is this node's.
class loan_gateway : public entity_port<loan_actor> {
public:
  loan_gateway(caf::actor_system& system, loan_actor directory, projection_actor projection,
               std::chrono::milliseconds timeout)
    : entity_port(system, std::move(directory), timeout), projection_(std::move(projection)) {}

  /// One page of this node's loans that `query` asks for, in loan id order:
  /// each index row with the loan (or the error it answered within the timeout).
  using page = std::vector<std::pair<loan_index_row, result<loan_snapshot>>>;
  void page_of(user_loans_query query, std::function<void(result<page>)> done) const;

private:
  // Asks the loan of each row and hands `done` the page once every loan answered.
  void fill_page(const std::string& user_id, std::vector<loan_index_row> rows,
                 std::function<void(result<page>)> done) const;

  projection_actor projection_;
};

} // namespace pfms
