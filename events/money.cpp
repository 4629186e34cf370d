#include "events/money.hpp"

#include "events/currency_table.hpp"

#include <algorithm>

namespace pfms {

failure make_failure(money_errc code, std::string detail) {
  return {error_domain::money, static_cast<std::uint8_t>(code), std::move(detail)};
}

std::string_view code_name(money_errc code) {
  switch (code) {
    case money_errc::unknown_currency: return "unknown_currency";
    case money_errc::currency_mismatch: return "currency_mismatch";
    case money_errc::overflow: return "amount_overflow";
  }
  return "money_error";
}

result<currency> currency::parse(std::string_view code) {
  const auto all = iso_currencies();
  const auto found = std::ranges::lower_bound(all, code, {}, &currency_info::code);
  if (code.size() != 3 || found == all.end() || found->code != code)
    return make_failure(money_errc::unknown_currency,
                        "currency must be an active ISO 4217 code such as USD or EUR "
                        "(GET /finance/currencies lists them)");
  return currency{{code[0], code[1], code[2]}, found->minor_units};
}

result<money> checked_add(const money& a, const money& b) {
  if (!(a.unit == b.unit))
    return make_failure(money_errc::currency_mismatch, "amounts are in different currencies");
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a.amount_minor, b.amount_minor, &sum))
    return make_failure(money_errc::overflow, "the resulting amount is too large");
  return money{sum, a.unit};
}

result<money> checked_sub(const money& a, const money& b) {
  if (!(a.unit == b.unit))
    return make_failure(money_errc::currency_mismatch, "amounts are in different currencies");
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(a.amount_minor, b.amount_minor, &difference))
    return make_failure(money_errc::overflow, "the resulting amount is too large");
  return money{difference, a.unit};
}

} // namespace pfms
