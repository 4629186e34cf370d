#pragma once

// Routes declared as tables, one per domain, beside the domain's handlers:
//
//   {"POST", "/loans/{id}/repayments", &loan_routes::repay, signed_in | idempotent}
//   {"GET", "/loans", &loan_routes::list, signed_in | every_node, &loan_routes::merge_pages,
//    "role,limit,page_token"}
//
// A pattern is literal segments and `{name}` segments; one matcher
// (`match_pattern`) serves every table. A handler takes the request, then
// one `std::string_view` per `{name}` in path order, then the responder.

#include "http/runtime/http_message.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <span>
#include <string_view>
#include <variant>

namespace pfms {

/// What a route needs before its handler runs.
enum route_flags : std::uint8_t {
  open = 0,           ///< no access token
  signed_in = 1,      ///< an access token of a live session (401 otherwise)
  idempotent = 2,     ///< honours Idempotency-Key
  versioned = 4,      ///< If-Match, when sent, must be a version (400 otherwise)
  entity_node = 8,    ///< in a cluster, served on the node of the path's first `{id}`
  every_node = 16,    ///< in a cluster, a view that spans owners: each node answers its own
                      ///< part, and the route's `merge` makes one answer of them
  new_entity = 32,    ///< creates an entity placed by its own id: in a cluster the front
                      ///< picks the id (`http_request::entity_id`) and relays by it
  names_people = 64,  ///< the answer names the people it mentions (http/identity/people_names.hpp)
};

[[nodiscard]] constexpr route_flags operator|(route_flags a, route_flags b) {
  return static_cast<route_flags>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}

/// One node's answer to a route that spans nodes (`every_node`): none when
/// the node was down, did not answer in time, or failed (5xx).
struct node_part {
  std::string node_id;
  std::optional<http_response> response;
};

/// Makes one answer of every node's part of `request` (this node's first,
/// then the others in node order), each a 200 of the route's own shape.
using part_merge = http_response (*)(const http_request& request,
                                     std::span<const node_part> parts);

/// The values of a path's `{name}` segments, in order.
struct path_params {
  static constexpr std::size_t max = 2;
  std::array<std::string_view, max> values{};
  std::size_t count = 0;
};

template <class Routes>
using route_handler =
  std::variant<void (Routes::*)(const http_request&, responder) const,
               void (Routes::*)(const http_request&, std::string_view, responder) const,
               void (Routes::*)(const http_request&, std::string_view, std::string_view,
                                responder) const>;

/// One route of a domain's table.
template <class Routes>
struct route_def {
  std::string_view method;
  std::string_view pattern;
  route_handler<Routes> handler; ///< takes as many views as `pattern` has `{name}`s
  route_flags flags = open;
  part_merge merge = nullptr; ///< with `every_node`: how the nodes' parts combine
  /// The query parameters it takes, comma-separated; any other, or one given
  /// twice, is a 400 `invalid_query` before the handler runs.
  std::string_view query = {};
};

/// For a route that takes query parameters but merges nothing.
inline constexpr part_merge no_merge = nullptr;

/// A route without its handler: what matching, metrics and the OpenAPI check need.
struct route_shape {
  std::string_view method;
  std::string_view pattern;
  route_flags flags = open;
  part_merge merge = nullptr;
  std::string_view query = {};
};

/// Whether `path` fits `pattern`: the same number of segments, each literal
/// one equal, each `{name}` one non-empty; `params` gets the latter.
[[nodiscard]] bool match_pattern(std::string_view pattern, std::string_view path,
                                 path_params& params);

/// How many `{name}` segments `pattern` has.
[[nodiscard]] std::size_t parameter_count(std::string_view pattern);

/// A handler of any domain, bound to the object that serves it.
using bound_handler = std::function<void(const http_request&, const path_params&, responder)>;

/// `def`'s handler called on `routes` with the path's parameters.
template <class Routes>
[[nodiscard]] bound_handler bind_route(const Routes& routes, const route_def<Routes>& def) {
  return std::visit(
    [&routes](auto f) -> bound_handler {
      return [&routes, f](const http_request& request, const path_params& p, responder respond) {
        using takes_one = void (Routes::*)(const http_request&, std::string_view, responder) const;
        using takes_none = void (Routes::*)(const http_request&, responder) const;
        if constexpr (std::is_same_v<decltype(f), takes_none>)
          (routes.*f)(request, std::move(respond));
        else if constexpr (std::is_same_v<decltype(f), takes_one>)
          (routes.*f)(request, p.values[0], std::move(respond));
        else
          (routes.*f)(request, p.values[0], p.values[1], std::move(respond));
      };
    },
    def.handler);
}

} // namespace pfms
