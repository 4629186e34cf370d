#include "http/router.hpp"

#include "http/auth_error.hpp"
#include "http/internal/item_routes.hpp"
#include "http/internal/route.hpp"
#include "http/openapi_document.hpp"
#include "http/problem.hpp"
#include "http/request_error.hpp"
#include "http/responses.hpp"

#include <algorithm>
#include <span>
#include <vector>

namespace pfms {

namespace {

using namespace http::internal;

constexpr std::string_view accounts_prefix = "/finance/accounts/";
constexpr std::string_view close_suffix = "/close";
constexpr std::string_view reconcile_suffix = "/reconcile";
constexpr std::string_view transactions_infix = "/transactions/";
constexpr std::string_view categories_prefix = "/finance/categories/";
constexpr std::string_view tax_prefix = "/finance/tax/";
constexpr std::string_view transfers_prefix = "/finance/transfers/";

struct item_family {
  std::string_view prefix;
  std::span<const item_route> items;
  route_id id;
};
constexpr item_family item_families[] = {
  {groups_prefix, group_items, route_id::group_item},
  {loans_prefix, loan_items, route_id::loan_item},
};

struct entry {
  std::string_view path;
  route r;
};

constexpr entry route_table[] = {
    {"/livez", {route_id::livez, "GET", false, false}},
    {"/readyz", {route_id::readyz, "GET", false, false}},
    {"/auth/register", {route_id::register_user, "POST", false, true}},
    {"/auth/login", {route_id::login, "POST", false, false}},
    {"/auth/refresh", {route_id::refresh, "POST", false, false}},
    {"/auth/logout", {route_id::logout, "POST", false, false}},
    {"/user/me", {route_id::me, "GET", true, false}},
    {"/user/me", {route_id::update_me, "PATCH", true, false}},
    {"/user/me", {route_id::erase_me, "DELETE", true, false}},
    {"/user/me/export", {route_id::export_me, "GET", true, false}},
    {"/user/me/email", {route_id::change_email, "POST", true, false}},
    {"/user/me/password", {route_id::change_password, "POST", true, true}},
    {"/finance/accounts", {route_id::create_account, "POST", true, true}},
    {"/finance/accounts", {route_id::list_accounts, "GET", true, false}},
    {"/finance/categories", {route_id::list_categories, "GET", true, false}},
    {"/finance/transactions", {route_id::list_transactions, "GET", true, false}},
    {"/finance/reports/monthly", {route_id::monthly_report, "GET", true, false}},
    {"/finance/reports/net-worth", {route_id::net_worth, "GET", true, false}},
    {"/finance/transactions", {route_id::record_transaction, "POST", true, true}},
    {"/finance/transfers", {route_id::create_transfer, "POST", true, true}},
    {"/social/groups", {route_id::create_group, "POST", true, true}},
    {"/social/groups", {route_id::list_groups, "GET", true, false}},
    {"/social/balances", {route_id::social_balances, "GET", true, false}},
    {"/loans", {route_id::originate_loan, "POST", true, true}},
    {"/loans", {route_id::list_loans, "GET", true, false}},
    {"/openapi.json", {route_id::openapi, "GET", false, false}},
};

// The index into `f.items` of a path below one item of `f`, or -1.
int item_of(const item_family& f, std::string_view path) {
  if (!path.starts_with(f.prefix))
    return -1;
  const auto rest = path.substr(f.prefix.size());
  const auto slash = rest.find('/');
  if (slash == 0 || rest.empty())
    return -1;
  const auto suffix = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  for (int i = 0; i < static_cast<int>(f.items.size()); ++i) {
    const auto& s = f.items[i].suffix;
    const bool takes_id = s.ends_with('/');
    if ((!takes_id && suffix == s)
        || (takes_id && suffix.starts_with(s) && suffix.size() > s.size()
            && suffix.find('/', s.size()) == std::string_view::npos))
      return i;
  }
  return -1;
}

void add_item_routes(std::string_view path, std::vector<route>& out) {
  for (const auto& f : item_families) {
    const int found = item_of(f, path);
    for (int i = 0; found >= 0 && i < static_cast<int>(f.items.size()); ++i)
      if (f.items[i].suffix == f.items[found].suffix)
        out.push_back(route{f.id, f.items[i].method, true, f.items[i].idempotent, i});
  }
}

// The routes of `path` (empty for none), one per method; account items match by prefix.
std::vector<route> find_routes(std::string_view path) {
  std::vector<route> out;
  for (const auto& e : route_table)
    if (e.path == path)
      out.push_back(e.r);
  // One segment after a prefix: a category name or a year.
  auto one_segment = [&](std::string_view prefix) {
    return path.starts_with(prefix) && path.size() > prefix.size()
           && path.find('/', prefix.size()) == std::string_view::npos;
  };
  if (one_segment(categories_prefix))
    out.push_back(route{route_id::define_category, "PUT", true, false});
  if (one_segment(tax_prefix))
    out.push_back(route{route_id::tax_year, "GET", true, false});
  if (one_segment(transfers_prefix))
    out.push_back(route{route_id::get_transfer, "GET", true, false});
  add_item_routes(path, out);
  if (!path.starts_with(accounts_prefix) || path.size() == accounts_prefix.size())
    return out;
  const auto rest = path.substr(accounts_prefix.size());
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) {
    out.push_back(route{route_id::get_account, "GET", true, false});
    out.push_back(route{route_id::rename_account, "PATCH", true, false});
  } else if (slash > 0 && rest.substr(slash) == close_suffix) {
    out.push_back(route{route_id::close_account, "POST", true, false});
  } else if (slash > 0 && rest.substr(slash) == reconcile_suffix) {
    out.push_back(route{route_id::reconcile_account, "POST", true, false});
  } else if (slash > 0 && rest.substr(slash).starts_with(transactions_infix)
             && rest.size() > slash + transactions_infix.size()
             && rest.find('/', slash + transactions_infix.size()) == std::string_view::npos) {
    out.push_back(route{route_id::amend_transaction, "PATCH", true, false});
    out.push_back(route{route_id::void_transaction, "DELETE", true, false});
  }
  return out;
}

// The transaction id of "/finance/accounts/{id}/transactions/{tx}".
std::string_view transaction_id_of(std::string_view path) {
  return path.substr(path.rfind('/') + 1);
}

// The account id of an account item path ("/finance/accounts/{id}[/close]").
std::string_view account_id_of(std::string_view path) {
  const auto rest = path.substr(accounts_prefix.size());
  return rest.substr(0, rest.find('/'));
}

std::string allowed(const std::vector<route>& routes) {
  std::string out;
  for (const auto& r : routes)
    out += (out.empty() ? "" : ", ") + std::string(r.method);
  return out;
}

bool is_json(std::string_view content_type) {
  return content_type.substr(0, content_type.find(';')) == "application/json";
}

http_response status_ok() {
  return {200, "application/json", R"({"status":"ok"})", {}};
}

// Why `request` may not reach `r`, if it may not.
std::optional<failure> refusal(const http_request& request) {
  // Content-Type describes a body: a request without one (POST …/join) needs none.
  if (!request.body.empty() && !is_json(request.content_type))
    return make_failure(request_errc::unsupported_media_type, "send Content-Type: application/json");
  return std::nullopt;
}

} // namespace

