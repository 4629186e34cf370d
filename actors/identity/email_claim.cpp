#include "actors/identity/email_claim.hpp"

#include "actors/identity/core/user_error.hpp"
#include "actors/identity/user_codec.hpp"
#include "actors/runtime/append_outcome.hpp"
#include "events/caf_error.hpp"
#include "events/store_error.hpp"

#include <caf/typed_event_based_actor.hpp>

namespace pfms {

namespace {

using self_ptr = email_claim_entity::pointer;

struct last_claim {
  std::string user_id; ///< empty: free
  std::uint64_t version = 0;
};

result<last_claim> read_last(const event_store& store, const std::string& stream) {
  auto version = store.stream_version(stream);
  if (!version)
    return version.error();
  if (*version == 0)
    return last_claim{};
  auto last = store.read(stream, *version, 1);
  if (!last)
    return last.error();
  if (last->empty())
    return last_claim{{}, *version};
  auto holder = decode_email_claimed(last->front());
  if (!holder)
    return holder.error();
  return last_claim{*holder, *version};
}

caf::error taken() {
  return to_caf_error(make_failure(user_errc::email_taken, "the email is taken"));
}

// Appends `event` at `version` and answers the stream's new version. The
// actor is the stream's only writer, so a conflict means another process
// wrote it: answered as taken, nothing written.
void append_at(self_ptr self, const entity_env& env, const std::string& stream,
               std::uint64_t version, new_event event,
               caf::typed_response_promise<std::uint64_t> promise) {
  append_request request{stream, expected_version::exactly(version), {std::move(event)}, {}, {}};
  runtime::await_append(
    self, *env.store, std::move(request),
    [promise](append_result& placed) mutable { promise.deliver(placed.last_version); },
    [promise](caf::error& error) mutable {
      if (is(from_caf_error(error), store_errc::version_conflict))
        promise.deliver(taken());
      else
        promise.deliver(std::move(error));
    });
}

// Whether the view `holder` answered still holds this stream's email.
bool still_holds(const user_view& holder, const std::string& stream) {
  auto normalized = normalize_email(holder.email);
  return normalized && email_stream(*normalized) == stream;
}

} // namespace

result<std::string> email_holder(const event_store& store, const std::string& stream) {
  auto last = read_last(store, stream);
  if (!last)
    return last.error();
  if (last->user_id.empty()) // never claimed, or released
    return make_failure(user_errc::user_not_found, "no such user");
  return last->user_id;
}

email_claim_entity::behavior_type email_claim_fn(self_ptr self, entity_env env,
                                                 std::string stream, user_actor users) {
  return {
    [=](email_query&) -> caf::result<std::string> {
      auto holder = email_holder(*env.store, stream);
      if (!holder)
        return to_caf_error(holder.error());
      return *holder;
    },
    [=](email_claim& c, command_context& ctx) -> caf::result<std::uint64_t> {
      auto last = read_last(*env.store, stream);
      if (!last)
        return to_caf_error(last.error());
      // Already the claimant's: a retried registration or change.
      if (last->user_id == c.user_id)
        return last->version;
      auto promise = self->make_response_promise<std::uint64_t>();
      auto claimed = encode_email_claimed(
        c.user_id, {env.ids->next(), ctx.actor, ctx.correlation_id, c.causation});
      const auto version = last->version;
      if (last->user_id.empty()) {
        append_at(self, env, stream, version, std::move(claimed), promise);
        return promise;
      }
      self->request(users, holder_ask_timeout, user_query{last->user_id})
        .await(
          [=](user_view& holder) mutable {
            if (still_holds(holder, stream))
              promise.deliver(taken());
            else
              append_at(self, env, stream, version, claimed, promise);
          },
          [=](caf::error& error) mutable {
            if (is(from_caf_error(error), user_errc::user_not_found))
              append_at(self, env, stream, version, claimed, promise);
            else
              promise.deliver(std::move(error)); // unknown: the holder did not answer
          });
      return promise;
    },
    [=](email_release& r) -> caf::result<std::uint64_t> {
      auto last = read_last(*env.store, stream);
      if (!last)
        return to_caf_error(last.error());
      if (last->user_id != r.user_id)
        return last->version; // released already, or taken over
      auto promise = self->make_response_promise<std::uint64_t>();
      append_at(self, env, stream, last->version,
                encode_email_released(r.user_id, {env.ids->next(), r.user_id, {}, "release_email"}),
                promise);
      return promise;
    },
    // Between messages a claim holds nothing: it is never busy. (A passivate
    // request waits behind an append being awaited, like any message.)
    passivation(self, [] { return false; }),
  };
}

} // namespace pfms
