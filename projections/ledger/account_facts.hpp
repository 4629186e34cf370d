#pragma once

// What a ledger read model keeps of each account it folds, to name the owner
// of the account's later events: "a:" ‖ account id → owner ‖ 0x00 ‖
// currency, from AccountOpened (neither is personal data, neither changes).

#include "events/event_store.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

struct account_facts {
  std::string owner_id;
  std::string currency;
};

/// The facts of the accounts one fold meets: its own AccountOpened events
/// first, then the rows of `family` (each read once). Lives for one fold.
class account_facts_book {
public:
  account_facts_book(const event_store& store, std::string_view family)
    : store_(&store), family_(family) {}

  /// When `e` is an AccountOpened: notes it, appends the row that keeps its
  /// facts to `puts`, and answers true. `corrupt` when it does not decode.
  [[nodiscard]] result<bool> take_opened(const recorded_event& e,
                                         std::vector<read_model_put>& puts);

  /// The facts of `account_id`; nullopt when it was never opened here.
  [[nodiscard]] result<std::optional<account_facts>> of(const std::string& account_id);

private:
  const event_store* store_;
  std::string_view family_;
  std::map<std::string, std::optional<account_facts>> known_;
};

/// The account id of an account stream's event ("account-<id>").
[[nodiscard]] std::string account_of(const recorded_event& e);

} // namespace pfms
