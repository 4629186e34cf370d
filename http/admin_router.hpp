#pragma once

#include "http/http_message.hpp"
#include "http/metrics.hpp"
#include "http/token_issuer.hpp"

#include <functional>
#include <string>

namespace pfms {

/// The admin listener's routes: `GET /metrics` (Prometheus text). Every
/// request needs `Authorization: Bearer <admin token>` (compared in constant
/// time); a valid user access token answers 403, anything else 401.
/// Borrows the metrics and tokens; `store_metrics` adds the store's lines.
class admin_router {
public:
  admin_router(const http_metrics& metrics, std::function<std::string()> store_metrics,
               std::string admin_token, const token_issuer& tokens)
    : metrics_(metrics), store_metrics_(std::move(store_metrics)),
      admin_token_(std::move(admin_token)), tokens_(tokens) {}

  void operator()(http_request request, responder respond) const;

private:
  const http_metrics& metrics_;
  std::function<std::string()> store_metrics_;
  std::string admin_token_;
  const token_issuer& tokens_;
};

} // namespace pfms
