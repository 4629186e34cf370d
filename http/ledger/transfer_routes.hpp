#pragma once

#include "events/ids.hpp"
#include "http/ledger/ledger_gateway.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/route_table.hpp"

#include <span>
#include <string_view>

namespace pfms {

/// Transfers between the caller's own accounts (actors/ledger/transfer_saga.hpp).
/// Borrows the gateway and ids, which must outlive it.
class transfer_routes {
public:
  transfer_routes(const ledger_gateway& gateway, const id_generator& ids)
    : gateway_(gateway), ids_(ids) {}

  /// The domain's routes: transfers between accounts.
  [[nodiscard]] static std::span<const route_def<transfer_routes>> routes();

  /// POST /finance/transfers: from_account_id, to_account_id, amount_minor,
  /// currency, optional to_amount_minor → 201 with `status` "completed" or
  /// "pending"; the transfer id is derived from Idempotency-Key when given.
  void create(const http_request& request, responder respond) const;
  /// GET /finance/transfers?limit=&page_token= → the transfers from the
  /// caller's accounts, newest held first, in pages.
  void list(const http_request& request, responder respond) const;
  static constexpr std::uint32_t page_size_default = 50;
  static constexpr std::uint32_t page_size_max = 200;
  /// GET /finance/transfers/{id} → 200 with the transfer as projected.
  void get(const http_request& request, std::string_view id, responder respond) const;

private:
  const ledger_gateway& gateway_;
  const id_generator& ids_;
};

} // namespace pfms
