#pragma once

// Requests and responses as the router and the routes see them: plain values,
// independent of Beast, so route code compiles without the HTTP library.

#include "events/clock.hpp"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pfms {

struct http_request {
  std::string method;       ///< "GET", "POST", ...
  std::string path;         ///< target without the query
  std::string query;        ///< after '?', raw
  std::string content_type; ///< the Content-Type header, empty when absent
  std::string body;
  std::string request_id;   ///< echoed as X-Request-Id
  std::string authorization; ///< the Authorization header, empty when absent
  std::string if_match;     ///< the If-Match header, empty when absent
  std::string idempotency_header; ///< the Idempotency-Key header, empty when absent
  std::string caller_id;    ///< the authenticated user, set by the router
  std::string session_id;   ///< the caller's session (refresh-token family), set by the router
  std::string idempotency_key; ///< "u:<caller>:<key>" on routes that honour the header, set by the router
  std::string request_fingerprint; ///< with a key: what a retry must repeat, set by the router
  std::string client_address; ///< the peer's IP address
  /// When the request's time is up (µs since 1970; 0: none): set by the
  /// server from its request timeout, carried into commands, which an entity
  /// does not start past it, and kept across a relay.
  time_us deadline_us = 0;
  /// Set by the cluster front once it verified the access token and put its
  /// claims into `caller_id` and `session_id`: the router does not verify it
  /// again (the token is checked once). Never set from a client's bytes.
  bool caller_checked = false;
  /// Set by the cluster front with `caller_checked` when it found the
  /// token's session live among this node's published users: the router
  /// does not check it again.
  bool session_checked = false;
  /// Set by the cluster front on a view that spans owners (`every_node`):
  /// this node answers its own part, which the front merges with the others'.
  bool node_part = false;
  /// Set by the cluster front on a route that creates an entity placed by
  /// its own id (`new_entity`): the id it picked, and relayed the request by.
  std::string entity_id;
};

struct http_response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// Called exactly once per request, from any thread.
using responder = std::function<void(http_response)>;

/// The application behind the server: answers `request` through `respond`,
/// now or later, without blocking the calling (I/O) thread.
using request_handler = std::function<void(http_request, responder)>;

} // namespace pfms
