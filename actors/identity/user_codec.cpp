#include "actors/identity/user_codec.hpp"

#include "actors/runtime/codec_support.hpp"
#include "events/hash_chain.hpp"
#include "events/proto/user.pb.h"
#include "events/store_error.hpp"

namespace pfms {

namespace {

using actors::internal::undecodable;

template <class Message>
new_event wrap(const char* type, const Message& m, event_metadata meta) {
  return {std::move(meta.event_id),       type,
          m.SerializeAsString(),          std::move(meta.actor),
          std::move(meta.correlation_id), std::move(meta.causation_id)};
}

struct encoder {
  event_metadata meta;
  const sealer& seal;
  new_event operator()(const user_registered& e) {
    pb::UserRegistered m;
    m.set_user_id(e.user_id);
    m.set_email(seal.seal_field("email", e.email));
    m.set_display_name(seal.seal_field("display_name", e.display_name));
    m.set_password_hash(e.password_hash);
    return wrap("UserRegistered", m, std::move(meta));
  }
  new_event operator()(const session_started& e) {
    pb::SessionStarted m;
    m.set_family_id(e.family_id);
    m.set_token_hash(e.token_hash);
    m.set_expires_at_us(e.expires_at_us);
    m.set_started_at_us(e.started_at_us);
    return wrap("SessionStarted", m, std::move(meta));
  }
  new_event operator()(const session_rotated& e) {
    pb::SessionRotated m;
    m.set_family_id(e.family_id);
    m.set_token_hash(e.token_hash);
    m.set_expires_at_us(e.expires_at_us);
    return wrap("SessionRotated", m, std::move(meta));
  }
  new_event operator()(const session_revoked& e) {
    pb::SessionRevoked m;
    m.set_family_id(e.family_id);
    return wrap("SessionRevoked", m, std::move(meta));
  }
  new_event operator()(const session_ended& e) {
    pb::SessionEnded m;
    m.set_family_id(e.family_id);
    return wrap("SessionEnded", m, std::move(meta));
  }
  new_event operator()(const password_changed& e) {
    pb::PasswordChanged m;
    m.set_password_hash(e.password_hash);
    m.set_rehash(e.rehash);
    return wrap("PasswordChanged", m, std::move(meta));
  }
  new_event operator()(const profile_changed& e) {
    pb::ProfileChanged m;
    m.set_display_name(seal.seal_field("display_name", e.display_name));
    m.set_base_currency(e.base_currency);
    m.set_time_zone(e.time_zone);
    m.set_locale(e.locale);
    return wrap("ProfileChanged", m, std::move(meta));
  }
  new_event operator()(const category_defined& e) {
    pb::CategoryDefined m;
    m.set_sealed_name(seal.seal_field("category", e.name));
    m.set_tax_category(e.tax_category);
    return wrap("CategoryDefined", m, std::move(meta));
  }
  new_event operator()(const email_changed& e) {
    pb::EmailChanged m;
    m.set_email(seal.seal_field("email", e.email));
    m.set_released_stream(e.released_stream);
    return wrap("EmailChanged", m, std::move(meta));
  }
  new_event operator()(const user_erased& e) {
    pb::UserErased m;
    m.set_email_stream(e.email_stream);
    return wrap("UserErased", m, std::move(meta));
  }
};

template <class Message, class Make>
result<user_event> decode_as(const recorded_event& e, Make make) {
  Message m;
  if (!m.ParseFromString(e.payload))
    return undecodable(e);
  return user_event{make(m)};
}

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
  return std::visit(encoder{std::move(meta), seal}, event);
}

result<user_event> decode_user_event(const recorded_event& e, const sealer& seal) {
  if (e.type == "UserRegistered") {
    pb::UserRegistered m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    auto email = seal.open_field("email", m.email());
    auto name = seal.open_field("display_name", m.display_name());
    if (!email || !name)
      return undecodable(e);
    return user_event{user_registered{m.user_id(), *email, *name, m.password_hash()}};
  }
  if (e.type == "SessionStarted")
    return decode_as<pb::SessionStarted>(e, [](const auto& m) {
      return session_started{m.family_id(), m.token_hash(), m.expires_at_us(), m.started_at_us()};
    });
  if (e.type == "SessionRotated")
    return decode_as<pb::SessionRotated>(e, [](const auto& m) {
      return session_rotated{m.family_id(), m.token_hash(), m.expires_at_us()};
    });
  if (e.type == "SessionRevoked")
    return decode_as<pb::SessionRevoked>(e, [](const auto& m) { return session_revoked{m.family_id()}; });
  if (e.type == "SessionEnded")
    return decode_as<pb::SessionEnded>(e, [](const auto& m) { return session_ended{m.family_id()}; });
  if (e.type == "PasswordChanged")
    return decode_as<pb::PasswordChanged>(e, [](const auto& m) {
      return password_changed{m.password_hash(), m.rehash()};
    });
  if (e.type == "ProfileChanged") {
    pb::ProfileChanged m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    auto name = seal.open_field("display_name", m.display_name());
    if (!name)
      return undecodable(e);
    return user_event{profile_changed{*name, m.base_currency(), m.time_zone(), m.locale()}};
  }
  if (e.type == "EmailChanged") {
    pb::EmailChanged m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    auto email = seal.open_field("email", m.email());
    if (!email)
      return undecodable(e);
    return user_event{email_changed{*email, m.released_stream()}};
  }
  if (e.type == "CategoryDefined") {
    pb::CategoryDefined m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    // Events written before category names were sealed carry `name` in plain text.
    auto name = m.sealed_name().empty() ? std::optional<std::string>(m.name())
                                        : seal.open_field("category", m.sealed_name());
    if (!name)
      return undecodable(e);
    return user_event{category_defined{*name, m.tax_category()}};
  }
  if (e.type == "UserErased")
    return decode_as<pb::UserErased>(e, [](const auto& m) { return user_erased{m.email_stream()}; });
  return undecodable(e);
}

new_event encode_email_claimed(std::string_view user_id, event_metadata meta) {
  pb::EmailClaimed m;
  m.set_user_id(std::string(user_id));
  return wrap("EmailClaimed", m, std::move(meta));
}

new_event encode_email_released(std::string_view user_id, event_metadata meta) {
  pb::EmailReleased m;
  m.set_user_id(std::string(user_id));
  return wrap("EmailReleased", m, std::move(meta));
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
