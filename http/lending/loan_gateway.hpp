#pragma once

#include "actors/lending/loan_messages.hpp"
#include "cluster/runtime/cluster_status.hpp"
#include "events/result.hpp"
#include "http/runtime/cluster_gather.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/fwd.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pfms {

/// The bridge from the HTTP front to the loan directory and the loan index
/// (in a cluster: the directory of the node that owns each loan, and every
/// node's index):
/// each call sends and returns at once; `done` runs later on a CAF worker
/// with the reply, the domain error, or `runtime_errc::unavailable` after
/// `timeout`. Thread-safe. The actor system must outlive it.
class loan_gateway {
public:
  /// `cluster` (optional): the node's cluster, whose nodes' loan indexes a
  /// page is gathered from (http/runtime/cluster_gather.hpp).
  loan_gateway(caf::actor_system& system, loan_actor directory, projection_actor projection,
               std::chrono::milliseconds timeout, const cluster_status* cluster = nullptr)
    : system_(system), directory_(std::move(directory)), projection_(std::move(projection)),
      timeout_(timeout), cluster_(cluster) {}

  /// A command (loan_core.hpp) under `context`, answered with the loan.
  template <class Command>
  void command(Command command, command_context context,
               std::function<void(result<loan_snapshot>)> done) const;
  /// The loan, for one of its parties.
  void get(loan_query query, std::function<void(result<loan_snapshot>)> done) const;

  /// One page of `user_id`'s loans after `after`, in loan id order: each
  /// index row with the loan (or the error it answered within the timeout),
  /// and the nodes whose index did not answer (their loans are left out).
  struct page {
    std::vector<std::pair<loan_index_row, result<loan_snapshot>>> items;
    std::vector<std::string> missing_nodes;
  };
  void page_of(std::string user_id, std::string after, std::size_t limit,
               std::function<void(result<page>)> done) const;

private:
  // Asks the loan of each row (the first `limit` in id order) and hands
  // `done` the page once every loan answered.
  void fill_page(const std::string& user_id, gathered_rows<loan_index_row> rows,
                 std::size_t limit, std::function<void(result<page>)> done) const;

  caf::actor_system& system_;
  loan_actor directory_;
  projection_actor projection_;
  std::chrono::milliseconds timeout_;
  const cluster_status* cluster_;
};

} // namespace pfms
