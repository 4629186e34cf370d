#include "projections/social/group_index.hpp"

#include "events/proto/group.pb.h"
#include "events/store_error.hpp"

namespace pfms {

namespace {

constexpr std::string_view group_prefix = "group-";

std::string index_key(std::string_view user_id, std::string_view group_id) {
  std::string key = "gm:";
  key.append(user_id).append(1, '\0').append(group_id);
  return key;
}

// "gn:" ‖ group id → its name, so later membership events find it.
std::string name_key(std::string_view group_id) {
  return "gn:" + std::string(group_id);
}

failure undecodable(const recorded_event& e) {
  return make_failure(store_errc::corrupt, "stream " + e.stream_id + " version "
                                             + std::to_string(e.version) + " does not decode");
}

// The user a membership event names and the status it gives ("" to remove).
template <class Message>
result<std::pair<std::string, std::string>> member_of(const recorded_event& e, const char* status) {
  Message m;
  if (!m.ParseFromString(e.payload))
    return undecodable(e);
  return std::pair{m.user_id(), std::string(status)};
}

result<std::pair<std::string, std::string>> change_of(const recorded_event& e) {
  if (e.type == "MemberInvited")
    return member_of<pb::MemberInvited>(e, "invited");
  if (e.type == "MemberJoined")
    return member_of<pb::MemberJoined>(e, "active");
  if (e.type == "MemberLeft")
    return member_of<pb::MemberLeft>(e, "");
  if (e.type == "MemberRemoved")
    return member_of<pb::MemberRemoved>(e, "");
  return std::pair{std::string(), std::string()};
}

} // namespace

result<std::vector<read_model_put>> group_index_puts(const event_store& store,
                                                     std::string_view family,
                                                     const recorded_event& e,
                                                     std::map<std::string, std::string>& names) {
  if (!e.stream_id.starts_with(group_prefix))
    return std::vector<read_model_put>{};
  const auto group = e.stream_id.substr(group_prefix.size());
  if (e.type == "GroupCreated") {
    pb::GroupCreated m;
    if (!m.ParseFromString(e.payload))
      return undecodable(e);
    names[group] = m.name();
    return std::vector<read_model_put>{{name_key(group), m.name()},
                                       {index_key(m.owner_id(), group), "active" + std::string(1, '\0') + m.name()}};
  }
  auto change = change_of(e);
  if (!change)
    return change.error();
  if (change->first.empty())
    return std::vector<read_model_put>{};
  if (!names.contains(group)) {
    auto stored = store.read_model_get(family, name_key(group));
    if (!stored)
      return stored.error();
    names[group] = stored->value_or("");
  }
  const auto key = index_key(change->first, group);
  if (change->second.empty())
    return std::vector<read_model_put>{{key, {}, true}};
  return std::vector<read_model_put>{{key, change->second + std::string(1, '\0') + names[group]}};
}

result<std::vector<read_model_put>> fold_group_index(const event_store& store,
                                                     std::string_view family,
                                                     std::span<const recorded_event> events) {
  std::map<std::string, std::string> names;
  std::vector<read_model_put> puts;
  for (const auto& e : events) {
    auto indexed = group_index_puts(store, family, e, names);
    if (!indexed)
      return indexed.error();
    for (auto& put : *indexed)
      puts.push_back(std::move(put));
  }
  return puts;
}

result<std::vector<group_index_row>> groups_of(const event_store& store, std::string_view family,
                                               const std::string& user_id, std::size_t limit) {
  const auto prefix = index_key(user_id, "");
  std::vector<group_index_row> out;
  auto scanned = store.scan_read_model(family, prefix, [&](std::string_view key, std::string_view value) {
    if (!key.starts_with(prefix) || out.size() >= limit)
      return false;
    const auto split = value.find('\0');
    out.push_back({std::string(key.substr(prefix.size())),
                   std::string(split == std::string_view::npos ? "" : value.substr(split + 1)),
                   std::string(value.substr(0, split))});
    return true;
  });
  if (!scanned)
    return scanned.error();
  return out;
}

} // namespace pfms
