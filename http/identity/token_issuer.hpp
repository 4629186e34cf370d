#pragma once

#include "events/clock.hpp"
#include "events/ids.hpp"
#include "http/identity/jwt.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace pfms {

/// A refresh token taken apart: whose, which family, and the hash that is
/// all the store ever holds of it.
struct refresh_parts {
  std::string user_id;
  std::string family_id;
  std::string hash;
};

/// Makes and reads the two kinds of tokens. Access tokens are HS256 JWTs of
/// 15 minutes. Refresh tokens are `<user id>.<family id>.<secret>`, with 256
/// random bits of secret; only their SHA-256 is stored. Thread-safe; borrows
/// the clock and ids.
class token_issuer {
public:
  static constexpr time_us access_ttl_us = 15LL * 60 * 1'000'000;
  static constexpr time_us refresh_ttl_us = 30LL * 24 * 3600 * 1'000'000;

  token_issuer(jwt_codec codec, const clock& time, const id_generator& ids)
    : codec_(std::move(codec)), time_(time), ids_(ids) {}

  /// An access token for `user_id` in session `family_id`.
  [[nodiscard]] std::string access_token(const std::string& user_id,
                                         const std::string& family_id) const;
  [[nodiscard]] result<access_claims> verify_access(std::string_view token) const;
  /// The claims of an `Authorization: Bearer <access token>` header's value;
  /// `unauthorized` without a scheme or a token that verifies.
  [[nodiscard]] result<access_claims> verify_bearer(std::string_view authorization) const;
  /// A fresh refresh token of `family_id` for `user_id`.
  [[nodiscard]] std::string refresh_token(const std::string& user_id,
                                          const std::string& family_id) const;
  /// The parts of a well-formed refresh token, nullopt otherwise.
  [[nodiscard]] static std::optional<refresh_parts> parse_refresh(std::string_view token);
  [[nodiscard]] static std::string hash(std::string_view token);

  [[nodiscard]] time_us now_us() const { return time_.now_us(); }
  [[nodiscard]] std::string new_id() const { return ids_.next(); }

private:
  jwt_codec codec_;
  const clock& time_;
  const id_generator& ids_;
};

} // namespace pfms
