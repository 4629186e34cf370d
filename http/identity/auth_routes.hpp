#pragma once

#include "http/identity/login_limiter.hpp"
#include "http/identity/password_hasher.hpp"
#include "http/identity/token_issuer.hpp"
#include "http/identity/identity_gateway.hpp"
#include "http/runtime/log_reader.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/route_table.hpp"

namespace pfms {

/// /auth/* and /user/me. Borrows everything; all must outlive it.
///
///   register: validate → hash (hasher threads) → user actor: claim email,
///             append UserRegistered → 201
///   login:    limits (429 + Retry-After) → email → user id (registry) →
///             stored hash → verify (hasher; an unknown email verifies against
///             a decoy, same time, same 401) → start a session family → 200
///   refresh:  parse → rotate (a reused token revokes the family) → 200 pair
///   logout:   parse → end the family → 204
class auth_routes {
public:
  auth_routes(const identity_gateway& gateway, const log_reader& log, password_hasher& hasher,
              const token_issuer& tokens, const login_limiter& limiter)
    : gateway_(gateway), log_(log), hasher_(hasher), tokens_(tokens), limiter_(limiter) {}

  /// The domain's routes: /auth/* and /user/me*.
  [[nodiscard]] static std::span<const route_def<auth_routes>> routes();

  /// Calls `next(request, respond)` once the session the caller's access
  /// token names (`request.session_id`) is known to be live: at once on this
  /// thread when the user is published on this node, else from a CAF worker
  /// after asking the user's actor (on whatever node it lives). A session
  /// that ended (logout, revoked family, password change, erasure, expiry)
  /// answers 401 `unauthorized` instead.
  void within_session(http_request request, responder respond,
                      std::function<void(http_request, responder)> next) const;

  void register_user(const http_request& request, responder respond) const;
  void login(const http_request& request, responder respond) const;
  void refresh(const http_request& request, responder respond) const;
  void logout(const http_request& request, responder respond) const;
  void me(const http_request& request, responder respond) const;
  /// PATCH /user/me: display_name and/or base_currency → 200 with the user.
  void update_me(const http_request& request, responder respond) const;
  /// POST /user/me/password: current_password, new_password → 204; every
  /// other session of the user ends.
  void change_password(const http_request& request, responder respond) const;
  /// GET /user/me/export: everything pfms holds about the caller → 200 JSON.
  void export_me(const http_request& request, responder respond) const;
  /// DELETE /user/me: password → 204; the person is erased (crypto-shredding).
  void erase_me(const http_request& request, responder respond) const;
  /// POST /user/me/email: new_email, password → 200 with the user.
  void change_email(const http_request& request, responder respond) const;

private:
  void verify_login(const std::string& email, const std::string& key, const std::string& address,
                    const std::string& password, const std::string& rid,
                    const responder& respond) const;
  void start_session(const std::string& user_id, const std::string& request_id,
                     responder respond) const;
  void reauthenticate(const http_request& request, const std::string& password,
                      const responder& respond, std::function<void()> then) const;
  void rehash(const std::string& user_id, const std::string& password, const std::string& stored,
              const std::string& request_id) const;

  const identity_gateway& gateway_;
  const log_reader& log_;
  password_hasher& hasher_;
  const token_issuer& tokens_;
  const login_limiter& limiter_;
};

} // namespace pfms
