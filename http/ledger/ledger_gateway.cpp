#include "http/ledger/ledger_gateway.hpp"

#include "events/caf_error.hpp"

#include "actors/identity/core/user_error.hpp"
#include "actors/ledger/account_actor.hpp"
#include "cluster/identity/user_router.hpp"
#include "events/store_error.hpp"
#include "http/ledger/personal_export.hpp"
#include "http/runtime/internal/ask.hpp"

#include <caf/actor_system.hpp>
#include <caf/blocking_actor.hpp>
#include <caf/event_based_actor.hpp>

namespace pfms {

using http::internal::ask;

void ledger_gateway::open(open_account command, command_context context,
                          reply_callback<account_view> done) const {
  ask<account_view>(system_, directory_, timeout_, std::move(done), std::move(command),
                    std::move(context));
}

void ledger_gateway::record(record_transaction command, command_context context,
                            reply_callback<transaction_receipt> done) const {
  ask<transaction_receipt>(system_, directory_, timeout_, std::move(done), std::move(command),
                           std::move(context));
}

template <class Reply, class Command>
void ledger_gateway::to_account(Command command, command_context context,
                                reply_callback<Reply> done) const {
  ask<Reply>(system_, directory_, timeout_, std::move(done), std::move(command),
             std::move(context));
}

template void ledger_gateway::to_account(rename_account, command_context,
                                         reply_callback<account_view>) const;
template void ledger_gateway::to_account(close_account, command_context,
                                         reply_callback<account_view>) const;
template void ledger_gateway::to_account(amend_transaction, command_context,
                                         reply_callback<transaction_receipt>) const;
template void ledger_gateway::to_account(void_transaction, command_context,
                                         reply_callback<transaction_receipt>) const;
template void ledger_gateway::to_account(reconcile_account, command_context,
                                         reply_callback<reconciliation_receipt>) const;
template void ledger_gateway::to_account(hold_transfer, command_context,
                                         reply_callback<transfer_view>) const;

void ledger_gateway::groups_of(std::string user_id,
                               reply_callback<gathered_rows<group_index_row>> done) const {
  gather_rows<group_index_row>(system_, cluster_, projection_, timeout_,
                               user_groups_query{std::move(user_id)}, std::move(done));
}

void ledger_gateway::net_worth_of(std::string owner_id, std::string base_currency,
                                  reply_callback<net_worth> done) const {
  ask<net_worth>(system_, projection_, timeout_, std::move(done),
                 net_worth_query{std::move(owner_id), std::move(base_currency)});
}

void ledger_gateway::transfer_row_of(std::string transfer_id,
                                     reply_callback<transfer_row> done) const {
  ask<transfer_row>(system_, projection_, timeout_, std::move(done),
                    transfer_query{std::move(transfer_id)});
}

void ledger_gateway::rebuild_balances(reply_callback<std::uint64_t> done) const {
  ask<std::uint64_t>(system_, projection_,
                     std::chrono::duration_cast<std::chrono::milliseconds>(rebuild_timeout),
                     std::move(done), rebuild_atom::value);
}

void ledger_gateway::accounts(std::string owner_id, std::string after, std::uint32_t limit,
                              reply_callback<account_page> done) const {
  ask<account_page>(system_, projection_, timeout_, std::move(done),
                    accounts_query{std::move(owner_id), std::move(after), limit});
}

bool ledger_gateway::start_detached(std::function<void()> job) const {
  if (exports_running_.fetch_add(1) >= exports_max) {
    exports_running_.fetch_sub(1);
    return false;
  }
  system_.spawn<caf::detached>([this, job = std::move(job)](caf::blocking_actor*) {
    job();
    exports_running_.fetch_sub(1);
  });
  return true;
}

void ledger_gateway::export_person(std::string user_id, reply_callback<std::string> done) const {
  off_thread<std::string>([this, user_id = std::move(user_id)] {
    return pfms::export_person(store_, user_id);
  }, std::move(done));
}

void ledger_gateway::account_as_of(std::string account_id, time_us as_of,
                                   reply_callback<account_state> done) const {
  off_thread<account_state>([this, account_id = std::move(account_id), as_of]()
                              -> result<account_state> {
    auto state = pfms::account_as_of(store_, account_id, as_of);
    if (state && !state->opened)
      return make_failure(store_errc::not_found, "the account was not open then");
    return state;
  }, std::move(done));
}

void ledger_gateway::balance(std::string account_id, reply_callback<balance_row> done) const {
  ask<balance_row>(system_, projection_, timeout_, std::move(done),
                   balance_query{std::move(account_id)});
}

void ledger_gateway::account_terms(std::string account_id, std::string caller_id,
                                   reply_callback<account_view> done) const {
  ask<account_view>(system_, directory_, timeout_, std::move(done),
                    account_terms_query{std::move(account_id), std::move(caller_id)});
}

} // namespace pfms

