#include "projections/ledger/net_worth.hpp"

#include "events/money.hpp"

#include <map>

namespace pfms {

namespace {

__extension__ typedef __int128 wide;

// `amount` × `to` ÷ `from`, rounded half away from zero; nullopt past int64.
std::optional<std::int64_t> convert(std::int64_t amount, std::int64_t to, std::int64_t from) {
  const wide product = static_cast<wide>(amount) * to;
  const wide magnitude = (product < 0 ? -product : product) * 2 + from;
  const wide rounded = magnitude / (static_cast<wide>(from) * 2);
  const wide value = product < 0 ? -rounded : rounded;
  if (value > INT64_MAX || value < INT64_MIN)
    return std::nullopt;
  return static_cast<std::int64_t>(value);
}

// The latest completed transfer between `currency` and `base`, either way.
const transfer_row* latest_rate(const std::vector<transfer_row>& rates,
                                const std::string& currency, const std::string& base) {
  const transfer_row* best = nullptr;
  for (const auto& r : rates) {
    const bool pair = (r.currency == currency && r.to_currency == base)
                      || (r.currency == base && r.to_currency == currency);
    if (pair && r.amount_minor > 0 && r.to_amount_minor > 0
        && (best == nullptr || r.position > best->position))
      best = &r;
  }
  return best;
}

failure overflow() {
  return make_failure(money_errc::overflow, "the net worth leaves int64 minor units");
}

} // namespace

std::map<std::string, fx_rate> rates_to_base(const std::vector<transfer_row>& rates,
                                             const std::string& base) {
  std::map<std::string, fx_rate> out;
  for (const auto& r : rates) {
    const auto& currency = r.currency == base ? r.to_currency : r.currency;
    if (currency == base || (r.currency != base && r.to_currency != base) || out.contains(currency))
      continue;
    const auto* rate = latest_rate(rates, currency, base);
    if (rate == nullptr)
      continue;
    // Stated as "this currency → base": a reverse transfer's amounts swap.
    const bool forward = rate->currency == currency;
    out[currency] = {currency, forward ? rate->amount_minor : rate->to_amount_minor,
                     forward ? rate->to_amount_minor : rate->amount_minor, rate->transfer_id,
                     rate->held_at_us};
  }
  return out;
}

result<net_worth> value_holdings(const std::map<std::string, holdings>& held,
                                 const std::map<std::string, fx_rate>& rates,
                                 const std::string& base) {
  net_worth out{base, 0, {}, true};
  for (const auto& [currency, h] : held) {
    net_worth_line line;
    line.currency = currency;
    line.accounts_minor = h.accounts_minor;
    line.loans_minor = h.loans_minor;
    line.groups_minor = h.groups_minor;
    if (__builtin_add_overflow(h.accounts_minor, h.loans_minor, &line.balance_minor)
        || __builtin_add_overflow(line.balance_minor, h.groups_minor, &line.balance_minor))
      return overflow();
    if (currency == base) {
      line.converted = true;
      line.base_minor = line.balance_minor;
    } else if (auto rate = rates.find(currency); rate != rates.end()) {
      line.rate_from_minor = rate->second.from_minor;
      line.rate_to_minor = rate->second.to_minor;
      line.rate_transfer_id = rate->second.transfer_id;
      line.rate_at_us = rate->second.at_us;
      auto converted = convert(line.balance_minor, line.rate_to_minor, line.rate_from_minor);
      if (!converted)
        return overflow();
      line.converted = true;
      line.base_minor = *converted;
    }
    if (!line.converted)
      out.complete = false;
    else if (__builtin_add_overflow(out.total_minor, line.base_minor, &out.total_minor))
      return overflow();
    out.lines.push_back(std::move(line));
  }
  for (const auto& [currency, rate] : rates)
    out.rates.push_back(rate);
  return out;
}

result<net_worth> compute_net_worth(const std::vector<balance_row>& accounts,
                                    const std::vector<transfer_row>& rates,
                                    const std::string& base) {
  std::map<std::string, holdings> held;
  for (const auto& a : accounts) {
    auto& sum = held[a.currency].accounts_minor;
    if (__builtin_add_overflow(sum, a.balance_minor, &sum))
      return overflow();
  }
  return value_holdings(held, rates_to_base(rates, base), base);
}

} // namespace pfms
