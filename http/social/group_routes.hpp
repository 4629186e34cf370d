#pragma once

#include "http/identity/identity_gateway.hpp"
#include "http/ledger/ledger_gateway.hpp"
#include "events/ids.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/route_table.hpp"
#include "http/social/group_gateway.hpp"

#include <span>
#include <string_view>

namespace pfms {

/// Groups under /social/groups: create, read, invite, join, leave, expenses,
/// settlements, balances. Only members see a group; anyone else gets 404
/// `group_not_found`, as for a group that does not exist. In a cluster a
/// group's routes are served on its node, and the lists on every node
/// (route_table.hpp). Borrows the gateways and ids, which must outlive it.
class group_routes {
public:
  group_routes(const group_gateway& groups, const identity_gateway& users,
               const ledger_gateway& ledger, const id_generator& ids)
    : groups_(groups), users_(users), ledger_(ledger), ids_(ids) {}

  /// The domain's routes: groups and what is below one.
  [[nodiscard]] static std::span<const route_def<group_routes>> routes();

  /// GET /social/groups: the caller's groups (id, name, invited or active).
  void list(const http_request& request, responder respond) const;
  /// GET /social/balances: what the caller owes and is owed across their
  /// groups, per person and currency, from each group's pairwise debts; groups
  /// that did not answer in time are named in `missing_groups` (social_routes.cpp).
  void across(const http_request& request, responder respond) const;
  /// In a cluster, each node answers `list` and `across` for its own groups;
  /// these make one answer of the nodes' parts (social_routes.cpp).
  [[nodiscard]] static http_response merge_lists(const http_request& request,
                                                 std::span<const node_part> parts);
  [[nodiscard]] static http_response merge_across(const http_request& request,
                                                  std::span<const node_part> parts);
  /// POST /social/groups: name, currency → 201 with the group.
  void create(const http_request& request, responder respond) const;
  /// GET /social/groups/{id} → the group (members with status and role).
  void get(const http_request& request, std::string_view id, responder respond) const;
  /// POST /social/groups/{id}/members: user_id (a registered user) → 201, invited.
  void invite(const http_request& request, std::string_view id, responder respond) const;
  /// POST /social/groups/{id}/join (the invitee) and /leave (at a zero balance) → the group.
  void join(const http_request& request, std::string_view id, responder respond) const;
  void leave(const http_request& request, std::string_view id, responder respond) const;
  /// POST /social/groups/{id}/expenses → 201 with the expense and its computed split.
  void add_expense(const http_request& request, std::string_view id, responder respond) const;
  /// GET /social/groups/{id}/expenses?limit&page_token&include_deleted → a page, oldest first.
  void list_expenses(const http_request& request, std::string_view id, responder respond) const;
  /// GET /social/groups/{id}/expenses/{expense_id} → the expense (a deleted one too).
  void get_expense(const http_request& request, std::string_view id, std::string_view expense_id,
                   responder respond) const;
  /// DELETE /social/groups/{id}/expenses/{expense_id} → 200; it leaves the balances.
  void delete_expense(const http_request& request, std::string_view id,
                      std::string_view expense_id, responder respond) const;
  /// POST /social/groups/{id}/settlements: from_user_id, to_user_id, amount_minor, currency → 201.
  void settle(const http_request& request, std::string_view id, responder respond) const;
  /// GET /social/groups/{id}/balances → balances, simplified (explained), pairwise.
  void balances(const http_request& request, std::string_view id, responder respond) const;
  /// PATCH /social/groups/{id}/expenses/{expense_id}: the whole new content → 200.
  void edit_expense(const http_request& request, std::string_view id,
                    std::string_view expense_id, responder respond) const;
  /// DELETE /social/groups/{id}/members/{user_id}: the owner removes a settled member → 200.
  void remove(const http_request& request, std::string_view id, std::string_view user_id,
              responder respond) const;
  /// POST /social/groups/{id}/archive: the owner archives a settled group → 200.
  void archive(const http_request& request, std::string_view id, responder respond) const;
  /// GET /social/groups/{id}/activity: who did what, newest first, edits with before and after.
  void activity(const http_request& request, std::string_view id, responder respond) const;

private:
  void add_participant(const http_request& request, std::string_view id, const json_body& body,
                       responder respond) const;
  /// A settlement that names a ledger transfer: claims the transfer for it
  /// on its account (one settlement per transfer), then records it.
  void claim_and_settle(record_settlement command, std::string account_id,
                        command_context context,
                        std::function<void(result<settlement_view>)> done) const;

  const group_gateway& groups_;
  const identity_gateway& users_;
  /// The transfers that settlements link, and the activity projection.
  const ledger_gateway& ledger_;
  const id_generator& ids_; ///< a new group's id is one this node owns
};

} // namespace pfms
