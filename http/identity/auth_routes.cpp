#include "http/identity/auth_routes.hpp"

#include "actors/identity/core/user_core.hpp"
#include "actors/identity/core/user_error.hpp"
#include "http/identity/auth_error.hpp"
#include "http/identity/personal_export.hpp"
#include "http/runtime/idempotency.hpp"
#include "http/runtime/json_body.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/responses.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace pfms {

namespace {

// 429 for an account or address past its failed-attempt limit.
http_response too_many_attempts(std::int64_t wait, const std::string& rid) {
  auto r = problem_response(make_failure(auth_errc::too_many_attempts,
                                         "too many failed attempts; try again later"),
                            rid);
  r.headers.emplace_back("Retry-After", std::to_string(wait));
  return r;
}

failure bad_credentials() {
  return make_failure(auth_errc::invalid_credentials, "the email or password is wrong");
}

failure bad_refresh() {
  return make_failure(user_errc::session_not_found, "the refresh token is not valid");
}

status check_password(const std::string& password) {
  if (password.size() < password_hasher::password_size_min
      || password.size() > password_hasher::password_size_max)
    return make_failure(auth_errc::invalid_password, "password must be 8 to 256 bytes");
  return done{};
}

http_response token_pair(const token_issuer& tokens, const std::string& user_id,
                         const std::string& family_id, const std::string& refresh) {
  return json_response(200, {{"access_token", tokens.access_token(user_id, family_id)},
                             {"refresh_token", refresh},
                             {"token_type", "Bearer"},
                             {"expires_in", token_issuer::access_ttl_us / 1'000'000}});
}

// The refresh token of a body {"refresh_token": "..."}, parsed.
result<refresh_parts> refresh_of(const http_request& request) {
  auto body = json_body::parse(request.body, {"refresh_token"});
  if (!body)
    return body.error();
  auto token = body->string_field("refresh_token");
  if (!token)
    return token.error();
  auto parts = token_issuer::parse_refresh(*token);
  if (!parts)
    return bad_refresh();
  return *parts;
}

} // namespace

void auth_routes::register_user(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  auto body = json_body::parse(request.body, {"email", "password", "display_name"});
  auto email = body ? body->string_field("email") : result<std::string>(body.error());
  auto password = email ? body->string_field("password") : email;
  auto name = password ? body->string_field("display_name") : password;
  if (!name)
    return respond(problem_response(name.error(), rid));
  if (auto ok = check_password(*password); !ok)
    return respond(problem_response(ok.error(), rid));
  // With an idempotency key the id derives from it: a retry names the same
  // user. In a cluster the id is one placed with the email.
  const auto& key = request.idempotency_key;
  auto candidate = [&](int i) {
    return key.empty() ? tokens_.new_id()
                       : derived_id(key, i == 0 ? std::string("user") : "user#" + std::to_string(i));
  };
  pfms::register_user command{gateway_.new_user_id(*email, candidate), *email, *name, {}};
  const command_context ctx{command.user_id, rid, key, request.request_fingerprint};
  hasher_.hash(*password, [this, command, ctx, respond, rid](result<std::string> hashed) mutable {
    if (!hashed)
      return respond(problem_response(hashed.error(), rid));
    command.password_hash = std::move(*hashed);
    gateway_.command(command, ctx, [respond, rid](result<user_view> u) {
      if (!u)
        return respond(problem_response(u.error(), rid));
      auto r = json_response(201, {{"id", u->user_id}, {"email", u->email},
                                   {"display_name", u->display_name}});
      r.headers.emplace_back("Location", "/user/me");
      respond(std::move(r));
    });
  });
}

