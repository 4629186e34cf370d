// GET /finance/transactions: the caller's transactions, filtered, newest
// first, in pages: from the transactions projection, once it is current; with
// as_of, as the ledger said then, from the log (account snapshots and tails).
// Both on the log reader's threads.

#include "http/ledger/account_routes.hpp"

#include "actors/ledger/account_actor.hpp"
#include "actors/ledger/core/account_error.hpp"
#include "actors/ledger/core/transaction_query.hpp"
#include "http/ledger/projected_transactions.hpp"
#include "http/ledger/time_page_token.hpp"
#include "http/ledger/transaction_json.hpp"
#include "http/runtime/event_json.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/responses.hpp"
#include "http/runtime/rfc3339.hpp"
#include "projections/ledger/account_balance_projection.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <charconv>

namespace pfms {

namespace {

struct list_request {
  transaction_filter filter;
  std::optional<transaction_cursor> after;
  std::size_t limit = 50;
  std::optional<time_us> as_of;
};

failure bad_query(const std::string& what) {
  return make_failure(request_errc::invalid_query, what);
}

result<std::optional<std::int64_t>> amount_param(const http_request& r, const char* name) {
  const auto raw = query_value(r.query, name);
  if (raw.empty())
    return std::optional<std::int64_t>{};
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
  if (end != raw.data() + raw.size() || error != std::errc{}) // past int64 too: never dropped
    return bad_query(std::string(name) + " must be an integer in minor units, within int64");
  return std::optional<std::int64_t>{value};
}

std::string cursor_of(const transaction_cursor& c) {
  return encode_page_token(c.occurred_at_us, c.transaction_id);
}

result<list_request> parse_list(const http_request& r) {
  list_request out;
  auto& f = out.filter;
  for (auto [name, field] : {std::pair{"account_id", &f.account_id}, std::pair{"category", &f.category},
                             std::pair{"tag", &f.tag}, std::pair{"payee", &f.payee_text}}) {
    auto value = query_text(r.query, name);
    if (!value)
      return value.error();
    *field = std::move(*value);
  }
  for (auto [name, field] : {std::pair{"from", &f.occurred_from}, std::pair{"to", &f.occurred_until},
                             std::pair{"as_of", &out.as_of}}) {
    auto value = query_time(r.query, name);
    if (!value)
      return value.error();
    *field = *value;
  }
  for (auto [name, field] : {std::pair{"min_amount", &f.amount_min}, std::pair{"max_amount", &f.amount_max}}) {
    auto value = amount_param(r, name);
    if (!value)
      return value.error();
    *field = *value;
  }
  const auto voided = query_value(r.query, "include_voided");
  const auto limit = query_number(query_value(r.query, "limit"), account_routes::page_size_default,
                                  1, account_routes::page_size_max);
  if ((!voided.empty() && voided != "true" && voided != "false") || !limit)
    return bad_query("include_voided must be true or false; limit 1 to 200");
  f.include_voided = voided == "true";
  out.limit = *limit;
  auto after = page_token_param(r.query);
  if (!after)
    return after.error();
  if (*after)
    out.after = transaction_cursor{(*after)->at, std::move((*after)->id)};
  return out;
}

// A page, and where the next one starts when there is one.
struct listed_page {
  std::vector<listed_transaction> items;
  std::optional<transaction_cursor> next;
};

// Rows a projected page looks at, at most: past them it ends early, with a
// next_page_token where it stopped.
constexpr std::size_t page_scan_max = 10'000;

failure no_such_account() {
  return make_failure(account_errc::account_not_found, "no such account");
}

// The page as of an instant: each account's state then, from the log.
result<listed_page> page_as_of(const event_store& store, const std::string& owner,
                               const list_request& q) {
  auto rows = balance_rows_owned_by(store, owner);
  if (!rows)
    return rows.error();
  // Another user's account id in a filter answers exactly as a missing one.
  if (q.filter.account_id
      && std::none_of(rows->begin(), rows->end(),
                      [&](const balance_row& b) { return b.account_id == *q.filter.account_id; }))
    return no_such_account();
  std::vector<account_state> accounts;
  for (const auto& row : *rows) {
    if (q.filter.account_id && row.account_id != *q.filter.account_id)
      continue;
    auto state = account_as_of(store, row.account_id, *q.as_of);
    if (!state)
      return state.error();
    accounts.push_back(std::move(*state));
  }
  listed_page page{select_transactions(accounts, q.filter, q.after, q.limit + 1), std::nullopt};
  if (page.items.size() > q.limit) {
    page.items.resize(q.limit);
    const auto& last = page.items.back().entry.content;
    page.next = transaction_cursor{last.occurred_at_us, last.transaction_id};
  }
  return page;
}

// The page now, from the transactions projection, newest first.
result<listed_page> page_now(const event_store& store, const std::string& owner,
                             const list_request& q) {
  if (q.filter.account_id) { // another user's account answers exactly as a missing one
    auto holder = transaction_account_owner(store, *q.filter.account_id);
    if (!holder)
      return holder.error();
    if (*holder != owner)
      return no_such_account();
  }
  transaction_scan_start start{q.filter.occurred_until.value_or(INT64_MAX)};
  if (q.after)
    start.after = std::pair{q.after->occurred_at_us, q.after->transaction_id};
  listed_page page;
  std::size_t looked = 0;
  auto read = read_transactions(store, owner, start, [&](listed_transaction line) {
    const auto t = std::pair{line.entry.content.occurred_at_us, line.entry.content.transaction_id};
    if (q.filter.occurred_from && t.first < *q.filter.occurred_from)
      return false; // the older ones follow
    if ((!q.filter.account_id || line.account_id == *q.filter.account_id)
        && transaction_passes(line.entry, q.filter)) {
      if (page.items.size() == q.limit) { // one more than the page: the next one exists
        const auto& last = page.items.back().entry.content;
        page.next = transaction_cursor{last.occurred_at_us, last.transaction_id};
        return false;
      }
      page.items.push_back(std::move(line));
    }
    if (++looked < page_scan_max)
      return true;
    page.next = transaction_cursor{t.first, t.second};
    return false;
  });
  if (!read)
    return read.error();
  return page;
}

} // namespace

void account_routes::list_transactions(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  auto q = parse_list(request);
  if (!q)
    return respond(problem_response(q.error(), rid));
  auto answer = [respond, rid](result<listed_page> page) {
    if (!page)
      return respond(problem_response(page.error(), rid));
    boost::json::array items;
    for (const auto& line : page->items)
      items.push_back(listed_json(line));
    boost::json::object body{{"items", std::move(items)}};
    body["next_page_token"] = page->next ? boost::json::value(cursor_of(*page->next))
                                         : boost::json::value(nullptr);
    respond(json_response(200, body));
  };
  if (q->as_of)
    return log_.read_log<listed_page>(
      [owner = request.caller_id, q = *q](const event_store& store) {
        return page_as_of(store, owner, q);
      },
      std::move(answer));
  gateway_.read_projection<listed_page>(
    transactions_projection.name,
    [owner = request.caller_id, q = *q](const event_store& store) {
      return page_now(store, owner, q);
    },
    std::move(answer));
}

} // namespace pfms