std::optional<failure> router::hold_key(http_request& request, responder& respond) const {
  auto key = parse_idempotency_key(request.idempotency_header);
  if (!key)
    return key.error();
  // Registration has no caller yet: its keys share one scope ("anon").
  request.idempotency_key =
    (request.caller_id.empty() ? std::string("anon") : "u:" + request.caller_id) + ":" + *key;
  request.request_fingerprint = request_fingerprint(request);
  if (!in_flight_.try_enter(request.idempotency_key))
    return make_failure(request_errc::idempotency_in_flight,
                        "a request with this Idempotency-Key is still running; retry later");
  respond = [respond = std::move(respond), &in_flight = in_flight_,
             key = request.idempotency_key](http_response response) {
    in_flight.leave(key);
    respond(std::move(response));
  };
  return std::nullopt;
}

void router::operator()(http_request request, responder respond) const {
  const auto routes = find_routes(request.path);
  if (routes.empty())
    return respond(problem_response(
      make_failure(request_errc::route_not_found, "no route " + request.path), request.request_id));
  const auto r = std::find_if(routes.begin(), routes.end(),
                              [&](const route& c) { return c.method == request.method; });
  if (r == routes.end()) {
    auto response = problem_response(
      make_failure(request_errc::method_not_allowed, "use " + allowed(routes) + " here"),
      request.request_id);
    response.headers.emplace_back("Allow", allowed(routes));
    return respond(std::move(response));
  }
  if (auto refused = refusal(request))
    return respond(problem_response(*refused, request.request_id));
  if (!r->authenticated)
    return serve(*r, std::move(request), std::move(respond));
  constexpr std::string_view scheme = "Bearer ";
  auto claims = request.authorization.starts_with(scheme)
                  ? tokens_.verify_access(std::string_view(request.authorization).substr(scheme.size()))
                  : result<access_claims>(make_failure(auth_errc::unauthorized, "a valid access token is required"));
  if (!claims)
    return respond(problem_response(claims.error(), request.request_id));
  request.caller_id = claims->subject;
  request.session_id = claims->session_id;
  auth_.within_session(std::move(request), std::move(respond),
                       [this, chosen = *r](http_request checked, responder answer) {
                         serve(chosen, std::move(checked), std::move(answer));
                       });
}

