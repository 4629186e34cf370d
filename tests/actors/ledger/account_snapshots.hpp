#pragma once

// An account's snapshot as its actor writes and reads it: the state whole,
// in the runtime's snapshot form (actors/runtime/snapshot_codec.hpp), sealed
// under the owner's key for the account's stream (`seal.subject`).

#include "actors/ledger/account_codec.hpp"
#include "actors/ledger/account_messages.hpp"
#include "actors/ledger/internal/account_shell.hpp"
#include "actors/runtime/snapshot_codec.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

namespace pfms::test {

/// The format account snapshots are written in.
inline std::uint32_t account_snapshot_format() {
  return runtime::snapshot_format<account_state>(actors::internal::account_shell::snapshot_salt);
}

inline std::string encode_account_snapshot(const account_state& state, const sealer& seal) {
  auto bytes = runtime::seal_snapshot(state, seal.key, seal.subject);
  REQUIRE(bytes);
  return *bytes;
}

inline std::optional<account_state> decode_account_snapshot(std::string_view bytes,
                                                            const sealer& seal) {
  return runtime::open_snapshot<account_state>(bytes, seal.key, seal.subject);
}

} // namespace pfms::test
