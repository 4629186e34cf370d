#pragma once

// Display names beside the ids of the people an answer mentions: a group's
// members, who paid and owes, who owes whom, who did what. A route flagged
// `names_people` answers through `wrap`, which adds to a 2xx JSON object
//   "names": {"<user id>": "<display name>", …}
// for every user id under a key that names a person (user_id, from, to,
// from_user_id, to_user_id, invited_by, removed_by, actor), asked of the
// users (published views at once, else the user's actor, wherever it lives).
// A user who does not answer (erased) has no entry; a named participant
// ("p-…") has its name in the answer already.

#include "http/identity/identity_gateway.hpp"
#include "http/runtime/http_message.hpp"

namespace pfms {

class people_names {
public:
  /// At most this many people are named in one answer; past them, none more.
  static constexpr std::size_t names_max = 200;

  /// Borrows `users`, which must outlive it.
  explicit people_names(const identity_gateway& users) : users_(users) {}

  /// `respond`, with names added to the answers it is given.
  [[nodiscard]] responder wrap(responder respond) const;

private:
  const identity_gateway& users_;
};

} // namespace pfms
