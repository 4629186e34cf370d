#include "http/identity/token_issuer.hpp"

#include "events/hash_chain.hpp"
#include "http/identity/auth_error.hpp"
#include "http/runtime/header_values.hpp"

#include <openssl/rand.h>

#include <cstdlib>

namespace pfms {

std::string token_issuer::access_token(const std::string& user_id,
                                       const std::string& family_id) const {
  const auto now = time_.now_us();
  return codec_.sign({user_id, now, now + access_ttl_us, ids_.next(), family_id});
}

result<access_claims> token_issuer::verify_access(std::string_view token) const {
  return codec_.verify(token, time_.now_us());
}

result<access_claims> token_issuer::verify_bearer(std::string_view authorization) const {
  const auto token = bearer_token(authorization);
  if (token.empty())
    return make_failure(auth_errc::unauthorized, "a valid access token is required");
  return verify_access(token);
}

std::string token_issuer::refresh_token(const std::string& user_id,
                                        const std::string& family_id) const {
  unsigned char secret[32];
  if (RAND_bytes(secret, sizeof secret) != 1)
    std::abort(); // no entropy: nothing can be issued safely
  return user_id + "." + family_id + "."
         + base64url_encode(std::string_view(reinterpret_cast<char*>(secret), sizeof secret));
}

std::optional<refresh_parts> token_issuer::parse_refresh(std::string_view token) {
  const auto first = token.find('.');
  const auto second = token.find('.', first == std::string_view::npos ? 0 : first + 1);
  if (token.size() > 200 || first == std::string_view::npos || second == std::string_view::npos)
    return std::nullopt;
  const auto user = token.substr(0, first);
  const auto family = token.substr(first + 1, second - first - 1);
  std::string secret;
  if (!is_canonical_id(user) || !is_canonical_id(family)
      || !base64url_decode(token.substr(second + 1), secret) || secret.size() != 32)
    return std::nullopt;
  return refresh_parts{std::string(user), std::string(family), hash(token)};
}

std::string token_issuer::hash(std::string_view token) {
  return sha256(token);
}

} // namespace pfms
