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

result<net_worth> compute_net_worth(const std::vector<balance_row>& accounts,
                                    const std::vector<transfer_row>& rates,
                                    const std::string& base) {
  std::map<std::string, std::int64_t> by_currency;
  for (const auto& a : accounts)
    if (__builtin_add_overflow(by_currency[a.currency], a.balance_minor, &by_currency[a.currency]))
      return overflow();
  net_worth out{base, 0, {}, true};
  for (const auto& [currency, balance] : by_currency) {
    net_worth_line line;
    line.currency = currency;
    line.balance_minor = balance;
    if (currency == base) {
      line.converted = true;
      line.base_minor = balance;
    } else if (const auto* rate = latest_rate(rates, currency, base)) {
      // Stated as "this currency → base": a reverse transfer's amounts swap.
      const bool forward = rate->currency == currency;
      line.rate_from_minor = forward ? rate->amount_minor : rate->to_amount_minor;
      line.rate_to_minor = forward ? rate->to_amount_minor : rate->amount_minor;
      line.rate_transfer_id = rate->transfer_id;
      line.rate_at_us = rate->held_at_us;
      auto converted = convert(balance, line.rate_to_minor, line.rate_from_minor);
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
  return out;
}

} // namespace pfms
