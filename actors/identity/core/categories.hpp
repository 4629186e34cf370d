#pragma once

// Categories of income and expense, per user: a default set every user
// starts with, which the user may extend or re-map to tax categories. Pure.

#include "events/result.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

inline constexpr std::size_t categories_max = 200; ///< a user's own definitions

/// A category and the tax category its amounts count towards ("" for none).
/// An expense in a category with a tax category is deductible; an income is taxable.
struct category_definition {
  std::string name;
  std::string tax_category;
  friend bool operator==(const category_definition&, const category_definition&) = default;
};

/// The set every user starts with, by name.
[[nodiscard]] const std::vector<category_definition>& default_categories();

/// The defaults with `own` (name → tax category) laid over them, by name.
[[nodiscard]] std::map<std::string, std::string>
effective_categories(const std::map<std::string, std::string>& own);

/// `invalid_category` unless `name` is 1..64 bytes of lower-case letters,
/// digits, '_' or '-', and `tax_category` is empty or the same shape.
[[nodiscard]] status check_category(std::string_view name, std::string_view tax_category);

} // namespace pfms