void auth_routes::login(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  auto body = json_body::parse(request.body, {"email", "password"});
  auto email = body ? body->string_field("email") : result<std::string>(body.error());
  auto password = email ? body->string_field("password") : email;
  if (!password)
    return respond(problem_response(password.error(), rid));
  const auto account = normalize_email(*email);
  const auto key = account ? *account : *email;
  const auto address = request.client_address;
  limiter_.locked(key, address, [this, respond, rid, key, address, password = *password,
                                 email = *email](result<std::optional<std::int64_t>> wait) {
    if (!wait)
      return respond(problem_response(wait.error(), rid));
    if (*wait)
      return respond(too_many_attempts(**wait, rid));
    verify_login(email, key, address, password, rid, respond);
  });
}

// Looks up the user of `email` and verifies `password` against the stored
// hash (an unknown user against a decoy); counts a failure, or starts a session.
void auth_routes::verify_login(const std::string& email, const std::string& key,
                               const std::string& address, const std::string& password,
                               const std::string& rid, const responder& respond) const {
  auto verify = [this, respond, rid, key, address, password](std::string user_id,
                                                             std::string stored) {
    hasher_.verify(password, stored,
                   [this, respond, rid, key, address, user_id, password,
                    stored](result<bool> match) {
                     if (!match)
                       return respond(problem_response(match.error(), rid));
                     if (!*match)
                       return limiter_.failed(key, address, [respond, rid] {
                         respond(problem_response(bad_credentials(), rid));
                       });
                     limiter_.succeeded(key);
                     if (hasher_.needs_rehash(stored))
                       rehash(user_id, password, stored, rid);
                     start_session(user_id, rid, respond);
                   });
  };
  gateway_.user_by_email(email, [this, verify, respond, rid, key](result<std::string> id) {
    if (!id) {
      if (is(id.error(), user_errc::user_not_found))
        return verify({}, {}); // same work, same answer as a wrong password
      return respond(problem_response(id.error(), rid));
    }
    gateway_.user(*id, [verify, respond, rid, key](result<user_view> u) {
      // A claim whose registration never landed, or whose holder was erased,
      // names nobody.
      if (!u && is(u.error(), user_errc::user_not_found))
        return verify({}, {});
      if (!u)
        return respond(problem_response(u.error(), rid));
      // A registry claim the user has since moved away from names nobody.
      if (u->email != key)
        return verify({}, {});
      verify(u->user_id, u->password_hash);
    });
  });
}

// After a login whose hash was made with older (weaker) parameters: stores a
// hash of the same password under the current ones. Best effort, after the
// answer's own work: a failure (busy hasher, a password changed meanwhile)
// leaves the old hash, and the next login tries again.
void auth_routes::rehash(const std::string& user_id, const std::string& password,
                         const std::string& stored, const std::string& request_id) const {
  hasher_.hash(password, [this, user_id, stored, request_id](result<std::string> hashed) {
    if (!hashed)
      return;
    gateway_.command(pfms::change_password{user_id, {}, *hashed, stored},
                          {user_id, request_id}, [](result<user_view>) {});
  });
}

void auth_routes::start_session(const std::string& user_id, const std::string& request_id,
                                responder respond) const {
  const auto family = tokens_.new_id();
  const auto refresh = tokens_.refresh_token(user_id, family);
  const auto now = tokens_.now_us();
  gateway_.command(pfms::start_session{user_id, family, token_issuer::hash(refresh),
                                       now + token_issuer::refresh_ttl_us, now},
                   {user_id, request_id},
                   [this, user_id, family, refresh, respond, request_id](result<session_view> s) {
                     if (!s)
                       return respond(problem_response(s.error(), request_id));
                     respond(token_pair(tokens_, user_id, family, refresh));
                   });
}

void auth_routes::refresh(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  auto presented = refresh_of(request);
  if (!presented)
    return respond(problem_response(presented.error(), rid));
  const auto next = tokens_.refresh_token(presented->user_id, presented->family_id);
  const auto now = tokens_.now_us();
  gateway_.command(rotate_session{presented->user_id, presented->family_id, presented->hash,
                                  token_issuer::hash(next), now + token_issuer::refresh_ttl_us,
                                  now},
                   {presented->user_id, rid},
                   [this, user = presented->user_id, family = presented->family_id, next, respond,
                    rid](result<session_view> s) {
                     if (!s)
                       return respond(problem_response(
                         is(s.error(), user_errc::user_not_found) ? bad_refresh() : s.error(),
                         rid));
                     respond(token_pair(tokens_, user, family, next));
                   });
}

