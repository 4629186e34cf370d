#pragma once

#include "http/identity/identity_gateway.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/route_table.hpp"

#include <span>
#include <string_view>

namespace pfms {

/// The ledger's reference lists. The caller's categories:
///   GET  /finance/categories          → the defaults with the caller's own laid over
///   PUT  /finance/categories/{name}   → tax_category ("" for none) → 200 with the list
/// and the currencies money is kept in (open: a new user picks a base currency):
///   GET  /finance/currencies          → code, numeric code, minor units, name
/// Borrows the gateway.
class category_routes {
public:
  explicit category_routes(const identity_gateway& gateway) : gateway_(gateway) {}

  /// The domain's routes: the caller's categories, the currencies.
  [[nodiscard]] static std::span<const route_def<category_routes>> routes();

  void list(const http_request& request, responder respond) const;
  void define(const http_request& request, std::string_view name, responder respond) const;
  void currencies(const http_request& request, responder respond) const;

private:
  const identity_gateway& gateway_;
};

} // namespace pfms
