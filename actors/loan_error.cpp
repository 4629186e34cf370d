#include "actors/loan_error.hpp"

namespace pfms {

failure make_failure(loan_errc code, std::string detail) {
  return {error_domain::loan, static_cast<std::uint8_t>(code), std::move(detail)};
}

std::string_view code_name(loan_errc code) {
  switch (code) {
    case loan_errc::invalid_loan_terms: return "invalid_loan_terms";
  }
  return "loan_error";
}

} // namespace pfms
