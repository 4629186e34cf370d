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
  return sha256_hasher().digest(data);
}

std::string canonical_bytes(const recorded_event& e) {
  std::string out;
  out.reserve(128 + e.payload.size() + e.stream_id.size());
  append_canonical_bytes(out, e);
  return out;
}

void append_canonical_bytes(std::string& out, const recorded_event& e) {
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
}

std::string event_hash(const recorded_event& e) {
  return sha256_hasher().event_hash(e);
}

std::string global_hash(std::string_view previous_global, std::string_view event_hash) {
  return sha256_hasher().digest(previous_global, event_hash);
}

struct sha256_hasher::context {
  EVP_MD* md = nullptr;
  EVP_MD_CTX* ctx = nullptr;
};

sha256_hasher::sha256_hasher() : context_(new context) {
  context_->md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  context_->ctx = EVP_MD_CTX_new();
  // Both fail only when OpenSSL itself is broken: an invariant.
  if (context_->md == nullptr || context_->ctx == nullptr)
    std::abort();
}

sha256_hasher::~sha256_hasher() {
  EVP_MD_CTX_free(context_->ctx);
  EVP_MD_free(context_->md);
  delete context_;
}

std::string sha256_hasher::digest(std::string_view first, std::string_view second) {
  std::string out(hash_size, '\0');
  unsigned int length = 0;
  if (EVP_DigestInit_ex(context_->ctx, context_->md, nullptr) != 1
      || EVP_DigestUpdate(context_->ctx, first.data(), first.size()) != 1
      || EVP_DigestUpdate(context_->ctx, second.data(), second.size()) != 1
      || EVP_DigestFinal_ex(context_->ctx, reinterpret_cast<unsigned char*>(out.data()),
                            &length) != 1
      || length != hash_size)
    std::abort();
  return out;
}

std::string sha256_hasher::event_hash(const recorded_event& e) {
  scratch_.clear();
  append_canonical_bytes(scratch_, e);
  return digest(e.previous_hash, scratch_);
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
