#pragma once

#include "http/account_routes.hpp"
#include "http/http_message.hpp"

#include <atomic>

namespace pfms {

/// Maps method and path to a route. Unknown paths answer 404, known paths
/// with another method 405 with `Allow`; POST bodies must be
/// `application/json` (415 otherwise). `/readyz` answers 503 until `ready`.
/// Borrows everything; all must outlive it.
class router {
public:
  router(const account_routes& accounts, const std::atomic<bool>& ready)
    : accounts_(accounts), ready_(ready) {}

  void operator()(http_request request, responder respond) const;

private:
  const account_routes& accounts_;
  const std::atomic<bool>& ready_;
};

} // namespace pfms
