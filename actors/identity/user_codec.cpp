#include "actors/identity/user_codec.hpp"

#include "actors/runtime/codec_support.hpp"
#include "actors/runtime/event_codec.hpp"
#include "events/hash_chain.hpp"
#include "events/proto/user.pb.h"
#include "events/store_error.hpp"

namespace pfms {

namespace {

using actors::internal::undecodable;

std::string payload_of(const user_registered& e, const sealer& seal) {
  pb::UserRegistered m;
  m.set_user_id(e.user_id);
  m.set_email(seal.seal_field("email", e.email));
  m.set_display_name(seal.seal_field("display_name", e.display_name));
  m.set_password_hash(e.password_hash);
  return m.SerializeAsString();
}

std::string payload_of(const session_started& e, const sealer&) {
  pb::SessionStarted m;
  m.set_family_id(e.family_id);
  m.set_token_hash(e.token_hash);
  m.set_expires_at_us(e.expires_at_us);
  m.set_started_at_us(e.started_at_us);
  return m.SerializeAsString();
}

std::string payload_of(const session_rotated& e, const sealer&) {
  pb::SessionRotated m;
  m.set_family_id(e.family_id);
  m.set_token_hash(e.token_hash);
  m.set_expires_at_us(e.expires_at_us);
  return m.SerializeAsString();
}

std::string payload_of(const session_revoked& e, const sealer&) {
  pb::SessionRevoked m;
  m.set_family_id(e.family_id);
  return m.SerializeAsString();
}

std::string payload_of(const session_ended& e, const sealer&) {
  pb::SessionEnded m;
  m.set_family_id(e.family_id);
  return m.SerializeAsString();
}

std::string payload_of(const password_changed& e, const sealer&) {
  pb::PasswordChanged m;
  m.set_password_hash(e.password_hash);
  m.set_rehash(e.rehash);
  return m.SerializeAsString();
}

std::string payload_of(const profile_changed& e, const sealer& seal) {
  pb::ProfileChanged m;
  m.set_display_name(seal.seal_field("display_name", e.display_name));
  m.set_base_currency(e.base_currency);
  m.set_time_zone(e.time_zone);
  m.set_locale(e.locale);
  return m.SerializeAsString();
}

std::string payload_of(const category_defined& e, const sealer& seal) {
  pb::CategoryDefined m;
  m.set_sealed_name(seal.seal_field("category", e.name));
  m.set_tax_category(e.tax_category);
  return m.SerializeAsString();
}

std::string payload_of(const email_changed& e, const sealer& seal) {
  pb::EmailChanged m;
  m.set_email(seal.seal_field("email", e.email));
  m.set_released_stream(e.released_stream);
  return m.SerializeAsString();
}

std::string payload_of(const user_erased& e, const sealer&) {
  pb::UserErased m;
  m.set_email_stream(e.email_stream);
  return m.SerializeAsString();
}

std::optional<user_event> read(const pb::UserRegistered& m, const sealer& seal) {
  auto email = seal.open_field("email", m.email());
  auto name = seal.open_field("display_name", m.display_name());
  if (!email || !name)
    return std::nullopt;
  return user_registered{m.user_id(), *email, *name, m.password_hash()};
}

user_event read(const pb::SessionStarted& m, const sealer&) {
  return session_started{m.family_id(), m.token_hash(), m.expires_at_us(), m.started_at_us()};
}
user_event read(const pb::SessionRotated& m, const sealer&) {
  return session_rotated{m.family_id(), m.token_hash(), m.expires_at_us()};
}
user_event read(const pb::SessionRevoked& m, const sealer&) {
  return session_revoked{m.family_id()};
}
user_event read(const pb::SessionEnded& m, const sealer&) { return session_ended{m.family_id()}; }
user_event read(const pb::PasswordChanged& m, const sealer&) {
  return password_changed{m.password_hash(), m.rehash()};
}
user_event read(const pb::UserErased& m, const sealer&) { return user_erased{m.email_stream()}; }

std::optional<user_event> read(const pb::ProfileChanged& m, const sealer& seal) {
  auto name = seal.open_field("display_name", m.display_name());
  if (!name)
    return std::nullopt;
  return profile_changed{*name, m.base_currency(), m.time_zone(), m.locale()};
}

std::optional<user_event> read(const pb::EmailChanged& m, const sealer& seal) {
  auto email = seal.open_field("email", m.email());
  if (!email)
    return std::nullopt;
  return email_changed{*email, m.released_stream()};
}

std::optional<user_event> read(const pb::CategoryDefined& m, const sealer& seal) {
  // Events written before category names were sealed carry `name` in plain text.
  auto name = m.sealed_name().empty() ? std::optional<std::string>(m.name())
                                      : seal.open_field("category", m.sealed_name());
  if (!name)
    return std::nullopt;
  return category_defined{*name, m.tax_category()};
}

using user_codec = runtime::event_codec<
  user_event, runtime::stored_as<"UserRegistered", user_registered, pb::UserRegistered>,
  runtime::stored_as<"SessionStarted", session_started, pb::SessionStarted>,
  runtime::stored_as<"SessionRotated", session_rotated, pb::SessionRotated>,
  runtime::stored_as<"SessionRevoked", session_revoked, pb::SessionRevoked>,
  runtime::stored_as<"SessionEnded", session_ended, pb::SessionEnded>,
  runtime::stored_as<"PasswordChanged", password_changed, pb::PasswordChanged>,
  runtime::stored_as<"ProfileChanged", profile_changed, pb::ProfileChanged>,
  runtime::stored_as<"CategoryDefined", category_defined, pb::CategoryDefined>,
  runtime::stored_as<"EmailChanged", email_changed, pb::EmailChanged>,
  runtime::stored_as<"UserErased", user_erased, pb::UserErased>>;

} // namespace

std::string user_stream(std::string_view user_id) {
  return "user-" + std::string(user_id);
}

std::string email_stream(std::string_view normalized_email) {
  return "email-" + to_hex(sha256(normalized_email));
}

sealer user_sealer(std::string_view user_id, std::string key) {
  return {std::move(key), user_stream(user_id)};
}

new_event encode_user_event(const user_event& event, event_metadata meta, const sealer& seal) {
  return user_codec::encode(event, std::move(meta),
                            [&](const auto& e) { return payload_of(e, seal); });
}

result<user_event> decode_user_event(const recorded_event& e, const sealer& seal) {
  return user_codec::decode(e, [&](const auto& m) { return read(m, seal); });
}

new_event encode_email_claimed(std::string_view user_id, event_metadata meta) {
  pb::EmailClaimed m;
  m.set_user_id(std::string(user_id));
  return actors::internal::stored_event("EmailClaimed", m.SerializeAsString(), std::move(meta));
}

new_event encode_email_released(std::string_view user_id, event_metadata meta) {
  pb::EmailReleased m;
  m.set_user_id(std::string(user_id));
  return actors::internal::stored_event("EmailReleased", m.SerializeAsString(), std::move(meta));
}

result<std::string> decode_email_claimed(const recorded_event& e) {
  if (e.type == "EmailReleased") {
    pb::EmailReleased m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    return std::string();
  }
  pb::EmailClaimed m;
  if (e.type != "EmailClaimed" || !m.ParseFromString(e.payload) || m.user_id().empty())
    return undecodable(e);
  return m.user_id();
}

} // namespace pfms
