#pragma once

// What the merges of views that span owners share (route_table.hpp,
// `every_node`): each node's part as a JSON object, and the nodes that gave
// none. A part is the route's own answer over that node's entities alone.

#include "http/runtime/route_table.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pfms {

/// The parts that answered, as objects with an array under `list` (`items`
/// unless the route's answer names its list otherwise), and the ids of the
/// nodes that did not (down, late, failed, or an answer of another shape).
struct parsed_parts {
  std::vector<boost::json::object> objects;
  std::vector<std::string> missing_nodes;
};

[[nodiscard]] parsed_parts parse_parts(std::span<const node_part> parts,
                                       std::string_view list = "items");

/// The `items` of every answered part, in part order.
[[nodiscard]] boost::json::array all_items(const parsed_parts& parts);

/// The string at `key` of `value` (an object), or "" when there is none.
[[nodiscard]] std::string_view string_at(const boost::json::value& value, std::string_view key);

/// `ids` as a JSON array of strings.
[[nodiscard]] boost::json::array string_array(const std::vector<std::string>& ids);

} // namespace pfms
