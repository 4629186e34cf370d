#include "actors/identity/core/categories.hpp"

#include "actors/identity/core/user_error.hpp"

#include <algorithm>

namespace pfms {

namespace {

bool is_slug(std::string_view text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

} // namespace

const std::vector<category_definition>& default_categories() {
  static const std::vector<category_definition> defaults{
    {"salary", "employment_income"},   {"interest", "interest_income"},
    {"dividends", "dividend_income"},  {"rental_income", "rental_income"},
    {"other_income", ""},              {"groceries", ""},
    {"rent", ""},                      {"utilities", ""},
    {"transport", ""},                 {"dining", ""},
    {"health", "medical_expenses"},    {"education", "education_expenses"},
    {"charity", "charitable_donations"}, {"business", "business_expenses"},
    {"insurance", ""},                 {"entertainment", ""},
    {"other", ""},
  };
  return defaults;
}

std::map<std::string, std::string>
effective_categories(const std::map<std::string, std::string>& own) {
  std::map<std::string, std::string> out;
  for (const auto& d : default_categories())
    out[d.name] = d.tax_category;
  for (const auto& [name, tax] : own)
    out[name] = tax;
  return out;
}

status check_category(std::string_view name, std::string_view tax_category) {
  if (!is_slug(name) || (!tax_category.empty() && !is_slug(tax_category)))
    return make_failure(user_errc::invalid_category,
                        "a category and its tax category are 1 to 64 of a-z, 0-9, '_' and '-'");
  return done{};
}

} // namespace pfms
