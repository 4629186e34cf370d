#include "http/social/group_routes.hpp"

#include "actors/ledger/core/account_error.hpp"
#include "actors/runtime/writer_keys.hpp"
#include "actors/social/core/group_error.hpp"
#include "actors/social/group_codec.hpp"
#include "http/runtime/idempotency.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/request_context.hpp"
#include "http/runtime/responses.hpp"
#include "http/runtime/rfc3339.hpp"
#include "http/social/group_json.hpp"
#include "projections/social/group_activity.hpp"

#include <boost/json/serialize.hpp>

namespace pfms {

namespace {

// Answers a reply as `status` with `to_json(reply)`, or the problem.
// The group's version after a reply, as its ETag (0: the reply has none).
std::uint64_t version_of(const group_view& g) { return g.version; }
std::uint64_t version_of(const expense_view& e) { return e.version; }
std::uint64_t version_of(const settlement_view& s) { return s.version; }
std::uint64_t version_of(const group_balances&) { return 0; }

template <class Reply, class ToJson>
std::function<void(result<Reply>)> answer(responder respond, std::string rid, int status,
                                          ToJson to_json) {
  return [respond = std::move(respond), rid = std::move(rid), status,
          to_json](result<Reply> reply) {
    if (!reply)
      return respond(problem_response(reply.error(), rid));
    auto response = json_response(status, to_json(*reply));
    if (const auto version = version_of(*reply); version != 0)
      response.headers.emplace_back("ETag", etag(version));
    respond(std::move(response));
  };
}

// The latest `limit` events of the group, newest first, as JSON, from the
// group activity projection: read from `from_version` (the group's version
// when it answered, less the page), so the read is as long as the page, not
// the group's history.
result<std::string> activity_of(const event_store& store, const std::string& group_id,
                                std::size_t limit, std::uint64_t from_version) {
  auto rows = group_activity_of(store, group_id, from_version, limit);
  if (!rows)
    return rows.error();
  writer_keys keys(store, group_stream(group_id));
  boost::json::array out;
  for (auto e = rows->rbegin(); e != rows->rend(); ++e) {
    auto event = decode_group_event(*e, keys);
    if (!event)
      return event.error();
    out.push_back(boost::json::object{{"version", e->version},
                                      {"type", e->type},
                                      {"actor", e->actor},
                                      {"at", format_rfc3339(e->recorded_at_us)},
                                      {"data", group_event_json(*event)}});
  }
  return boost::json::serialize(boost::json::object{{"items", std::move(out)}});
}

// A body that must be empty or `{}`.
status no_fields(const http_request& request) {
  auto body = json_body::parse(request.body.empty() ? "{}" : request.body, {});
  if (!body)
    return body.error();
  return done{};
}

} // namespace

void group_routes::create(const http_request& request, responder respond) const {
  auto body = json_body::parse(request.body, {"name", "currency"});
  auto name = body ? body->string_field("name") : result<std::string>(body.error());
  auto currency = name ? body->string_field("currency") : name;
  if (!currency)
    return respond(problem_response(currency.error(), request.request_id));
  groups_.command(
    create_group{created_entity_id(request, ids_, "group"), *name, *currency, request.caller_id},
    versioned_context_of(request),
    answer<group_view>(std::move(respond), request.request_id, 201, group_json));
}

void group_routes::get(const http_request& request, std::string_view id, responder respond) const {
  groups_.query<group_view>(group_query{std::string(id), request.caller_id},
                            answer<group_view>(std::move(respond), request.request_id, 200,
                                               group_json));
}

void group_routes::invite(const http_request& request, std::string_view id,
                          responder respond) const {
  auto body = json_body::parse(request.body, {"user_id", "name"});
  if (body && body->has("name") && !body->has("user_id"))
    return add_participant(request, id, *body, std::move(respond));
  auto user = body ? body->string_field("user_id") : result<std::string>(body.error());
  if (!user)
    return respond(problem_response(user.error(), request.request_id));
  // Only registered users are invited; an unknown id is 404 user_not_found.
  users_.user(*user, [this, command = invite_member{std::string(id), request.caller_id, *user},
                      context = versioned_context_of(request), respond,
                      rid = request.request_id](result<user_view> found) mutable {
    if (!found)
      return respond(problem_response(found.error(), rid));
    const auto invited = command.user_id;
    groups_.command(
      std::move(command), std::move(context),
      answer<group_view>(std::move(respond), rid, 201, [invited](const group_view&) {
        return boost::json::object{{"user_id", invited}, {"status", "invited"}, {"role", "member"}};
      }));
  });
}

void group_routes::add_participant(const http_request& request, std::string_view id,
                                   const json_body& body, responder respond) const {
  auto name = body.string_field("name");
  if (!name)
    return respond(problem_response(name.error(), request.request_id));
  const auto participant = "p-" + new_entity_id(request, ids_, "participant");
  groups_.command(
    pfms::add_participant{std::string(id), request.caller_id, participant, *name},
    versioned_context_of(request),
    answer<group_view>(std::move(respond), request.request_id, 201, [participant](const group_view&) {
      return boost::json::object{{"user_id", participant}, {"status", "active"},
                                 {"role", "participant"}};
    }));
}

void group_routes::join(const http_request& request, std::string_view id, responder respond) const {
  if (auto ok = no_fields(request); !ok)
    return respond(problem_response(ok.error(), request.request_id));
  groups_.command(join_group{std::string(id), request.caller_id},
                              versioned_context_of(request),
                              answer<group_view>(std::move(respond), request.request_id, 200,
                                                 group_json));
}

void group_routes::leave(const http_request& request, std::string_view id,
                         responder respond) const {
  if (auto ok = no_fields(request); !ok)
    return respond(problem_response(ok.error(), request.request_id));
  groups_.command(leave_group{std::string(id), request.caller_id},
                              versioned_context_of(request),
                              answer<group_view>(std::move(respond), request.request_id, 200,
                                                 group_json));
}

void group_routes::add_expense(const http_request& request, std::string_view id,
                               responder respond) const {
  auto command = parse_group_expense(request, std::string(id),
                                     new_entity_id(request, ids_, "group_expense"));
  if (!command)
    return respond(problem_response(command.error(), request.request_id));
  // The new expense is at its own URL.
  responder located = [respond = std::move(respond),
                       at = "/social/groups/" + std::string(id) + "/expenses/"
                            + command->expense_id](http_response r) {
    if (r.status == 201)
      r.headers.emplace_back("Location", at);
    respond(std::move(r));
  };
  groups_.command(std::move(*command), versioned_context_of(request),
                  answer<expense_view>(std::move(located), request.request_id, 201, expense_json));
}

void group_routes::delete_expense(const http_request& request, std::string_view id,
                                  std::string_view expense_id, responder respond) const {
  if (auto ok = no_fields(request); !ok)
    return respond(problem_response(ok.error(), request.request_id));
  groups_.command(
    delete_group_expense{std::string(id), request.caller_id, std::string(expense_id)},
    versioned_context_of(request),
    answer<expense_view>(std::move(respond), request.request_id, 200, expense_json));
}

void group_routes::settle(const http_request& request, std::string_view id,
                          responder respond) const {
  auto command = parse_settlement(request, std::string(id),
                                  new_entity_id(request, ids_, "settlement"));
  if (!command)
    return respond(problem_response(command.error(), request.request_id));
  auto context = versioned_context_of(request);
  auto done = answer<settlement_view>(std::move(respond), request.request_id, 201, settlement_json);
  if (command->transfer_id.empty())
    return groups_.command(std::move(*command), std::move(context), std::move(done));
  // A linked transfer must be the payer's own, completed, of the same amount:
  // only the payer (the caller) can link their ledger.
  ledger_.owner_transfer_row(command->transfer_id, command->caller_id, [this, command = *command, context,
                                                done](result<transfer_row> row) mutable {
    const bool linkable = row && row->owner_id == command.from && command.from == command.caller_id
                          && row->status == 2 && row->amount_minor == command.amount_minor
                          && row->currency == command.currency;
    if (!linkable)
      return done(make_failure(account_errc::transfer_not_found,
                               "transfer_id must be a completed transfer of the payer's, of the "
                               "same amount and currency"));
    claim_and_settle(std::move(command), row->from_account_id, std::move(context), std::move(done));
  });
}

void group_routes::claim_and_settle(record_settlement command, std::string account_id,
                                    command_context context,
                                    std::function<void(result<settlement_view>)> done) const {
  // The transfer backs this settlement only: its account records the claim
  // first, and a settlement the group then refuses gives the claim back.
  claim_transfer claim{std::move(account_id), command.transfer_id,
                       command.group_id + "/" + command.settlement_id, command.caller_id};
  const command_context claim_context{context.actor, context.correlation_id, {}, {}, 0,
                                      context.deadline_us};
  ledger_.command(claim, claim_context, [this, command = std::move(command), context, claim,
                                         claim_context, done](result<transfer_view> claimed) mutable {
    if (!claimed)
      return done(claimed.error());
    groups_.command(std::move(command), std::move(context),
                    [this, claim, claim_context, done](result<settlement_view> settled) mutable {
                      const bool refused = !settled
                                           && (settled.error().domain == error_domain::group
                                               || is(settled.error(), runtime_errc::deadline_passed));
                      if (refused) {
                        claim.release = true;
                        ledger_.command(std::move(claim), claim_context, [](result<transfer_view>) {});
                      }
                      done(std::move(settled));
                    });
  });
}

void group_routes::balances(const http_request& request, std::string_view id,
                            responder respond) const {
  groups_.query<group_balances>(group_balances_query{std::string(id), request.caller_id},
                                answer<group_balances>(std::move(respond), request.request_id,
                                                       200, balances_json));
}

} // namespace pfms