void auth_routes::logout(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  auto presented = refresh_of(request);
  if (!presented)
    return respond(problem_response(presented.error(), rid));
  gateway_.command(end_session{presented->user_id, presented->family_id, presented->hash,
                               tokens_.now_us()},
                   {presented->user_id, rid}, [respond, rid](result<session_view> s) {
                     if (!s)
                       return respond(problem_response(
                         is(s.error(), user_errc::user_not_found) ? bad_refresh() : s.error(),
                         rid));
                     respond({204, "application/json", "", {}});
                   });
}

namespace {

// Answers a user as /user/me shows it: never the password hash.
reply_callback<user_view> answer_user(responder respond, std::string rid) {
  return [respond = std::move(respond), rid = std::move(rid)](result<user_view> u) {
    if (!u)
      return respond(problem_response(u.error(), rid));
    auto r = json_response(200, {{"id", u->user_id},
                                 {"email", u->email},
                                 {"display_name", u->display_name},
                                 {"base_currency", u->base_currency},
                                 {"time_zone", u->time_zone},
                                 {"locale", u->locale},
                                 {"version", u->version}});
    r.headers.emplace_back("ETag", etag(u->version));
    respond(std::move(r));
  };
}

} // namespace

void auth_routes::me(const http_request& request, responder respond) const {
  gateway_.user(request.caller_id, answer_user(std::move(respond), request.request_id));
}

void auth_routes::update_me(const http_request& request, responder respond) const {
  auto body = json_body::parse(request.body,
                               {"display_name", "base_currency", "time_zone", "locale"});
  auto name = body ? body->optional_string_field("display_name") : result<std::string>(body.error());
  auto currency = name ? body->optional_string_field("base_currency") : name;
  auto zone = currency ? body->optional_string_field("time_zone") : currency;
  auto locale = zone ? body->optional_string_field("locale") : zone;
  if (!locale)
    return respond(problem_response(locale.error(), request.request_id));
  auto version = if_match_version(request.if_match);
  if (!version)
    return respond(problem_response(version.error(), request.request_id));
  gateway_.command(update_profile{request.caller_id, *name, *currency, *zone, *locale},
                        {request.caller_id, request.request_id, {}, {}, *version},
                        answer_user(std::move(respond), request.request_id));
}

void auth_routes::export_me(const http_request& request, responder respond) const {
  log_.read_log<std::string>([user = request.caller_id](const event_store& store) {
    return export_person(store, user);
  }, [respond, rid = request.request_id](result<std::string> exported) {
    if (!exported)
      return respond(problem_response(exported.error(), rid));
    http_response r{200, "application/json", std::move(*exported), {}};
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"pfms-export.json\"");
    respond(std::move(r));
  });
}

// Runs `then()` once the caller has given their password again: for changes an
// access token alone must not make. Failures count like failed logins, so a
// stolen token cannot guess the password.
void auth_routes::reauthenticate(const http_request& request, const std::string& password,
                                 const responder& respond, std::function<void()> then) const {
  const auto rid = request.request_id, address = request.client_address;
  gateway_.user(request.caller_id, [=, this](result<user_view> u) {
    if (!u)
      return respond(problem_response(u.error(), rid));
    const auto key = u->email, stored = u->password_hash;
    limiter_.locked(key, address, [=, this](result<std::optional<std::int64_t>> wait) {
      if (!wait)
        return respond(problem_response(wait.error(), rid));
      if (*wait)
        return respond(too_many_attempts(**wait, rid));
      hasher_.verify(password, stored, [=, this](result<bool> match) {
        if (!match)
          return respond(problem_response(match.error(), rid));
        if (!*match)
          return limiter_.failed(key, address, [respond, rid] {
            respond(problem_response(bad_credentials(), rid));
          });
        then();
      });
    });
  });
}

