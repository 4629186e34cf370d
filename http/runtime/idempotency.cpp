#include "http/runtime/idempotency.hpp"

#include "http/runtime/request_error.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cstdio>

namespace pfms {

namespace {

std::array<unsigned char, 32> sha256(std::string_view input) {
  std::array<unsigned char, 32> out{};
  unsigned int size = 0;
  [[maybe_unused]] const int ok =
    EVP_Digest(input.data(), input.size(), out.data(), &size, EVP_sha256(), nullptr);
  assert(ok == 1 && size == out.size());
  return out;
}

constexpr char hex_digits[] = "0123456789abcdef";

void put_hex(std::string& out, unsigned char byte) {
  out += hex_digits[byte >> 4];
  out += hex_digits[byte & 0x0f];
}

bool allowed(char c) {
  return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
}

} // namespace

result<std::string> parse_idempotency_key(std::string_view header) {
  std::string_view key = header;
  if (key.size() >= 2 && key.front() == '"' && key.back() == '"')
    key = key.substr(1, key.size() - 2);
  const bool ok = !key.empty() && key.size() <= idempotency_key_size_max
                  && std::all_of(key.begin(), key.end(), allowed)
                  && key.front() != ' ' && key.back() != ' ';
  if (!ok)
    return make_failure(request_errc::invalid_idempotency_key,
                        "Idempotency-Key must be 1..128 printable ASCII characters, "
                        "e.g. \"8e03978e-40d5-43e8-bc93-6894a57f9324\"");
  return std::string(key);
}

std::string request_fingerprint(const http_request& request) {
  std::string input;
  input.reserve(request.method.size() + request.path.size() + request.if_match.size()
                + request.body.size() + 3);
  input.append(request.method).append(1, '\0').append(request.path).append(1, '\0');
  input.append(request.if_match).append(1, '\0').append(request.body);
  std::string out;
  for (auto byte : sha256(input))
    put_hex(out, byte);
  return out;
}

std::string new_entity_id(const http_request& request, const id_generator& ids,
                          std::string_view purpose) {
  return request.idempotency_key.empty() ? ids.next()
                                         : derived_id(request.idempotency_key, purpose);
}

std::string scoped_idempotency_key(const std::string& caller_id, std::string_view key) {
  return (caller_id.empty() ? std::string("anon") : "u:" + caller_id) + ":" + std::string(key);
}

std::string created_entity_id(const http_request& request, const id_generator& ids,
                              std::string_view purpose) {
  return request.entity_id.empty() ? new_entity_id(request, ids, purpose) : request.entity_id;
}

std::string derived_id(std::string_view scoped_key, std::string_view purpose) {
  std::string input(purpose);
  input.append(1, '\0').append(scoped_key);
  auto bytes = sha256(input);
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x80); // version 8
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80); // RFC 9562 variant
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      out += '-';
    put_hex(out, bytes[i]);
  }
  return out;
}

bool idempotency_guard::try_enter(const std::string& key) {
  std::lock_guard lock(mutex_);
  if (running_.size() >= capacity)
    return false;
  return running_.insert(key).second;
}

void idempotency_guard::leave(const std::string& key) {
  std::lock_guard lock(mutex_);
  running_.erase(key);
}

} // namespace pfms
