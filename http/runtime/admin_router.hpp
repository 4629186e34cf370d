#pragma once

#include "cluster/runtime/cluster_status.hpp"
#include "events/event_store.hpp"
#include "http/identity/token_issuer.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/metrics.hpp"

#include <functional>
#include <string>

namespace pfms {

/// The admin listener's routes: `GET /metrics` (Prometheus text) and
/// `GET /admin/streams/{id}?from=N&limit=M` (any stream's events for audits,
/// chain-checked, at most 1000 a page, read on the I/O thread), and
/// `POST /admin/projections/{name}/rebuild`, and `GET /admin/cluster`
/// (this node and each peer's state, cluster/runtime/membership.hpp). Every
/// request needs `Authorization: Bearer <admin token>` (compared in constant
/// time); a valid user access token answers 403, anything else 401.
/// Borrows the metrics and tokens; `store_metrics` adds the store's lines.
class admin_router {
public:
  static constexpr std::size_t page_max = 1000;

  /// Starts a rebuild of the named projection; answers its new checkpoint,
  /// or `store_errc::not_found` for an unknown name.
  using rebuild_function =
    std::function<void(std::string, std::function<void(result<std::uint64_t>)>)>;

  admin_router(const http_metrics& metrics, std::function<std::string()> store_metrics,
               std::string admin_token, const token_issuer& tokens, const event_store& store,
               rebuild_function rebuild, const cluster_status& cluster)
    : metrics_(metrics), store_metrics_(std::move(store_metrics)),
      admin_token_(std::move(admin_token)), tokens_(tokens), store_(store),
      rebuild_(std::move(rebuild)), cluster_(cluster) {}

  void operator()(http_request request, responder respond) const;

private:
  void rebuild_projection(const http_request& request, responder respond) const;

  const http_metrics& metrics_;
  std::function<std::string()> store_metrics_;
  std::string admin_token_;
  const token_issuer& tokens_;
  const event_store& store_;
  rebuild_function rebuild_;
  const cluster_status& cluster_;
};

} // namespace pfms
