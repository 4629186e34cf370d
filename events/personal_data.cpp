#include "events/personal_data.hpp"

#include <sodium.h>

#include <cassert>
#include <cstdint>
#include <cstdlib>

namespace pfms {

namespace {

constexpr unsigned char format_version = 1;
constexpr std::size_t nonce_size = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t tag_size = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

void ensure_sodium() {
  // Idempotent and thread-safe; fails only without an entropy source.
  if (sodium_init() < 0)
    std::abort();
}

} // namespace

std::string new_subject_key() {
  ensure_sodium();
  std::string key(subject_key_size, '\0');
  crypto_aead_xchacha20poly1305_ietf_keygen(reinterpret_cast<unsigned char*>(key.data()));
  return key;
}

std::string seal(std::string_view key, std::string_view context, std::string_view plaintext) {
  assert(key.size() == subject_key_size);
  if (plaintext.empty())
    return {};
  ensure_sodium();
  std::string out(1 + nonce_size + plaintext.size() + tag_size, '\0');
  auto* raw = reinterpret_cast<unsigned char*>(out.data());
  raw[0] = format_version;
  randombytes_buf(raw + 1, nonce_size);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(raw + 1 + nonce_size, &written, bytes(plaintext),
                                             plaintext.size(), bytes(context), context.size(),
                                             nullptr, raw + 1, bytes(key));
  assert(written == plaintext.size() + tag_size);
  return out;
}

std::optional<std::string> unseal(std::string_view key, std::string_view context,
                                  std::string_view sealed) {
  if (sealed.empty())
    return std::string();
  if (key.size() != subject_key_size || sealed.size() < 1 + nonce_size + tag_size
      || static_cast<unsigned char>(sealed[0]) != format_version)
    return std::nullopt;
  ensure_sodium();
  const auto cipher = sealed.substr(1 + nonce_size);
  std::string out(cipher.size() - tag_size, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(out.data()),
                                                 &written, nullptr, bytes(cipher), cipher.size(),
                                                 bytes(context), context.size(),
                                                 bytes(sealed.substr(1)), bytes(key))
      != 0)
    return std::nullopt;
  out.resize(written);
  return out;
}

std::string blind_index(std::string_view key, std::string_view context, std::string_view text) {
  assert(key.empty() || key.size() == subject_key_size);
  ensure_sodium();
  crypto_generichash_state state;
  crypto_generichash_init(&state, key.empty() ? nullptr : bytes(key), key.size(), 16);
  // Length-prefixed, so no (context, text) pair reads as another.
  const auto length = static_cast<std::uint64_t>(context.size());
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(&length), sizeof length);
  crypto_generichash_update(&state, bytes(context), context.size());
  crypto_generichash_update(&state, bytes(text), text.size());
  std::string out(16, '\0');
  crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(out.data()), out.size());
  return out;
}

std::string sealer::seal_field(std::string_view field, std::string_view plaintext) const {
  assert(!erased());
  if (pass_through)
    return std::string(plaintext);
  return seal(key, subject + "/" + std::string(field), plaintext);
}

std::optional<std::string> sealer::open_field(std::string_view field,
                                              std::string_view sealed) const {
  if (pass_through)
    return std::string(sealed);
  if (erased())
    return sealed.empty() ? std::string() : std::string(erased_text);
  return unseal(key, subject + "/" + std::string(field), sealed);
}

} // namespace pfms