std::optional<failure> router::admit(const route& r, http_request& request,
                                     responder& respond) const {
  if (r.authenticated && !per_user_.allow(request.caller_id))
    return make_failure(request_errc::rate_limited, "too many requests; slow down");
  if (r.idempotent && !request.idempotency_header.empty())
    return hold_key(request, respond);
  return std::nullopt;
}

void router::serve(const route& r, http_request request, responder respond) const {
  if (auto refused = admit(r, request, respond))
    return respond(problem_response(*refused, request.request_id));
  switch (r.id) {
    case route_id::livez: return respond(status_ok());
    case route_id::readyz:
      return respond(ready_.load() ? status_ok()
                                   : problem_response(make_failure(request_errc::not_ready,
                                                                   "the node is not serving"),
                                                      request.request_id));
    case route_id::register_user: return auth_.register_user(request, std::move(respond));
    case route_id::login: return auth_.login(request, std::move(respond));
    case route_id::refresh: return auth_.refresh(request, std::move(respond));
    case route_id::logout: return auth_.logout(request, std::move(respond));
    case route_id::me: return auth_.me(request, std::move(respond));
    case route_id::update_me: return auth_.update_me(request, std::move(respond));
    case route_id::change_password: return auth_.change_password(request, std::move(respond));
    case route_id::export_me: return auth_.export_me(request, std::move(respond));
    case route_id::erase_me: return auth_.erase_me(request, std::move(respond));
    case route_id::change_email: return auth_.change_email(request, std::move(respond));
    case route_id::create_account: return accounts_.create_account(request, std::move(respond));
    case route_id::list_accounts: return accounts_.list_accounts(request, std::move(respond));
    case route_id::list_categories: return categories_.list(request, std::move(respond));
    case route_id::monthly_report: return categories_.monthly(request, std::move(respond));
    case route_id::net_worth: return categories_.net_worth(request, std::move(respond));
    case route_id::list_transactions:
      return accounts_.list_transactions(request, std::move(respond));
    case route_id::define_category:
      return categories_.define(
        request, std::string_view(request.path).substr(categories_prefix.size()), std::move(respond));
    case route_id::tax_year:
      return categories_.tax_year(
        request, std::string_view(request.path).substr(tax_prefix.size()), std::move(respond));
    case route_id::record_transaction:
      return accounts_.record_transaction(request, std::move(respond));
    case route_id::create_transfer: return transfers_.create(request, std::move(respond));
    case route_id::create_group: return groups_.create(request, std::move(respond));
    case route_id::list_groups: return groups_.list(request, std::move(respond));
    case route_id::social_balances: return groups_.across(request, std::move(respond));
    case route_id::originate_loan: return loans_.originate(request, std::move(respond));
    case route_id::list_loans: return loans_.list(request, std::move(respond));
    case route_id::group_item:
    case route_id::loan_item:
      return item_route(r.id == route_id::loan_item, r.item, request, std::move(respond));
    case route_id::get_transfer:
      return transfers_.get(request, std::string_view(request.path).substr(transfers_prefix.size()),
                            std::move(respond));
    case route_id::openapi:
      return respond({200, "application/json", std::string(openapi_document()), {}});
    case route_id::get_account:
      return accounts_.get_account(request, account_id_of(request.path), std::move(respond));
    case route_id::rename_account:
      return accounts_.rename_account(request, account_id_of(request.path), std::move(respond));
    case route_id::amend_transaction:
      return accounts_.amend_transaction(request, account_id_of(request.path),
                                         transaction_id_of(request.path), std::move(respond));
    case route_id::void_transaction:
      return accounts_.void_transaction(request, account_id_of(request.path),
                                        transaction_id_of(request.path), std::move(respond));
    case route_id::reconcile_account:
      return accounts_.reconcile_account(request, account_id_of(request.path), std::move(respond));
    case route_id::close_account:
      return accounts_.close_account(request, account_id_of(request.path), std::move(respond));
  }
}

