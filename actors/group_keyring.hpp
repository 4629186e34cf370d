#pragma once

// The keys that seal a group's text on the group's node. Each text is sealed
// under the key of the member who wrote it: that member's subject key in this
// node's store (the same key as their own when the group lives on their home
// node). Erasing the member destroys it here too (cluster/erasure_courier.hpp),
// and their text in the group then reads as `erased_text`.

#include "events/event_store.hpp"
#include "events/personal_data.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace pfms {

class group_keyring {
public:
  /// Keys of `store` for group `group_id`; the store outlives the keyring.
  group_keyring(const event_store& store, std::string group_id);

  /// The sealer of `writer`'s text, erased when `writer`'s key is gone (or
  /// was never made, which only happens for text that was never sealed).
  [[nodiscard]] result<sealer> of(const std::string& writer);

  /// Makes sure `writer` has a key (created, synced, on first use), so that
  /// `of(writer)` seals; `subject_erased` once the writer was erased here.
  [[nodiscard]] status prepare(event_store& store, const std::string& writer);

  /// The sealer of `writer`, already read by `of` or `prepare`.
  [[nodiscard]] const sealer& known(const std::string& writer) const;

  /// Whether an erasure in the store may have destroyed a key read here
  /// since the keyring was made: then it must be made again.
  [[nodiscard]] bool stale() const;

private:
  const event_store* store_;
  std::string group_id_;
  std::uint64_t epoch_;
  std::map<std::string, sealer, std::less<>> sealers_; ///< by writer
};

/// `text` sealed as `field` by `seal`; for an erased writer, a marker that
/// opens (as `erased_text`) only while the key is gone, which is for good.
[[nodiscard]] std::string seal_text(const sealer& seal, std::string_view field,
                                    std::string_view text);

} // namespace pfms
