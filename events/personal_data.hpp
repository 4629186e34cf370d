#pragma once

// Personal data at rest: every personal field of an event, snapshot or read
// model row is sealed under its subject's (user's) own key. Erasing the
// person destroys the key (crypto-shredding): the log stays append-only and
// its hash chains intact, and the sealed bytes become unreadable.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pfms {

/// Bytes of a subject key (XChaCha20-Poly1305).
inline constexpr std::size_t subject_key_size = 32;

/// What stands in for a personal field whose subject was erased.
inline constexpr std::string_view erased_text = "[erased]";

/// A fresh random subject key.
[[nodiscard]] std::string new_subject_key();

/// `plaintext` sealed under `key` (XChaCha20-Poly1305, random 192-bit nonce):
/// version byte ‖ nonce ‖ ciphertext ‖ tag. `context` (e.g. "account-<id>/name")
/// is authenticated, so sealed bytes cannot be moved to another field or
/// entity. Empty plaintext seals to empty bytes. `key` must be
/// `subject_key_size` bytes.
[[nodiscard]] std::string seal(std::string_view key, std::string_view context,
                               std::string_view plaintext);

/// A 16-byte keyed hash (BLAKE2b) of `text` in `context` under `key`: the same
/// text gives the same index under one key, so a read model can group or find
/// rows by a sealed field without holding it in the clear. With an empty key
/// (the subject was erased), an unkeyed hash.
[[nodiscard]] std::string blind_index(std::string_view key, std::string_view context,
                                      std::string_view text);

/// The plaintext of `sealed`; nothing when the key, context or bytes do not
/// match. Empty bytes open to empty text.
[[nodiscard]] std::optional<std::string> unseal(std::string_view key, std::string_view context,
                                                std::string_view sealed);

/// How codecs treat personal fields: sealed under `key` for `subject`, or,
/// with no key (the subject was erased), opened as `erased_text`. A
/// `pass_through` sealer leaves the sealed bytes as they are both ways: for
/// read models that copy sealed fields and open them only when answering.
struct sealer {
  std::string key;     ///< empty: erased
  std::string subject; ///< the entity whose fields these are, part of each context
  bool pass_through = false;

  [[nodiscard]] bool erased() const { return key.empty() && !pass_through; }
  [[nodiscard]] std::string seal_field(std::string_view field, std::string_view plaintext) const;
  /// The field's plaintext, `erased_text` when erased; nothing when the bytes
  /// do not open under the key (corrupt or foreign).
  [[nodiscard]] std::optional<std::string> open_field(std::string_view field,
                                                      std::string_view sealed) const;
};

} // namespace pfms
