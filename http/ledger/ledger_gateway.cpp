#include "http/ledger/ledger_gateway.hpp"

#include "actors/ledger/account_actor.hpp"
#include "cluster/runtime/owner_handle.hpp"
#include "events/caf_error.hpp"
#include "events/store_error.hpp"
#include "http/runtime/internal/asks_of.hpp"

#include <caf/actor_cast.hpp>

namespace pfms {

using http::internal::ask;

template void entity_port<account_actor>::send(const erased_request&,
                                          std::chrono::milliseconds) const;

void ledger_gateway::net_worth_of(std::string owner_id, std::string base_currency,
                                  reply_callback<net_worth> done) const {
  ask<net_worth>(system_, projection_, timeout_, std::move(done),
                 net_worth_query{std::move(owner_id), std::move(base_currency)});
}

void ledger_gateway::when_current(std::string name, reply_callback<std::uint64_t> done) const {
  ask<std::uint64_t>(system_, projection_, timeout_, std::move(done),
                     current_query{std::move(name)});
}

void ledger_gateway::transfer_row_of(std::string transfer_id,
                                     reply_callback<transfer_row> done) const {
  ask<transfer_row>(system_, projection_, timeout_, std::move(done),
                    transfer_query{std::move(transfer_id)});
}

void ledger_gateway::owner_transfer_row(std::string transfer_id, const std::string& owner_id,
                                        reply_callback<transfer_row> done) const {
  if (cluster_ == nullptr || !cluster_->config().clustered()
      || owner_of(*cluster_, owner_id) == cluster_->config().self_id)
    return transfer_row_of(std::move(transfer_id), std::move(done));
  auto models = owner_handle(*cluster_, owner_id, &node_directories::read_models);
  if (!models)
    return done(models.error());
  ask<transfer_row>(system_, caf::actor_cast<projection_actor>(*models), timeout_,
                    std::move(done), transfer_query{std::move(transfer_id)});
}

void ledger_gateway::rebuild(std::string projection,
                             reply_callback<std::uint64_t> done) const {
  ask<std::uint64_t>(system_, projection_,
                     std::chrono::duration_cast<std::chrono::milliseconds>(rebuild_timeout),
                     std::move(done), rebuild_atom::value, std::move(projection));
}

void ledger_gateway::accounts(std::string owner_id, std::string after, std::uint32_t limit,
                              reply_callback<account_page> done) const {
  ask<account_page>(system_, projection_, timeout_, std::move(done),
                    accounts_query{std::move(owner_id), std::move(after), limit});
}

void ledger_gateway::balance(std::string account_id, reply_callback<balance_row> done) const {
  ask<balance_row>(system_, projection_, timeout_, std::move(done),
                   balance_query{std::move(account_id)});
}

void ledger_gateway::account_terms(std::string account_id, std::string caller_id,
                                   reply_callback<account_view> done) const {
  ask<account_view>(system_, target_, timeout_, std::move(done),
                    account_terms_query{std::move(account_id), std::move(caller_id)});
}

void ledger_gateway::account_as_of(std::string account_id, time_us as_of,
                                   reply_callback<account_state> done) const {
  log_.read_log<account_state>([account_id = std::move(account_id), as_of](
                                 const event_store& store) -> result<account_state> {
    auto state = pfms::account_as_of(store, account_id, as_of);
    if (state && !state->opened)
      return make_failure(store_errc::not_found, "the account was not open then");
    return state;
  }, std::move(done));
}

} // namespace pfms