void auth_routes::erase_me(const http_request& request, responder respond) const {
  auto body = json_body::parse(request.body, {"password"});
  auto password = body ? body->string_field("password") : result<std::string>(body.error());
  if (!password)
    return respond(problem_response(password.error(), request.request_id));
  const auto user = request.caller_id, rid = request.request_id;
  reauthenticate(request, *password, respond, [this, user, rid, respond] {
    gateway_.command(erase_user{user}, {user, rid}, [respond, rid](result<user_view> erased) {
      if (!erased)
        return respond(problem_response(erased.error(), rid));
      respond({204, "application/json", "", {}});
    });
  });
}

void auth_routes::change_email(const http_request& request, responder respond) const {
  auto body = json_body::parse(request.body, {"new_email", "password"});
  auto email = body ? body->string_field("new_email") : result<std::string>(body.error());
  auto password = email ? body->string_field("password") : email;
  if (!password)
    return respond(problem_response(password.error(), request.request_id));
  if (auto normalized = normalize_email(*email); !normalized)
    return respond(problem_response(normalized.error(), request.request_id));
  const auto user = request.caller_id, rid = request.request_id;
  reauthenticate(request, *password, respond, [this, user, rid, respond, email = *email] {
    gateway_.command(pfms::change_email{user, email}, {user, rid},
                          answer_user(respond, rid));
  });
}

void auth_routes::change_password(const http_request& request, responder respond) const {
  const auto rid = request.request_id;
  auto body = json_body::parse(request.body, {"current_password", "new_password"});
  auto current = body ? body->string_field("current_password") : result<std::string>(body.error());
  auto next = current ? body->string_field("new_password") : current;
  if (!next)
    return respond(problem_response(next.error(), rid));
  if (auto ok = check_password(*next); !ok)
    return respond(problem_response(ok.error(), rid));
  // A retry of a change that landed answers as the first did: the current
  // password is the new one by now, so this is checked before it.
  const command_context ctx{request.caller_id, rid, request.idempotency_key,
                            request.request_fingerprint};
  if (!ctx.idempotency_key.empty()) {
    auto earlier = log_.earlier_outcome(ctx.idempotency_key, ctx.request_fingerprint);
    if (!earlier)
      return respond(problem_response(earlier.error(), rid));
    if (*earlier)
      return respond({204, "application/json", "", {}});
  }
  const auto user = request.caller_id, session = request.session_id;
  reauthenticate(request, *current, respond, [=, this, next = *next] {
    hasher_.hash(next, [=, this](result<std::string> hashed) {
      if (!hashed)
        return respond(problem_response(hashed.error(), rid));
      gateway_.command(pfms::change_password{user, session, *hashed, {}}, ctx,
                            [respond, rid](result<user_view> changed) {
                              if (!changed)
                                return respond(problem_response(changed.error(), rid));
                              respond({204, "application/json", "", {}});
                            });
    });
  });
}

std::span<const route_def<auth_routes>> auth_routes::routes() {
  static constexpr route_def<auth_routes> table[] = {
    {"POST", "/auth/register", &auth_routes::register_user, open | idempotent},
    {"POST", "/auth/login", &auth_routes::login, open},
    {"POST", "/auth/refresh", &auth_routes::refresh, open},
    {"POST", "/auth/logout", &auth_routes::logout, open},
    {"GET", "/user/me", &auth_routes::me, signed_in},
    {"PATCH", "/user/me", &auth_routes::update_me, signed_in},
    {"DELETE", "/user/me", &auth_routes::erase_me, signed_in},
    {"GET", "/user/me/export", &auth_routes::export_me, signed_in},
    {"POST", "/user/me/email", &auth_routes::change_email, signed_in},
    {"POST", "/user/me/password", &auth_routes::change_password, signed_in | idempotent},
  };
  return table;
}

} // namespace pfms
