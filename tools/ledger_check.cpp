#include "tools/ledger_check.hpp"

#include "actors/ledger/account_actor.hpp"
#include "events/store_error.hpp"
#include "projections/ledger/account_balance_projection.hpp"

#include <set>

namespace pfms {

namespace {

constexpr std::string_view account_prefix = "account-";

using accounts = std::map<std::string, account_state>;

// The accounts a check can look up: the store's own, and the other nodes'
// (context only) when given; `strict` when the other nodes were given, so a
// counterpart found nowhere is a finding rather than another node's.
struct ledger_view {
  accounts own;
  accounts others;
  bool strict = true;

  [[nodiscard]] const account_state* find(const std::string& id) const {
    if (auto it = own.find(id); it != own.end())
      return &it->second;
    if (auto it = others.find(id); it != others.end())
      return &it->second;
    return nullptr;
  }
};

void add_finding(ledger_report& report, std::string account, std::string transfer,
                 std::string problem) {
  if (report.findings.size() < ledger_report::findings_max)
    report.findings.push_back({std::move(account), std::move(transfer), std::move(problem)});
}

// The id of every account with a stream, from the log in global order.
result<std::set<std::string>> account_ids(const event_store& store) {
  std::set<std::string> ids;
  for (std::uint64_t from = 1;;) {
    auto batch = store.read_all(from, event_store::read_count_max);
    if (!batch)
      return batch.error();
    for (const auto& e : *batch)
      if (e.stream_id.starts_with(account_prefix) && e.version == 1)
        ids.insert(e.stream_id.substr(account_prefix.size()));
    if (batch->size() < event_store::read_count_max)
      return ids;
    from = batch->back().position + 1;
  }
}

std::int64_t signed_amount(const transaction_recorded& t) {
  return t.kind == transaction_kind::income ? t.amount_minor : -t.amount_minor;
}

// Adds one account into its currency's totals and checks its balance
// against a sum computed apart from evolve's running balance.
void check_balance(ledger_report& report, const account_state& a) {
  currency_totals own; // one account's sums: each fits in 128 bits
  own.balances = a.balance_minor;
  own.opening = a.opening_balance_minor;
  for (const auto& [id, entry] : a.transactions)
    if (!entry.voided)
      own.transactions += signed_amount(entry.content);
  for (const auto& [id, out] : a.transfers_out)
    if (out.status != transfer_status::released)
      own.transfers_out += out.hold.amount_minor;
  for (const auto& [id, in] : a.transfers_in)
    own.transfers_in += in.amount_minor;
  const auto sum = own.opening + own.transactions - own.transfers_out + own.transfers_in;
  if (sum != a.balance_minor)
    add_finding(report, a.account_id, {},
                "balance " + std::to_string(a.balance_minor) + " but its events sum to "
                  + to_decimal(sum));
  if (a.balance_minor < -a.credit_limit_minor)
    add_finding(report, a.account_id, {}, "balance below the credit limit");
  auto& t = report.totals[a.currency];
  t.balances += own.balances;
  t.opening += own.opening;
  t.transactions += own.transactions;
  t.transfers_out += own.transfers_out;
  t.transfers_in += own.transfers_in;
}

// Each hold against its destination: never both credited and released, never neither.
// A hold whose destination is in no store looked at is another node's leg
// when the other nodes were not given (counted as crossing, not checked).
void check_transfers_out(ledger_report& report, const ledger_view& all, const account_state& a) {
  for (const auto& [id, out] : a.transfers_out) {
    ++report.transfers_checked;
    const auto* to = all.find(out.hold.to_account_id);
    if (to == nullptr && !all.strict) {
      ++report.crossing;
      continue;
    }
    const transfer_credited* credit = nullptr;
    if (to != nullptr)
      if (auto it = to->transfers_in.find(id); it != to->transfers_in.end())
        credit = &it->second;
    if (credit != nullptr
        && (credit->amount_minor != out.hold.to_amount_minor
            || credit->from_amount_minor != out.hold.amount_minor
            || credit->from_account_id != a.account_id || credit->from_currency != a.currency))
      add_finding(report, a.account_id, id, "the credit does not match the hold");
    if (out.status == transfer_status::settled && credit == nullptr)
      add_finding(report, a.account_id, id, "settled but never credited");
    if (out.status == transfer_status::released && credit != nullptr)
      add_finding(report, a.account_id, id, "released and credited: the money exists twice");
    if (out.status == transfer_status::held && credit == nullptr)
      ++report.in_transit;
  }
}

// Each credit names a hold on its source.
void check_transfers_in(ledger_report& report, const ledger_view& all, const account_state& a) {
  for (const auto& [id, in] : a.transfers_in) {
    const auto* from = all.find(in.from_account_id);
    if (from == nullptr && !all.strict) {
      ++report.crossing;
      continue;
    }
    if (from == nullptr || !from->transfers_out.contains(id))
      add_finding(report, a.account_id, id, "credited without a hold on the source");
  }
}

// Each projected row against the log (a row behind the log is not a finding:
// the projection catches up after the commit).
status check_projection(ledger_report& report, const event_store& store, const accounts& all) {
  std::set<std::string> owners;
  for (const auto& [id, a] : all)
    owners.insert(a.owner_id);
  for (const auto& owner : owners) {
    auto rows = balance_rows_owned_by(store, owner);
    if (!rows && is(rows.error(), store_errc::not_found))
      return done{}; // a store without the read model (a bench's) has nothing to compare
    if (!rows)
      return rows.error();
    for (const auto& row : *rows) {
      auto it = all.find(row.account_id);
      if (it != all.end() && row.version == it->second.version
          && row.balance_minor != it->second.balance_minor)
        add_finding(report, row.account_id, {},
                    "the projected balance " + std::to_string(row.balance_minor)
                      + " differs from the log's " + std::to_string(it->second.balance_minor));
    }
  }
  return done{};
}

// Every account of `store`, into `out`.
status load_accounts(const event_store& store, accounts& out) {
  auto ids = account_ids(store);
  if (!ids)
    return ids.error();
  for (const auto& id : *ids) {
    auto state = recover_account(store, id, false);
    if (!state)
      return state.error();
    out.emplace(id, std::move(*state));
  }
  return done{};
}

} // namespace

std::string to_decimal(wide_sum value) {
  if (value == 0)
    return "0";
  const bool negative = value < 0;
  std::string digits;
  for (; value != 0; value /= 10) {
    const auto digit = static_cast<int>(value % 10);
    digits.insert(digits.begin(), static_cast<char>('0' + (negative ? -digit : digit)));
  }
  return negative ? "-" + digits : digits;
}

result<ledger_report> check_ledger(const event_store& store,
                                   std::span<const event_store* const> peers) {
  ledger_view all;
  all.strict = !peers.empty();
  if (auto loaded = load_accounts(store, all.own); !loaded)
    return loaded.error();
  for (const auto* peer : peers)
    if (auto loaded = load_accounts(*peer, all.others); !loaded)
      return loaded.error();
  ledger_report report;
  for (const auto& [id, a] : all.own) {
    ++report.accounts_checked;
    check_balance(report, a);
    check_transfers_out(report, all, a);
    check_transfers_in(report, all, a);
  }
  if (auto checked = check_projection(report, store, all.own); !checked)
    return checked.error();
  return report;
}


} // namespace pfms