namespace pfms {

template <class Command>
void ledger_gateway::user_command(Command command, command_context context,
                                  reply_callback<user_view> done) const {
  ask<user_view>(system_, users_, timeout_, std::move(done), std::move(command),
                 std::move(context));
}

template void ledger_gateway::user_command(pfms::register_user, command_context,
                                           reply_callback<user_view>) const;
template void ledger_gateway::user_command(change_password, command_context,
                                           reply_callback<user_view>) const;
template void ledger_gateway::user_command(update_profile, command_context,
                                           reply_callback<user_view>) const;
template void ledger_gateway::user_command(erase_user, command_context,
                                           reply_callback<user_view>) const;
template void ledger_gateway::user_command(change_email, command_context,
                                           reply_callback<user_view>) const;
template void ledger_gateway::user_command(define_category, command_context,
                                           reply_callback<user_view>) const;

template <class Command>
void ledger_gateway::session(Command command, command_context context,
                             reply_callback<session_view> done) const {
  ask<session_view>(system_, users_, timeout_, std::move(done), std::move(command),
                    std::move(context));
}

template void ledger_gateway::session(start_session, command_context,
                                      reply_callback<session_view>) const;
template void ledger_gateway::session(rotate_session, command_context,
                                      reply_callback<session_view>) const;
template void ledger_gateway::session(end_session, command_context,
                                      reply_callback<session_view>) const;

std::string ledger_gateway::new_user_id(const std::string& email,
                                        const std::function<std::string(int)>& candidate) const {
  if (cluster_ == nullptr || !cluster_->config().clustered())
    return candidate(0);
  return co_placed_user_id(*cluster_, email, candidate);
}

void ledger_gateway::user(std::string user_id, reply_callback<user_view> done) const {
  if (published_ != nullptr)
    if (auto known = published_->find(user_id))
      return done(std::move(*known));
  ask<user_view>(system_, users_, timeout_, std::move(done), user_query{std::move(user_id)});
}

std::optional<bool> ledger_gateway::published_session(const std::string& user_id,
                                                      const std::string& family,
                                                      time_us now) const {
  if (published_ == nullptr)
    return std::nullopt;
  return published_->session_live(user_id, family, now);
}

void ledger_gateway::asked_session(std::string user_id, std::string family, time_us now,
                                   reply_callback<bool> done) const {
  ask<user_view>(system_, users_, timeout_,
                 [done = std::move(done), family = std::move(family), now](const result<user_view>& u) {
                   if (u)
                     return done(session_live(*u, family, now));
                   const failure& why = u.error();
                   done(is(why, user_errc::user_not_found) ? result<bool>(false)
                                                           : result<bool>(why));
                 },
                 user_query{std::move(user_id)});
}

void ledger_gateway::user_by_email(std::string email, reply_callback<std::string> done) const {
  ask<std::string>(system_, users_, timeout_, std::move(done), email_query{std::move(email)});
}

} // namespace pfms
