#include "actors/identity/core/user_core.hpp"

#include "actors/identity/core/categories.hpp"
#include "actors/identity/core/preferences.hpp"
#include "actors/identity/core/user_error.hpp"
#include "events/money.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>

namespace pfms {

namespace {

bool has_control_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  });
}

failure no_session() {
  return make_failure(user_errc::session_not_found, "the refresh token is not valid");
}

// The live session `family` if `presented` is its current token and it has not expired.
const session* live(const user_state& s, const std::string& family, time_us now) {
  auto it = s.sessions.find(family);
  return it == s.sessions.end() || it->second.expires_at_us <= now ? nullptr : &it->second;
}

} // namespace

result<std::vector<user_event>> decide(const user_state& s, const register_user& c) {
  if (s.registered || s.erased)
    return make_failure(user_errc::user_exists, "the user is already registered");
  auto email = normalize_email(c.email);
  if (!email)
    return email.error();
  const auto blank = c.display_name.find_first_not_of(" \t") == std::string::npos;
  if (blank || c.display_name.size() > display_name_size_max
      || has_control_characters(c.display_name))
    return make_failure(user_errc::invalid_display_name,
                        "display_name must be 1 to 100 bytes without control characters");
  return std::vector<user_event>{
    user_registered{c.user_id, *email, c.display_name, c.password_hash}};
}

result<std::vector<user_event>> decide(const user_state& s, const start_session& c) {
  if (!s.registered)
    return make_failure(user_errc::user_not_found, "no such user");
  std::vector<user_event> out;
  // Expired sessions go, then the oldest while the user is at the limit.
  std::vector<std::pair<time_us, std::string>> by_age;
  for (const auto& [family, session] : s.sessions) {
    if (session.expires_at_us <= c.now_us)
      out.push_back(session_ended{family});
    else
      by_age.emplace_back(session.started_at_us, family);
  }
  std::sort(by_age.begin(), by_age.end());
  for (std::size_t i = 0; by_age.size() - i >= sessions_max; ++i)
    out.push_back(session_ended{by_age[i].second});
  out.push_back(session_started{c.family_id, c.token_hash, c.expires_at_us, c.now_us});
  return out;
}

result<std::vector<user_event>> decide(const user_state& s, const rotate_session& c) {
  const auto* current = live(s, c.family_id, c.now_us);
  if (current == nullptr)
    return no_session();
  if (current->token_hash == c.presented_hash)
    return std::vector<user_event>{session_rotated{c.family_id, c.new_hash, c.expires_at_us}};
  const auto& old = current->rotated_hashes;
  if (std::find(old.begin(), old.end(), c.presented_hash) != old.end())
    return std::vector<user_event>{session_revoked{c.family_id}};
  return no_session();
}

result<std::vector<user_event>> decide(const user_state& s, const end_session& c) {
  const auto* current = live(s, c.family_id, c.now_us);
  if (current == nullptr || current->token_hash != c.presented_hash)
    return no_session();
  return std::vector<user_event>{session_ended{c.family_id}};
}

result<std::vector<user_event>> decide(const user_state& s, const change_password& c) {
  if (!s.registered)
    return make_failure(user_errc::user_not_found, "no such user");
  if (!c.previous_hash.empty()) {
    if (c.previous_hash != s.password_hash)
      return make_failure(user_errc::precondition_failed, "the password changed meanwhile");
    return std::vector<user_event>{password_changed{c.password_hash, true}};
  }
  std::vector<user_event> out{password_changed{c.password_hash, false}};
  for (const auto& [family, session] : s.sessions)
    if (family != c.keep_family_id)
      out.push_back(session_ended{family});
  return out;
}

result<std::vector<user_event>> decide(const user_state& s, const update_profile& c) {
  if (!s.registered)
    return make_failure(user_errc::user_not_found, "no such user");
  const auto& name = c.display_name;
  if (!name.empty() && (name.find_first_not_of(" \t") == std::string::npos
                        || name.size() > display_name_size_max || has_control_characters(name)))
    return make_failure(user_errc::invalid_display_name,
                        "display_name must be 1 to 100 bytes without control characters");
  if (!c.base_currency.empty())
    if (auto unit = currency::parse(c.base_currency); !unit)
      return unit.error();
  if (!c.time_zone.empty() && !is_time_zone(c.time_zone))
    return make_failure(user_errc::invalid_time_zone,
                        "time_zone must be an IANA name like \"Europe/Berlin\"");
  std::string locale = s.locale;
  if (!c.locale.empty()) {
    auto normalized = normalize_locale(c.locale);
    if (!normalized)
      return normalized.error();
    locale = *normalized;
  }
  auto or_now = [](const std::string& given, const std::string& now) {
    return given.empty() ? now : given;
  };
  return std::vector<user_event>{profile_changed{or_now(name, s.display_name),
                                                 or_now(c.base_currency, s.base_currency),
                                                 or_now(c.time_zone, s.time_zone), locale}};
}

