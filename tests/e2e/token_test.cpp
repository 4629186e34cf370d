// Access tokens forged with the node's own key against a real pfmsd: each
// breaks one rule of RFC 8725 and must get 401 while a correctly formed one,
// signed the same way, gets 200. So the refusals are the claim checks' doing,
// not a signature mismatch.

#include "tests/e2e/node_fixture.hpp"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <ctime>
#include <string_view>
#include <fstream>
#include <iterator>

using namespace pfms::test;

namespace {

constexpr std::string_view alphabet =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const std::string& bytes) {
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (unsigned char c : bytes) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out += alphabet[(bits >> count) & 63];
    }
  }
  if (count > 0)
    out += alphabet[(bits << (6 - count)) & 63];
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A token over `header` and `payload`, signed with HMAC-SHA256 under `key`.
std::string forge(const std::string& key, const std::string& header, const std::string& payload) {
  const auto input = base64url(header) + "." + base64url(payload);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return input + "." + base64url(std::string(reinterpret_cast<char*>(mac), length));
}

struct claims {
  std::string sub;
  std::string sid;
  long long iat = 0;
  long long exp = 0;
  std::string aud = "pfms";
  std::string typ = "access";
  std::string json() const {
    return R"({"sub":")" + sub + R"(","iat":)" + std::to_string(iat) + R"(,"exp":)"
           + std::to_string(exp) + R"(,"aud":")" + aud + R"(","typ":")" + typ
           + R"(","jti":"forged","sid":")" + sid + R"("})";
  }
};

// The payload of a real token, to take its subject and session from.
std::string payload_of(const std::string& token) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  const auto part = token.substr(first + 1, second - first - 1);
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : part) {
    bits = (bits << 6) | static_cast<unsigned>(alphabet.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

std::string json_text(const std::string& json, const std::string& key) {
  const auto at = json.find("\"" + key + "\":\"");
  if (at == std::string::npos)
    return {};
  const auto start = at + key.size() + 4;
  return json.substr(start, json.find('"', start) - start);
}

} // namespace

TEST_CASE_FIXTURE(node_fixture,
                  "expired, wrong-algorithm, wrong-audience and wrong-type tokens get 401") {
  REQUIRE(port != 0);
  REQUIRE_FALSE(token.empty());
  const auto key = read_file(dir.sub("data") + "/jwt.key");
  REQUIRE(key.size() >= 32);
  const auto real = payload_of(token);
  const long long now = std::time(nullptr);
  const claims good{json_text(real, "sub"), json_text(real, "sid"), now - 10, now + 600};
  REQUIRE_FALSE(good.sub.empty());
  const std::string hs256 = R"({"alg":"HS256","typ":"JWT"})";

  // The control: forged by the same means and valid, so it is accepted.
  CHECK(request(port, "GET", "/user/me", "", "", forge(key, hs256, good.json())).status == 200);

  auto expired = good;
  expired.iat = now - 3600;
  expired.exp = now - 1800;
  auto future = good;
  future.iat = now + 3600;
  auto audience = good;
  audience.aud = "other";
  auto refresh = good;
  refresh.typ = "refresh";
  const std::vector<std::pair<const char*, std::string>> rows{
    {"expired", forge(key, hs256, expired.json())},
    {"issued in the future", forge(key, hs256, future.json())},
    {"wrong audience", forge(key, hs256, audience.json())},
    {"refresh type used as access", forge(key, hs256, refresh.json())},
    {"alg none", base64url(R"({"alg":"none","typ":"JWT"})") + "." + base64url(good.json()) + "."},
    {"alg HS512", forge(key, R"({"alg":"HS512","typ":"JWT"})", good.json())},
    {"alg RS256", forge(key, R"({"alg":"RS256","typ":"JWT"})", good.json())},
    {"other key", forge(std::string(32, 'x'), hs256, good.json())},
  };
  for (const auto& [name, forged] : rows) {
    CAPTURE(name);
    auto r = request(port, "GET", "/user/me", "", "", forged);
    CHECK(r.status == 401);
    CHECK(text(json_of(r), "code") == "unauthorized");
    CHECK(request(port, "POST", "/finance/accounts",
                  R"({"name":"A","kind":"cash","currency":"EUR"})", "application/json", forged)
            .status == 401);
  }
  // Nothing was opened by any of them, and the node still serves.
  auto list = request(port, "GET", "/finance/accounts", "", "", token);
  REQUIRE(list.status == 200);
  CHECK(json_of(list).at("items").as_array().empty());
}
