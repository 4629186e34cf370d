#pragma once

#include "events/failure.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace pfms {

/// Rejections of the loan core. Numbers are stable and never reused.
enum class loan_errc : std::uint8_t {
  invalid_loan_terms = 1, ///< principal, rate, term, schedule type or dates out of range
};

[[nodiscard]] failure make_failure(loan_errc code, std::string detail);
[[nodiscard]] std::string_view code_name(loan_errc code);

} // namespace pfms
