#pragma once

// The keys that seal what people wrote into an entity shared with others (a
// group's expense descriptions, a loan's named party), on the entity's node.
// Each text is sealed under the key of the user who wrote it: that user's
// subject key in this node's store (the same key as their own when the
// entity lives on their home node). Erasing the user destroys it here too
// (cluster/identity/erasure_courier.hpp), and their text then reads as `erased_text`.

#include "events/event_store.hpp"
#include "events/personal_data.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pfms {

class writer_keys {
public:
  /// Keys of `store` for the text of stream `stream` (part of every sealed
  /// field's context); the store outlives the keys.
  writer_keys(const event_store& store, std::string stream);

  /// The sealer of `writer`'s text, erased when `writer`'s key is gone (or
  /// was never made, which only happens for text that was never sealed).
  [[nodiscard]] result<sealer> of(const std::string& writer);

  /// Makes sure `writer` has a key (created, synced, on first use), so that
  /// `of(writer)` seals; `subject_erased` once the writer was erased here.
  [[nodiscard]] status prepare(event_store& store, const std::string& writer);

  /// The sealer of `writer`, already read by `of` or `prepare`.
  [[nodiscard]] const sealer& known(const std::string& writer) const;

  /// Whether an erasure in the store may have destroyed a key read here
  /// since these keys were made: then they must be made again.
  [[nodiscard]] bool stale() const;

  /// The store's erasure epoch when these keys were made.
  [[nodiscard]] std::uint64_t epoch() const { return epoch_; }

private:
  const event_store* store_;
  std::string stream_;
  std::uint64_t epoch_;
  std::map<std::string, sealer, std::less<>> sealers_; ///< by writer
};

/// `text` sealed as `field` by `seal`; for an erased writer, a marker that
/// opens (as `erased_text`) only while the key is gone, which is for good.
[[nodiscard]] std::string seal_text(const sealer& seal, std::string_view field,
                                    std::string_view text);

/// A field sealed since some version: opened by `writer`'s key when the
/// event names a writer, else the plain text that older events carry;
/// nothing when the key cannot be read or the sealed bytes do not open.
[[nodiscard]] std::optional<std::string> writer_text(writer_keys& keys, const std::string& writer,
                                                     std::string_view field,
                                                     const std::string& sealed,
                                                     const std::string& plain);

/// Recovers `entity` (by `recover(keys)`) with fresh keys for `stream` when
/// there are none yet or an erasure in the store made them stale, so that an
/// erased writer's text reads as erased (one replay per erasure on this node,
/// not per command); a failed recovery is kept in `broken`.
template <class Entity, class Recover>
void refresh_with_keys(const event_store& store, const std::string& stream,
                       std::optional<writer_keys>& keys, Entity& entity,
                       std::optional<failure>& broken, Recover recover) {
  if (keys && !keys->stale())
    return;
  keys.emplace(store, stream);
  if (auto recovered = recover(*keys)) {
    entity = std::move(*recovered);
    broken.reset();
  } else {
    broken = recovered.error();
  }
}

} // namespace pfms
