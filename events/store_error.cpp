#include "events/store_error.hpp"

namespace pfms {

failure make_failure(store_errc code, std::string detail) {
  return {error_domain::store, static_cast<std::uint8_t>(code), std::move(detail)};
}

std::string_view code_name(store_errc code) {
  switch (code) {
    case store_errc::version_conflict: return "version_conflict";
    case store_errc::io: return "storage_failure";
    case store_errc::corrupt: return "storage_corrupt";
    case store_errc::invalid_append: return "invalid_append";
    case store_errc::not_found: return "not_found";
    case store_errc::read_only: return "read_only";
    case store_errc::idempotency_mismatch: return "idempotency_key_reused";
    case store_errc::overloaded: return "overloaded";
    case store_errc::subject_erased: return "subject_erased";
    case store_errc::unsupported_format: return "unsupported_format";
  }
  return "store_error";
}

} // namespace pfms
