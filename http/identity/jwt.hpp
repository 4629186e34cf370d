#pragma once

#include "events/clock.hpp"
#include "events/result.hpp"

#include <string>
#include <string_view>

namespace pfms {

/// What an access token says (RFC 7519 claims pfms uses).
struct access_claims {
  std::string subject;        ///< `sub`: the user id
  time_us issued_at_us = 0;   ///< `iat`, whole seconds on the wire
  time_us expires_at_us = 0;  ///< `exp`, whole seconds on the wire
  std::string token_id;       ///< `jti`
  std::string session_id;     ///< `sid`: the refresh-token family it was issued under
};

/// HS256 access tokens with the checks of RFC 8725: the algorithm is pinned
/// (a token naming any other, "none" included, is refused before its
/// signature is looked at), the signature is compared in constant time, and
/// `aud` ("pfms"), `typ` ("access"), `exp` and `iat` are checked. Immutable
/// after construction; thread-safe.
class jwt_codec {
public:
  static constexpr std::size_t key_size_min = 32; ///< 256 bits
  static constexpr std::size_t token_size_max = 4096;
  static constexpr time_us clock_skew_us = 60'000'000;

  /// Fails when `key` is shorter than 256 bits.
  [[nodiscard]] static result<jwt_codec> make(std::string key);

  [[nodiscard]] std::string sign(const access_claims& claims) const;

  /// The claims of a valid, unexpired access token at `now`; otherwise
  /// `auth_errc::unauthorized` (one code for every reason, so a caller learns
  /// nothing about which check failed).
  [[nodiscard]] result<access_claims> verify(std::string_view token, time_us now) const;

private:
  explicit jwt_codec(std::string key) : key_(std::move(key)) {}
  [[nodiscard]] std::string mac(std::string_view signing_input) const;
  std::string key_;
};

/// RFC 4648 base64url without padding.
[[nodiscard]] std::string base64url_encode(std::string_view bytes);
/// Nullopt-like empty result on malformed input is ambiguous, so: false when
/// `text` is not unpadded base64url.
[[nodiscard]] bool base64url_decode(std::string_view text, std::string& out);

} // namespace pfms
