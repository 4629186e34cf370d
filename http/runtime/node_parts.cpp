#include "http/runtime/node_parts.hpp"

#include <boost/json/parse.hpp>

namespace pfms {

parsed_parts parse_parts(std::span<const node_part> parts, std::string_view list) {
  parsed_parts out;
  for (const auto& part : parts) {
    boost::system::error_code ec;
    auto value = part.response ? boost::json::parse(part.response->body, ec) : boost::json::value();
    auto* object = ec ? nullptr : value.if_object();
    auto* items = object != nullptr ? object->if_contains(list) : nullptr;
    if (items == nullptr || !items->is_array()) {
      out.missing_nodes.push_back(part.node_id);
      continue;
    }
    out.objects.push_back(std::move(*object));
  }
  return out;
}

boost::json::array all_items(const parsed_parts& parts) {
  boost::json::array out;
  for (const auto& o : parts.objects)
    for (const auto& item : o.at("items").get_array())
      out.push_back(item);
  return out;
}

std::string_view string_at(const boost::json::value& value, std::string_view key) {
  const auto* object = value.if_object();
  const auto* found = object != nullptr ? object->if_contains(key) : nullptr;
  const auto* text = found != nullptr ? found->if_string() : nullptr;
  return text != nullptr ? std::string_view(*text) : std::string_view();
}

boost::json::array string_array(const std::vector<std::string>& ids) {
  boost::json::array out;
  for (const auto& id : ids)
    out.push_back(boost::json::value(id));
  return out;
}

} // namespace pfms