result<std::vector<user_event>> decide(const user_state& s, const erase_user&,
                                       const std::string& email_stream) {
  if (!s.registered)
    return make_failure(user_errc::user_not_found, "no such user");
  std::vector<user_event> out;
  for (const auto& entry : s.sessions)
    out.push_back(session_ended{entry.first});
  out.push_back(user_erased{email_stream});
  return out;
}

result<std::vector<user_event>> decide(const user_state& s, const change_email& c,
                                       const std::string& released_stream) {
  if (!s.registered)
    return make_failure(user_errc::user_not_found, "no such user");
  auto email = normalize_email(c.email);
  if (!email)
    return email.error();
  if (*email == s.email)
    return std::vector<user_event>{};
  return std::vector<user_event>{email_changed{*email, released_stream}};
}

result<std::vector<user_event>> decide(const user_state& s, const define_category& c) {
  if (!s.registered)
    return make_failure(user_errc::user_not_found, "no such user");
  if (auto ok = check_category(c.name, c.tax_category); !ok)
    return ok.error();
  const auto effective = effective_categories(s.categories);
  if (auto it = effective.find(c.name); it != effective.end() && it->second == c.tax_category)
    return std::vector<user_event>{};
  if (!s.categories.contains(c.name) && s.categories.size() >= categories_max)
    return make_failure(user_errc::too_many_categories, "at most 200 own categories");
  return std::vector<user_event>{category_defined{c.name, c.tax_category}};
}

namespace {

void apply(user_state& s, const category_defined& e) {
  assert(s.registered);
  s.categories[e.name] = e.tax_category;
}

void apply(user_state& s, const email_changed& e) {
  assert(s.registered);
  s.email = e.email;
}

void apply(user_state& s, const user_erased& e) {
  assert(s.registered && s.sessions.empty());
  const auto version = s.version;
  auto id = std::move(s.user_id);
  s = user_state{};
  s.user_id = std::move(id);
  s.erased = true;
  s.email_stream = e.email_stream;
  s.version = version;
}

void apply(user_state& s, const password_changed& e) {
  assert(s.registered);
  s.password_hash = e.password_hash;
}

void apply(user_state& s, const profile_changed& e) {
  assert(s.registered);
  s.display_name = e.display_name;
  s.base_currency = e.base_currency;
  // Events written before preferences existed carry none: keep the defaults.
  if (!e.time_zone.empty())
    s.time_zone = e.time_zone;
  if (!e.locale.empty())
    s.locale = e.locale;
}

void apply(user_state& s, const user_registered& e) {
  assert(!s.registered);
  s.registered = true;
  s.user_id = e.user_id;
  s.email = e.email;
  s.display_name = e.display_name;
  s.password_hash = e.password_hash;
}

void apply(user_state& s, const session_started& e) {
  assert(s.registered);
  assert(!s.sessions.contains(e.family_id));
  s.sessions[e.family_id] = session{e.token_hash, {}, e.expires_at_us, e.started_at_us};
}

void apply(user_state& s, const session_rotated& e) {
  auto& session = s.sessions.at(e.family_id);
  session.rotated_hashes.push_back(std::move(session.token_hash));
  if (session.rotated_hashes.size() > rotated_hashes_max)
    session.rotated_hashes.erase(session.rotated_hashes.begin());
  session.token_hash = e.token_hash;
  session.expires_at_us = e.expires_at_us;
}

void apply(user_state& s, const session_revoked& e) {
  assert(s.sessions.contains(e.family_id));
  s.sessions.erase(e.family_id);
}

void apply(user_state& s, const session_ended& e) {
  assert(s.sessions.contains(e.family_id));
  s.sessions.erase(e.family_id);
}

} // namespace

user_state evolve(user_state state, const user_event& event) {
  std::visit([&](const auto& e) { apply(state, e); }, event);
  ++state.version;
  assert(state.sessions.size() <= sessions_max);
  return state;
}

} // namespace pfms
