#include "events/hash_chain.hpp"

#include <openssl/evp.h>

#include <cstdint>
#include <cstdlib>

namespace pfms {

namespace {

void append_u64(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8)
    out += static_cast<char>((value >> shift) & 0xff);
}

void append_field(std::string& out, std::string_view bytes) {
  append_u64(out, bytes.size());
  out.append(bytes);
}

} // namespace

std::string genesis_hash() {
  return std::string(hash_size, '\0');
}

std::string sha256(std::string_view data) {
  std::string digest(hash_size, '\0');
  unsigned int length = 0;
  // EVP_Digest fails only when OpenSSL itself is broken: an invariant.
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(digest.data()),
                 &length, EVP_sha256(), nullptr) != 1
      || length != hash_size)
    std::abort();
  return digest;
}

std::string canonical_bytes(const recorded_event& e) {
  std::string out;
  out.reserve(128 + e.payload.size() + e.stream_id.size());
  append_field(out, e.event_id);
  append_field(out, e.stream_id);
  append_u64(out, e.version);
  append_u64(out, e.position);
  append_u64(out, static_cast<std::uint64_t>(e.recorded_at_us));
  append_field(out, e.type);
  append_field(out, e.payload);
  append_field(out, e.actor);
  append_field(out, e.correlation_id);
  append_field(out, e.causation_id);
  append_field(out, e.idempotency_key);
  return out;
}

std::string event_hash(const recorded_event& e) {
  return sha256(e.previous_hash + canonical_bytes(e));
}

std::string global_hash(std::string_view previous_global, std::string_view event_hash) {
  std::string input;
  input.reserve(previous_global.size() + event_hash.size());
  input.append(previous_global).append(event_hash);
  return sha256(input);
}

std::string to_hex(std::string_view bytes) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += hex[c >> 4];
    out += hex[c & 0x0f];
  }
  return out;
}

} // namespace pfms
