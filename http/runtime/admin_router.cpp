#include "http/runtime/admin_router.hpp"

#include "events/hash_chain.hpp"
#include "events/store_error.hpp"
#include "http/identity/auth_error.hpp"
#include "http/identity/jwt.hpp"
#include "http/runtime/header_values.hpp"
#include "http/runtime/problem.hpp"
#include "http/runtime/query_params.hpp"
#include "http/runtime/request_error.hpp"
#include "http/runtime/rfc3339.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <openssl/crypto.h>

#include <charconv>
#include <optional>

namespace pfms {

namespace {

bool same_secret(std::string_view presented, const std::string& expected) {
  return presented.size() == expected.size()
         && CRYPTO_memcmp(presented.data(), expected.data(), expected.size()) == 0;
}

constexpr std::string_view streams_prefix = "/admin/streams/";
constexpr std::string_view projections_prefix = "/admin/projections/";

boost::json::object event_json(const recorded_event& e) {
  return {{"version", e.version},
          {"position", e.position},
          {"event_id", e.event_id},
          {"type", e.type},
          {"recorded_at", format_rfc3339(e.recorded_at_us)},
          {"actor", e.actor},
          {"correlation_id", e.correlation_id},
          {"causation_id", e.causation_id},
          {"idempotency_key", e.idempotency_key},
          {"payload_base64url", base64url_encode(e.payload)},
          {"previous_hash", to_hex(e.previous_hash)},
          {"hash", to_hex(e.hash)}};
}

http_response stream_page(const event_store& store, const http_request& request,
                          std::string_view stream) {
  const auto from = query_number(query_value(request.query, "from"), 1, 1, UINT64_MAX - 1);
  const auto limit = query_number(query_value(request.query, "limit"), 100, 1, admin_router::page_max);
  if (!from || !limit)
    return problem_response(make_failure(request_errc::invalid_field,
                                         "from must be ≥ 1 and limit 1 to 1000"),
                            request.request_id);
  auto events = store.read(stream, *from, *limit, true);
  if (!events)
    return problem_response(events.error(), request.request_id);
  if (events->empty() && *from == 1)
    return problem_response(make_failure(store_errc::not_found, "no such stream"),
                            request.request_id);
  boost::json::array items;
  for (const auto& e : *events)
    items.push_back(event_json(e));
  boost::json::object body{{"stream", stream}, {"events", std::move(items)}};
  body["next_from"] = events->size() == *limit ? boost::json::value(events->back().version + 1)
                                               : boost::json::value(nullptr);
  return {200, "application/json", boost::json::serialize(body), {}};
}

// This node and what it knows of each peer.
http_response cluster_page(const cluster_status& cluster) {
  const auto& config = cluster.config();
  boost::json::array nodes;
  for (const auto& m : config.members)
    if (m.id == config.self_id)
      nodes.push_back(boost::json::object{{"id", m.id}, {"address", address_of(m)}, {"self", true},
                                          {"state", "up"}});
  for (const auto& p : cluster.peers())
    nodes.push_back(boost::json::object{
      {"id", p.member.id}, {"address", address_of(p.member)}, {"self", false},
      {"state", to_string(p.state)}, {"since", format_rfc3339(p.since_us)},
      {"last_error", p.last_error}, {"round_trip_us", p.round_trip_us}, {"connects", p.connects}});
  boost::json::object body{{"node_id", config.self_id}, {"clustered", config.clustered()},
                           {"nodes", std::move(nodes)}};
  return {200, "application/json", boost::json::serialize(body), {}};
}

} // namespace

void admin_router::operator()(http_request request, responder respond) const {
  const auto token = bearer_token(request.authorization);
  if (!same_secret(token, admin_token_)) {
    // A user who is who they say, but no admin: 403. Anyone else: 401.
    const bool user = !token.empty() && tokens_.verify_access(token);
    return respond(problem_response(
      user ? make_failure(auth_errc::forbidden, "this listener needs the admin token")
           : make_failure(auth_errc::unauthorized, "the admin token is required"),
      request.request_id));
  }
  const bool streams = request.path.starts_with(streams_prefix)
                       && request.path.size() > streams_prefix.size();
  const bool rebuild = request.path.starts_with(projections_prefix)
                       && request.path.ends_with("/rebuild")
                       && request.path.size() > projections_prefix.size() + 8;
  const bool cluster = request.path == "/admin/cluster";
  if (request.path != "/metrics" && !streams && !rebuild && !cluster)
    return respond(problem_response(
      make_failure(request_errc::route_not_found, "no route " + request.path), request.request_id));
  const std::string_view method = rebuild ? "POST" : "GET";
  if (request.method != method) {
    auto r = problem_response(
      make_failure(request_errc::method_not_allowed, "use " + std::string(method) + " here"),
      request.request_id);
    r.headers.emplace_back("Allow", std::string(method));
    return respond(std::move(r));
  }
  if (auto misfit = query_misfit(request.query, streams ? "from,limit" : ""))
    return respond(problem_response(make_failure(request_errc::invalid_query, std::move(*misfit)),
                                    request.request_id));
  if (rebuild)
    return rebuild_projection(request, std::move(respond));
  if (cluster)
    return respond(cluster_page(cluster_));
  if (streams)
    return respond(stream_page(store_, request,
                               std::string_view(request.path).substr(streams_prefix.size())));
  respond({200, "text/plain; version=0.0.4", metrics_.prometheus() + store_metrics_(), {}});
}

void admin_router::rebuild_projection(const http_request& request, responder respond) const {
  const std::string_view path = request.path;
  const auto name = path.substr(projections_prefix.size(),
                                path.size() - projections_prefix.size() - 8 /* "/rebuild" */);
  rebuild_(std::string(name), [respond, rid = request.request_id,
                               name = std::string(name)](result<std::uint64_t> checkpoint) {
    if (!checkpoint)
      return respond(problem_response(checkpoint.error(), rid));
    boost::json::object body{{"projection", name}, {"checkpoint", *checkpoint}};
    respond({200, "application/json", boost::json::serialize(body), {}});
  });
}

} // namespace pfms
