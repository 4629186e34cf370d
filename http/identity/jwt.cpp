#include "http/identity/jwt.hpp"

#include "http/identity/auth_error.hpp"
#include "http/runtime/strict_json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstdlib>
#include <optional>

namespace pfms {

failure make_failure(auth_errc code, std::string detail) {
  return {error_domain::auth, static_cast<std::uint8_t>(code), std::move(detail)};
}

namespace {

constexpr char alphabet[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view header_json = R"({"alg":"HS256","typ":"JWT"})";
constexpr std::string_view audience = "pfms";

failure unauthorized() {
  return make_failure(auth_errc::unauthorized, "a valid access token is required");
}

// The alphabet inverted: 64 for bytes outside it.
constexpr std::array<unsigned char, 256> decoding_table() {
  std::array<unsigned char, 256> table{};
  table.fill(64);
  for (unsigned char i = 0; i < 64; ++i)
    table[static_cast<unsigned char>(alphabet[i])] = i;
  return table;
}
constexpr auto decoding = decoding_table();

int value_of(char c) {
  const auto v = decoding[static_cast<unsigned char>(c)];
  return v == 64 ? -1 : v;
}

std::optional<boost::json::object> json_object(std::string_view part) {
  std::string text;
  if (!base64url_decode(part, text))
    return std::nullopt;
  auto v = parse_strict_json(text, 4);
  if (!v || !v->is_object())
    return std::nullopt;
  return std::move(v->as_object());
}

bool string_claim(const boost::json::object& o, const char* key, std::string_view expected) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() && v->get_string() == expected;
}

std::optional<std::int64_t> seconds_claim(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_int64() || v->get_int64() < 0)
    return std::nullopt;
  return v->get_int64();
}

} // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += alphabet[(buffer >> bits) & 0x3f];
    }
  }
  if (bits > 0)
    out += alphabet[(buffer << (6 - bits)) & 0x3f];
  return out;
}

bool base64url_decode(std::string_view text, std::string& out) {
  out.clear();
  if (text.size() % 4 == 1)
    return false;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int v = value_of(c);
    if (v < 0)
      return false;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  // Leftover bits must be zero, or two texts would decode to one value.
  return (buffer & ((1u << bits) - 1)) == 0;
}

result<jwt_codec> jwt_codec::make(std::string key) {
  if (key.size() < key_size_min)
    return make_failure(runtime_errc::unavailable, "the JWT key must have at least 256 bits");
  return jwt_codec(std::move(key));
}

std::string jwt_codec::mac(std::string_view signing_input) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
           reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(),
           digest, &length)
      == nullptr)
    std::abort(); // OpenSSL itself is broken: an invariant
  return std::string(reinterpret_cast<char*>(digest), length);
}

std::string jwt_codec::sign(const access_claims& c) const {
  const boost::json::object payload{{"sub", c.subject},
                                    {"iat", c.issued_at_us / 1'000'000},
                                    {"exp", c.expires_at_us / 1'000'000},
                                    {"aud", audience},
                                    {"typ", "access"},
                                    {"jti", c.token_id},
                                    {"sid", c.session_id}};
  auto input = base64url_encode(header_json) + "."
               + base64url_encode(boost::json::serialize(payload));
  return input + "." + base64url_encode(mac(input));
}

result<access_claims> jwt_codec::verify(std::string_view token, time_us now) const {
  const auto first = token.find('.');
  const auto second = token.find('.', first == std::string_view::npos ? 0 : first + 1);
  if (token.size() > token_size_max || first == std::string_view::npos
      || second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
    return unauthorized();
  // The algorithm is pinned: anything but exactly HS256 is refused up front.
  auto header = json_object(token.substr(0, first));
  if (!header || !string_claim(*header, "alg", "HS256"))
    return unauthorized();
  std::string signature;
  const auto expected = mac(token.substr(0, second));
  if (!base64url_decode(token.substr(second + 1), signature) || signature.size() != expected.size()
      || CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0)
    return unauthorized();
  auto payload = json_object(token.substr(first + 1, second - first - 1));
  if (!payload || !string_claim(*payload, "aud", audience) || !string_claim(*payload, "typ", "access"))
    return unauthorized();
  const auto iat = seconds_claim(*payload, "iat");
  const auto exp = seconds_claim(*payload, "exp");
  const auto* sub = payload->if_contains("sub");
  const auto* jti = payload->if_contains("jti");
  const auto* sid = payload->if_contains("sid");
  if (!iat || !exp || sub == nullptr || !sub->is_string() || sub->get_string().empty()
      || jti == nullptr || !jti->is_string() || sid == nullptr || !sid->is_string()
      || *exp * 1'000'000 <= now
      || *iat * 1'000'000 > now + clock_skew_us)
    return unauthorized();
  return access_claims{std::string(sub->get_string()), *iat * 1'000'000, *exp * 1'000'000,
                       std::string(jti->get_string()), std::string(sid->get_string())};
}

} // namespace pfms
