#pragma once

// Writes account events straight to a store, encoded as the account actor
// encodes them: for tests of what reads the log (projections, verify).

#include "actors/ledger/account_codec.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace pfms::test {

class account_writer {
public:
  /// Seals under `owner_key`; with none, leaves personal fields as they are.
  explicit account_writer(event_store& store, std::string owner_key = {})
    : store_(&store), key_(std::move(owner_key)) {}

  void write(const std::string& account, const std::vector<account_event>& events) {
    const auto seal = key_.empty() ? sealer{"", "account-" + account, true}
                                   : account_sealer(account, key_);
    std::vector<new_event> encoded;
    for (const auto& e : events)
      encoded.push_back(
        encode_account_event(e, {"e-" + std::to_string(++count_), "o1", "c", "test"}, seal));
    REQUIRE(store_->append("account-" + account, expected_version::any(), encoded));
  }

private:
  event_store* store_;
  std::string key_;
  int count_ = 0;
};

} // namespace pfms::test