namespace pfms {

void group_routes::edit_expense(const http_request& request, std::string_view id,
                                std::string_view expense_id, responder respond) const {
  auto content = parse_group_expense(request, std::string(id), std::string(expense_id));
  if (!content)
    return respond(problem_response(content.error(), request.request_id));
  groups_.command(edit_group_expense{std::move(*content)},
                                versioned_context_of(request),
                                answer<expense_view>(std::move(respond), request.request_id, 200,
                                                     expense_json));
}

void group_routes::remove(const http_request& request, std::string_view id,
                          std::string_view user_id, responder respond) const {
  if (auto ok = no_fields(request); !ok)
    return respond(problem_response(ok.error(), request.request_id));
  groups_.command(
    remove_member{std::string(id), request.caller_id, std::string(user_id)},
    versioned_context_of(request),
    answer<group_view>(std::move(respond), request.request_id, 200, group_json));
}

void group_routes::archive(const http_request& request, std::string_view id,
                           responder respond) const {
  if (auto ok = no_fields(request); !ok)
    return respond(problem_response(ok.error(), request.request_id));
  groups_.command(archive_group{std::string(id), request.caller_id},
                              versioned_context_of(request),
                              answer<group_view>(std::move(respond), request.request_id, 200,
                                                 group_json));
}

void group_routes::activity(const http_request& request, std::string_view id,
                            responder respond) const {
  const auto rid = request.request_id;
  const auto limit = query_number(query_value(request.query, "limit"), 50, 1, 200);
  if (!limit)
    return respond(problem_response(
      make_failure(request_errc::invalid_query, "limit must be 1 to 200"), rid));
  // Members only: the group actor says who may look before the log is read.
  groups_.query<group_view>(
    group_query{std::string(id), request.caller_id},
    [this, respond, rid, group = std::string(id),
     limit = static_cast<std::size_t>(*limit)](result<group_view> seen) {
      if (!seen)
        return respond(problem_response(seen.error(), rid));
      const auto from = seen->version > limit ? seen->version - limit + 1 : 1;
      ledger_.read_projection<std::string>(
        group_activity_projection.name,
        [group, limit, from](const event_store& store) {
          return activity_of(store, group, limit, from);
        },
        [respond, rid](result<std::string> feed) {
          if (!feed)
            return respond(problem_response(feed.error(), rid));
          respond({200, "application/json", std::move(*feed), {}});
        });
    });
}

std::span<const route_def<group_routes>> group_routes::routes() {
  // Served on the group's node; the answers name the people they mention.
  constexpr auto on_group = signed_in | entity_node | names_people;
  static constexpr route_def<group_routes> table[] = {
    {"POST", "/social/groups", &group_routes::create,
     signed_in | idempotent | new_entity | names_people},
    {"GET", "/social/groups", &group_routes::list, signed_in | every_node,
     &group_routes::merge_lists},
    {"GET", "/social/balances", &group_routes::across, signed_in | every_node | names_people,
     &group_routes::merge_across},
    {"GET", "/social/groups/{id}", &group_routes::get, on_group | versioned},
    {"POST", "/social/groups/{id}/members", &group_routes::invite,
     on_group | idempotent | versioned},
    {"DELETE", "/social/groups/{id}/members/{user_id}", &group_routes::remove,
     on_group | versioned},
    {"POST", "/social/groups/{id}/join", &group_routes::join, on_group | versioned},
    {"POST", "/social/groups/{id}/leave", &group_routes::leave, on_group | versioned},
    {"POST", "/social/groups/{id}/expenses", &group_routes::add_expense,
     on_group | idempotent | versioned},
    {"GET", "/social/groups/{id}/expenses", &group_routes::list_expenses, on_group | versioned,
     no_merge, "limit,page_token,include_deleted"},
    {"GET", "/social/groups/{id}/expenses/{expense_id}", &group_routes::get_expense,
     on_group | versioned},
    {"PATCH", "/social/groups/{id}/expenses/{expense_id}", &group_routes::edit_expense,
     on_group | versioned},
    {"DELETE", "/social/groups/{id}/expenses/{expense_id}", &group_routes::delete_expense,
     on_group | versioned},
    {"POST", "/social/groups/{id}/settlements", &group_routes::settle,
     on_group | idempotent | versioned},
    {"GET", "/social/groups/{id}/balances", &group_routes::balances, on_group | versioned},
    {"POST", "/social/groups/{id}/archive", &group_routes::archive, on_group | versioned},
    {"GET", "/social/groups/{id}/activity", &group_routes::activity, on_group | versioned,
     no_merge, "limit"},
  };
  return table;
}

} // namespace pfms
