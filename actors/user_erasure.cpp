#include "actors/user_erasure.hpp"

#include "actors/user_codec.hpp"
#include "events/store_error.hpp"

namespace pfms {

status release_email(const entity_env& env, const std::string& user_id,
                     const std::string& email_stream) {
  auto version = env.store->stream_version(email_stream);
  if (!version)
    return version.error();
  if (*version == 0)
    return done{};
  auto last = env.store->read(email_stream, *version, 1);
  if (!last)
    return last.error();
  auto holder = decode_email_claimed(last->front());
  if (!holder)
    return holder.error();
  if (*holder != user_id)
    return done{}; // released already, or taken over
  auto appended = env.store->append(
    email_stream, expected_version::exactly(*version),
    {encode_email_released(user_id, {env.ids->next(), user_id, {}, "erase_user"})});
  if (!appended && is(appended.error(), store_errc::version_conflict))
    return release_email(env, user_id, email_stream);
  if (!appended)
    return appended.error();
  return done{};
}

status finish_erasure(const entity_env& env, const std::string& user_id,
                      const std::string& email_stream) {
  if (auto released = release_email(env, user_id, email_stream); !released)
    return released;
  return env.store->erase_subject_key(user_id);
}

} // namespace pfms
