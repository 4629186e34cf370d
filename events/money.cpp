#include "events/money.hpp"

#include <algorithm>

namespace pfms {

namespace {

struct currency_entry {
  const char* code;
  int scale;
};

// ISO 4217 minor units (the "E" column) of the currencies pfms accepts.
constexpr currency_entry currency_table[] = {
  {"AED", 2}, {"ARS", 2}, {"AUD", 2}, {"BHD", 3}, {"BRL", 2}, {"CAD", 2}, {"CHF", 2},
  {"CLP", 0}, {"CNY", 2}, {"COP", 2}, {"CZK", 2}, {"DKK", 2}, {"EGP", 2}, {"EUR", 2},
  {"GBP", 2}, {"HKD", 2}, {"HUF", 2}, {"IDR", 2}, {"ILS", 2}, {"INR", 2}, {"ISK", 0},
  {"JOD", 3}, {"JPY", 0}, {"KES", 2}, {"KRW", 0}, {"KWD", 3}, {"MAD", 2}, {"MXN", 2},
  {"MYR", 2}, {"NGN", 2}, {"NOK", 2}, {"NZD", 2}, {"OMR", 3}, {"PEN", 2}, {"PHP", 2},
  {"PKR", 2}, {"PLN", 2}, {"QAR", 2}, {"RON", 2}, {"SAR", 2}, {"SEK", 2}, {"SGD", 2},
  {"THB", 2}, {"TND", 3}, {"TRY", 2}, {"TWD", 2}, {"UAH", 2}, {"USD", 2}, {"VND", 0},
  {"ZAR", 2},
};

} // namespace

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
  auto match = [&](const currency_entry& e) { return code == e.code; };
  const auto* found = std::find_if(std::begin(currency_table), std::end(currency_table), match);
  if (code.size() != 3 || found == std::end(currency_table))
    return make_failure(money_errc::unknown_currency,
                        "currency must be a supported ISO 4217 code such as USD or EUR");
  return currency{{code[0], code[1], code[2]}, found->scale};
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
