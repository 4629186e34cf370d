#include "projections/ledger/category_totals.hpp"

#include "events/money.hpp"
#include "events/personal_data.hpp"
#include "events/proto/account.pb.h"
#include "events/store_error.hpp"
#include "projections/ledger/account_facts.hpp"
#include "projections/proto/balances.pb.h"

#include <algorithm>
#include <tuple>

namespace pfms {

namespace {

__extension__ typedef __int128 sum;
__extension__ typedef unsigned __int128 unsigned_sum;

constexpr std::string_view account_prefix = "account-";

// The month (year × 12 + month − 1, UTC) an instant falls in: the civil
// calendar from days since 1970-01-01 (H. Hinnant's civil_from_days).
std::int64_t month_of(time_us at) {
  constexpr std::int64_t day_us = 86'400'000'000;
  std::int64_t z = at / day_us - (at % day_us < 0 ? 1 : 0) + 719'468;
  const std::int64_t era = (z >= 0 ? z : z - 146'096) / 146'097;
  const std::int64_t doe = z - era * 146'097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

// How a totals fold cuts time.
enum class totals_period { month, year };

// The period (a month, or a year) an instant falls in.
std::int64_t period_of(totals_period period, time_us at) {
  const auto month = month_of(at);
  if (period == totals_period::month)
    return month;
  return month / 12 - (month % 12 < 0 ? 1 : 0);
}

std::string owner_prefix(totals_period period, std::string_view owner_id) {
  std::string key = period == totals_period::month ? "m:" : "y:";
  key.append(owner_id).append(1, '\0');
  return key;
}

std::string period_key(totals_period period, std::string_view owner_id, std::int64_t n) {
  auto key = owner_prefix(period, owner_id);
  const auto biased = static_cast<std::uint64_t>(n) ^ (std::uint64_t{1} << 63);
  for (int shift = 56; shift >= 0; shift -= 8)
    key.push_back(static_cast<char>((biased >> shift) & 0xFF));
  return key;
}

// The period a row's key names (`prefix_size`: its owner prefix's length).
std::int64_t period_in(std::string_view key, std::size_t prefix_size) {
  std::uint64_t biased = 0;
  for (const char c : key.substr(prefix_size, 8))
    biased = (biased << 8) | static_cast<unsigned char>(c);
  return static_cast<std::int64_t>(biased ^ (std::uint64_t{1} << 63));
}

std::string encode_sum(sum value) {
  std::string out(16, '\0');
  auto bits = static_cast<unsigned_sum>(value);
  for (int i = 15; i >= 0; --i, bits >>= 8)
    out[static_cast<std::size_t>(i)] = static_cast<char>(bits & 0xFF);
  return out;
}

sum decode_sum(std::string_view bytes) {
  unsigned_sum bits = 0;
  for (const char c : bytes)
    bits = (bits << 8) | static_cast<unsigned char>(c);
  return static_cast<sum>(bits);
}

std::string totals_subject(std::string_view owner_id) {
  return "totals-" + std::string(owner_id);
}

struct total_row {
  std::string sealed_category;
  std::string currency;
  sum income = 0;
  sum expense = 0;
};

failure undecodable(const recorded_event& e) {
  return make_failure(store_errc::corrupt, "stream " + e.stream_id + " version "
                                             + std::to_string(e.version) + " does not decode");
}

// One fold's state: the rows it touched, as they stand, and the owners' keys.
class totals_fold {
public:
  totals_fold(const event_store& store, std::string_view family, totals_period period)
    : store_(store), family_(family), period_(period), accounts_(store, family) {}

  status apply(const recorded_event& e);
  [[nodiscard]] std::vector<read_model_put> puts();

private:
  status add(const pb::TransactionRecorded& t, const std::string& account,
             const std::string& owner, int sign);
  result<std::string> key_of(const std::string& owner);
  result<total_row*> row(const std::string& key);

  const event_store& store_;
  std::string_view family_;
  totals_period period_;
  account_facts_book accounts_;
  std::vector<read_model_put> facts_;
  std::map<std::string, std::string> keys_;
  std::map<std::string, total_row> rows_;
};

result<std::string> totals_fold::key_of(const std::string& owner) {
  if (auto it = keys_.find(owner); it != keys_.end())
    return it->second;
  auto key = store_.subject_key(owner);
  if (!key)
    return key.error();
  return keys_.emplace(owner, key->value_or("")).first->second;
}

result<total_row*> totals_fold::row(const std::string& key) {
  if (auto it = rows_.find(key); it != rows_.end())
    return &it->second;
  auto stored = store_.read_model_get(family_, key);
  if (!stored)
    return stored.error();
  total_row loaded;
  if (*stored) {
    pb::CategoryTotalRow m;
    if (!m.ParseFromString(**stored))
      return make_failure(store_errc::corrupt, "a category total row does not decode");
    loaded = {m.category(), m.currency(), decode_sum(m.income()), decode_sum(m.expense())};
  }
  return &rows_.emplace(key, std::move(loaded)).first->second;
}

} // namespace

namespace {

status totals_fold::add(const pb::TransactionRecorded& t, const std::string& account,
                        const std::string& owner, int sign) {
  auto key = key_of(owner);
  if (!key)
    return key.error();
  const sealer from_account{*key, std::string(account_prefix) + account};
  const sealer into_row{*key, totals_subject(owner)};
  auto add_part = [&](const std::string& sealed, const std::string& plain,
                      std::int64_t amount) -> status {
    auto category = sealed.empty() ? std::optional(plain) : from_account.open_field("category", sealed);
    if (!category)
      return make_failure(store_errc::corrupt, "a category of transaction " + t.transaction_id()
                                                 + " does not open under its owner's key");
    auto slot = row(period_key(period_, owner, period_of(period_, t.occurred_at_us()))
                    + blind_index(*key, totals_subject(owner), *category) + t.currency());
    if (!slot)
      return slot.error();
    auto& r = **slot;
    if (r.currency.empty()) {
      r.currency = t.currency();
      r.sealed_category = into_row.erased() ? "" : into_row.seal_field("category", *category);
    }
    auto& total = t.kind() == pb::TRANSACTION_KIND_INCOME ? r.income : r.expense;
    total += sum{sign} * amount;
    return done{};
  };
  if (t.splits().empty())
    return add_part(t.sealed_category(), t.category(), t.amount_minor());
  for (const auto& line : t.splits())
    if (auto added = add_part(line.sealed_category(), line.category(), line.amount_minor());
        !added)
      return added;
  return done{};
}

status totals_fold::apply(const recorded_event& e) {
  auto taken = accounts_.take_opened(e, facts_);
  if (!taken || *taken)
    return taken ? status(done{}) : status(taken.error());
  const bool recorded = e.type == "TransactionRecorded", amended = e.type == "TransactionAmended",
             voided = e.type == "TransactionVoided";
  if (!recorded && !amended && !voided)
    return done{};
  const auto account = account_of(e);
  auto facts = accounts_.of(account);
  if (!facts || !*facts)
    return facts ? status(make_failure(store_errc::corrupt, "a transaction of " + e.stream_id
                                                              + " comes before its account"))
                 : status(facts.error());
  const auto& owner = (*facts)->owner_id;
  if (recorded) {
    pb::TransactionRecorded m;
    return m.ParseFromString(e.payload) ? add(m, account, owner, 1) : status(undecodable(e));
  }
  if (amended) {
    pb::TransactionAmended m;
    if (!m.ParseFromString(e.payload) || !m.has_before() || !m.has_now())
      return undecodable(e);
    auto out = add(m.before(), account, owner, -1);
    return out ? add(m.now(), account, owner, 1) : out;
  }
  pb::TransactionVoided m;
  if (!m.ParseFromString(e.payload) || !m.has_before())
    return undecodable(e);
  return add(m.before(), account, owner, -1);
}

std::vector<read_model_put> totals_fold::puts() {
  auto out = std::move(facts_);
  for (const auto& [key, r] : rows_) {
    // Every part is > 0, so both sums are 0 only when no transaction is left.
    if (r.income == 0 && r.expense == 0) {
      out.push_back({key, {}, true});
      continue;
    }
    pb::CategoryTotalRow m;
    m.set_category(r.sealed_category);
    m.set_currency(r.currency);
    m.set_income(encode_sum(r.income));
    m.set_expense(encode_sum(r.expense));
    out.push_back({key, m.SerializeAsString()});
  }
  return out;
}

result<std::int64_t> narrow(sum value) {
  if (value > INT64_MAX || value < INT64_MIN)
    return make_failure(money_errc::overflow, "a total does not fit in 64-bit minor units");
  return static_cast<std::int64_t>(value);
}

result<std::vector<read_model_put>> fold_totals(const event_store& store, std::string_view family,
                                                std::span<const recorded_event> events,
                                                totals_period period) {
  totals_fold fold(store, family, period);
  for (const auto& e : events)
    if (e.stream_id.starts_with(account_prefix))
      if (auto applied = fold.apply(e); !applied)
        return applied.error();
  return fold.puts();
}

// The rows of `owner_id` in `family` from period `first` to before `end`,
// categories opened; `month` is the period's offset from `first`, plus one.
result<std::vector<category_total>> totals_between(const event_store& store,
                                                   std::string_view family,
                                                   totals_period period,
                                                   const std::string& owner_id,
                                                   std::int64_t first, std::int64_t last) {
  auto key = store.subject_key(owner_id);
  if (!key)
    return key.error();
  const sealer seal{key->value_or(""), totals_subject(owner_id)};
  const auto end = period_key(period, owner_id, last);
  const auto prefix_size = owner_prefix(period, owner_id).size();
  std::vector<category_total> out;
  std::optional<failure> broken;
  auto scanned = store.scan_read_model(
    family, period_key(period, owner_id, first),
    [&](std::string_view k, std::string_view value) {
      if (k.substr(0, end.size()) >= end)
        return false;
      pb::CategoryTotalRow m;
      auto category = m.ParseFromArray(value.data(), static_cast<int>(value.size()))
                        ? seal.open_field("category", m.category())
                        : std::nullopt;
      auto income = narrow(decode_sum(m.income()));
      auto expense = narrow(decode_sum(m.expense()));
      if (!category || !income || !expense) {
        broken = !category ? make_failure(store_errc::corrupt, "a category total does not open")
                           : (!income ? income.error() : expense.error());
        return false;
      }
      const auto n = period_in(k, prefix_size);
      out.push_back({static_cast<int>(n - first + 1), std::move(*category), m.currency(),
                     *income, *expense});
      return true;
    });
  if (!scanned)
    return scanned.error();
  if (broken)
    return *broken;
  std::sort(out.begin(), out.end(), [](const category_total& a, const category_total& b) {
    return std::tie(a.month, a.category, a.currency) < std::tie(b.month, b.category, b.currency);
  });
  return out;
}

} // namespace

result<std::vector<read_model_put>> fold_category_totals(const event_store& store,
                                                         std::string_view family,
                                                         std::span<const recorded_event> events) {
  return fold_totals(store, family, events, totals_period::month);
}

result<std::vector<read_model_put>> fold_tax_years(const event_store& store,
                                                   std::string_view family,
                                                   std::span<const recorded_event> events) {
  return fold_totals(store, family, events, totals_period::year);
}

result<std::vector<category_total>> category_totals_of(const event_store& store,
                                                       const std::string& owner_id, int year) {
  const std::int64_t first = std::int64_t{year} * 12;
  return totals_between(store, category_totals_projection.family, totals_period::month, owner_id,
                        first, first + 12);
}

result<std::vector<category_total>> year_totals_of(const event_store& store,
                                                   const std::string& owner_id, int year) {
  return totals_between(store, tax_years_projection.family, totals_period::year, owner_id, year,
                        std::int64_t{year} + 1);
}

result<std::vector<tax_total>> tax_totals(const std::vector<category_total>& totals,
                                          const std::map<std::string, std::string>& categories) {
  std::map<std::pair<std::string, std::string>, std::pair<sum, sum>> sums;
  for (const auto& t : totals) {
    auto it = categories.find(t.category);
    if (it == categories.end() || it->second.empty())
      continue;
    auto& [income, expense] = sums[{it->second, t.currency}];
    income += t.income_minor;
    expense += t.expense_minor;
  }
  std::vector<tax_total> out;
  for (const auto& [key, both] : sums) {
    auto income = narrow(both.first);
    auto expense = narrow(both.second);
    if (!income || !expense)
      return !income ? income.error() : expense.error();
    out.push_back({key.first, key.second, *income, *expense});
  }
  return out;
}

} // namespace pfms
