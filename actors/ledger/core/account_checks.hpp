#pragma once

// Checks shared by the account core's decisions (account_core.cpp,
// transaction_rules.cpp). Pure.

#include "actors/ledger/core/account_core.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace pfms::actors::internal {

[[nodiscard]] bool has_control_characters(std::string_view text);

/// `invalid_text` unless `text` is at most `size_max` bytes without control characters.
[[nodiscard]] status check_text(std::string_view text, std::size_t size_max,
                                std::string_view field);

/// Whether `caller` may change the account now: it is theirs (another user's
/// answers exactly as a missing one) and open. (If-Match is the entity
/// runtime's: actors/runtime/entity_shell.hpp.)
[[nodiscard]] status writable(const account_state& state, const std::string& caller);

} // namespace pfms::actors::internal
