#include "http/identity/auth_error.hpp"
#include "http/identity/jwt.hpp"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <vector>

using namespace pfms;

namespace {
constexpr time_us now = 1'795'600'800'000'000;
const std::string key(32, 'k');
access_claims claims() {
  return {"user-1", now, now + 900'000'000, "jti-1", "sid-1"};
}
std::string part(const std::string& json) {
  return base64url_encode(json);
}
// A token over any header and payload, correctly signed with `key`: only the
// claim checks can refuse it.
std::string signed_token(const std::string& header, const std::string& payload) {
  const auto input = part(header) + "." + part(payload);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return input + "." + base64url_encode(std::string(reinterpret_cast<char*>(mac), length));
}
std::string payload(const char* aud, const char* typ, const char* exp = "1795601700") {
  return std::string(R"({"sub":"user-1","iat":1795600800,"exp":)") + exp + R"(,"aud":")" + aud
         + R"(","typ":")" + typ + R"(","jti":"x","sid":"s"})";
}
const std::string hs256 = R"({"alg":"HS256","typ":"JWT"})";
} // namespace

TEST_CASE("base64url round-trips and rejects malformed text") {
  std::string out;
  for (std::string text : {std::string(), std::string("f"), std::string("fo"), std::string("foo"),
                           std::string("\xff\x00\x01", 3)}) {
    REQUIRE(base64url_decode(base64url_encode(text), out));
    CHECK(out == text);
  }
  CHECK_FALSE(base64url_decode("a", out));
  CHECK_FALSE(base64url_decode("ab+/", out));
  CHECK_FALSE(base64url_decode("Zh", out)); // non-zero leftover bits
}

TEST_CASE("a key under 256 bits is refused") {
  CHECK_FALSE(jwt_codec::make(std::string(31, 'k')));
  CHECK(jwt_codec::make(std::string(32, 'k')));
}

TEST_CASE("a signed token verifies and yields its claims") {
  auto codec = *jwt_codec::make(key);
  auto verified = codec.verify(codec.sign(claims()), now + 1'000'000);
  REQUIRE(verified);
  CHECK(verified->subject == "user-1");
  CHECK(verified->token_id == "jti-1");
  CHECK(verified->session_id == "sid-1");
}

TEST_CASE("expired, tampered, foreign, wrong-algorithm and wrong-audience tokens are refused") {
  auto codec = *jwt_codec::make(key);
  const auto token = codec.sign(claims());
  const auto dot = token.find('.');
  std::string tampered = token;
  tampered[dot + 5] = tampered[dot + 5] == 'A' ? 'B' : 'A';
  CHECK(codec.verify(signed_token(hs256, payload("pfms", "access")), now + 1'000'000));
  const std::vector<std::pair<const char*, std::string>> rows{
    {"expired", token},
    {"tampered payload", tampered},
    {"other key", (*jwt_codec::make(std::string(32, 'x'))).sign(claims())},
    {"alg none", signed_token(R"({"alg":"none","typ":"JWT"})", payload("pfms", "access"))},
    {"alg none unsigned", part(R"({"alg":"none"})") + "." + part(payload("pfms", "access")) + "."},
    {"alg HS512", signed_token(R"({"alg":"HS512","typ":"JWT"})", payload("pfms", "access"))},
    {"wrong audience", signed_token(hs256, payload("other", "access"))},
    {"refresh used as access", signed_token(hs256, payload("pfms", "refresh"))},
    {"exp not a number", signed_token(hs256, payload("pfms", "access", "\"never\""))},
    {"duplicate claim", signed_token(hs256, payload("pfms", "access").replace(
                                              0, 1, R"({"sub":"user-2",)"))},
    {"duplicate header", signed_token(R"({"alg":"HS256","alg":"none","typ":"JWT"})",
                                      payload("pfms", "access"))},
    {"garbage", "a.b.c"},
    {"two parts", "a.b"},
    {"empty", ""},
  };
  for (const auto& [name, text] : rows) {
    CAPTURE(name);
    const auto at = std::string(name) == "expired" ? now + 901'000'000 : now + 1'000'000;
    auto verified = codec.verify(text, at);
    REQUIRE_FALSE(verified);
    CHECK(is(verified.error(), auth_errc::unauthorized));
  }
}
