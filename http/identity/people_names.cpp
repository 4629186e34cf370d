#include "http/identity/people_names.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>

namespace pfms {

namespace {

constexpr std::array<std::string_view, 8> person_keys{
  "user_id", "from", "to", "from_user_id", "to_user_id", "invited_by", "removed_by", "actor"};

// The user ids `v` names under person keys, at any depth.
void collect(const boost::json::value& v, std::set<std::string>& ids) {
  if (const auto* array = v.if_array()) {
    for (const auto& item : *array)
      collect(item, ids);
    return;
  }
  const auto* object = v.if_object();
  if (object == nullptr)
    return;
  for (const auto& [key, item] : *object) {
    const auto* text = item.if_string();
    const bool person = std::find(person_keys.begin(), person_keys.end(),
                                  std::string_view(key)) != person_keys.end();
    if (person && text != nullptr && !text->empty() && !text->starts_with("p-")
        && ids.size() < people_names::names_max)
      ids.emplace(*text);
    else
      collect(item, ids);
  }
}

// One answer waiting for its names.
struct naming {
  std::mutex mutex;
  boost::json::object body;
  boost::json::object names;
  std::size_t waiting = 0;
  http_response response;
  responder respond;
};

} // namespace

responder people_names::wrap(responder respond) const {
  return [this, respond = std::move(respond)](http_response response) {
    boost::system::error_code ec;
    auto body = response.status / 100 == 2 && response.content_type == "application/json"
                  ? boost::json::parse(response.body, ec)
                  : boost::json::value();
    std::set<std::string> ids;
    if (!ec && body.is_object())
      collect(body, ids);
    if (ids.empty())
      return respond(std::move(response));
    auto state = std::make_shared<naming>();
    state->body = std::move(body.as_object());
    state->waiting = ids.size();
    state->response = std::move(response);
    state->respond = respond;
    for (const auto& id : ids)
      users_.user(id, [state, id](result<user_view> user) {
        std::unique_lock lock(state->mutex);
        if (user)
          state->names[id] = user->display_name;
        if (--state->waiting > 0)
          return;
        state->body["names"] = std::move(state->names);
        state->response.body = boost::json::serialize(state->body);
        lock.unlock();
        state->respond(std::move(state->response));
      });
  };
}

} // namespace pfms