void router::item_route(bool loan, int index, http_request& request, responder respond) const {
  if (auto version = if_match_version(request.if_match); !version)
    return respond(problem_response(version.error(), request.request_id));
  const std::string_view path = request.path;
  const auto rest = path.substr((loan ? loans_prefix : groups_prefix).size());
  const auto id = rest.substr(0, rest.find('/'));
  if (loan)
    return loans_.item(index, request, id, std::move(respond));
  switch (index) {
    case 0: return groups_.get(request, id, std::move(respond));
    case 1: return groups_.invite(request, id, std::move(respond));
    case 2: return groups_.join(request, id, std::move(respond));
    case 3: return groups_.leave(request, id, std::move(respond));
    case 4: return groups_.add_expense(request, id, std::move(respond));
    case 5: return groups_.delete_expense(request, id, path.substr(path.rfind('/') + 1),
                                          std::move(respond));
    case 6: return groups_.settle(request, id, std::move(respond));
    case 7: return groups_.balances(request, id, std::move(respond));
    case 8: return groups_.edit_expense(request, id, path.substr(path.rfind('/') + 1),
                                        std::move(respond));
    case 9: return groups_.remove(request, id, path.substr(path.rfind('/') + 1),
                                  std::move(respond));
    case 10: return groups_.archive(request, id, std::move(respond));
    default: return groups_.activity(request, id, std::move(respond));
  }
}

bool router::needs_caller(std::string_view path) {
  const auto routes = find_routes(path);
  return std::any_of(routes.begin(), routes.end(), [](const route& r) { return r.authenticated; });
}

std::string router::route_label(std::string_view path) {
  for (const auto& e : route_table)
    if (e.path == path)
      return std::string(path);
  const auto routes = find_routes(path);
  if (routes.empty())
    return "other";
  if (routes.front().id == route_id::define_category)
    return std::string(categories_prefix) + "{name}";
  if (routes.front().id == route_id::tax_year)
    return std::string(tax_prefix) + "{year}";
  if (routes.front().id == route_id::get_transfer)
    return std::string(transfers_prefix) + "{id}";
  for (const auto& f : item_families)
    if (const int i = item_of(f, path); i >= 0)
      return std::string(f.prefix) + "{id}" + std::string(f.items[i].suffix)
             + item_parameter(f.items[i].suffix);
  const auto item = std::string(accounts_prefix) + "{id}";
  switch (routes.front().id) {
    case route_id::close_account: return item + std::string(close_suffix);
    case route_id::reconcile_account: return item + std::string(reconcile_suffix);
    case route_id::amend_transaction: return item + std::string(transactions_infix) + "{transaction_id}";
    default: return item;
  }
}

std::vector<std::string> router::route_list() {
  std::vector<std::string> out;
  for (const auto& e : route_table)
    out.push_back(std::string(e.r.method) + " " + std::string(e.path));
  out.push_back("GET " + std::string(accounts_prefix) + "{id}");
  out.push_back("PATCH " + std::string(accounts_prefix) + "{id}");
  out.push_back("POST " + std::string(accounts_prefix) + "{id}" + std::string(close_suffix));
  out.push_back("POST " + std::string(accounts_prefix) + "{id}" + std::string(reconcile_suffix));
  const auto transaction = std::string(accounts_prefix) + "{id}" + std::string(transactions_infix)
                           + "{transaction_id}";
  out.push_back("PATCH " + transaction);
  out.push_back("DELETE " + transaction);
  out.push_back("PUT " + std::string(categories_prefix) + "{name}");
  out.push_back("GET " + std::string(tax_prefix) + "{year}");
  out.push_back("GET " + std::string(transfers_prefix) + "{id}");
  for (const auto& f : item_families)
    for (const auto& i : f.items)
      out.push_back(std::string(i.method) + " " + std::string(f.prefix) + "{id}"
                    + std::string(i.suffix) + item_parameter(i.suffix));
  return out;
}

} // namespace pfms
