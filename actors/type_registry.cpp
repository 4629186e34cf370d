#include "actors/type_registry.hpp"

#include "events/caf_error.hpp"
#include "actors/journal_actor.hpp"
#include "actors/messages.hpp"
#include "actors/user_messages.hpp"

namespace pfms {

void register_actor_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<command_context>("pfms.command_context");
  cfg.add_message_type<open_account>("pfms.open_account");
  cfg.add_message_type<record_transaction>("pfms.record_transaction");
  cfg.add_message_type<rename_account>("pfms.rename_account");
  cfg.add_message_type<split_line>("pfms.split_line");
  cfg.add_message_type<std::vector<split_line>>("pfms.split_lines");
  cfg.add_message_type<close_account>("pfms.close_account");
  cfg.add_message_type<amend_transaction>("pfms.amend_transaction");
  cfg.add_message_type<void_transaction>("pfms.void_transaction");
  cfg.add_message_type<reconcile_account>("pfms.reconcile_account");
  cfg.add_message_type<reconciliation_receipt>("pfms.reconciliation_receipt");
  cfg.add_message_type<account_view>("pfms.account_view");
  cfg.add_message_type<hold_transfer>("pfms.hold_transfer");
  cfg.add_message_type<credit_transfer>("pfms.credit_transfer");
  cfg.add_message_type<transfer_view>("pfms.transfer_view");
  cfg.add_message_type<account_terms_query>("pfms.account_terms_query");
  cfg.add_message_type<resume_transfer>("pfms.resume_transfer");
  cfg.add_message_type<transaction_receipt>("pfms.transaction_receipt");
  cfg.add_message_type<account_actor>("pfms.account_actor");
  cfg.add_message_type<new_event>("pfms.new_event");
  cfg.add_message_type<std::vector<new_event>>("pfms.new_events");
  cfg.add_message_type<append_request>("pfms.append_request");
  cfg.add_message_type<append_result>("pfms.append_result");
  cfg.add_message_type<journal_actor>("pfms.journal_actor");
  cfg.add_message_type<register_user>("pfms.register_user");
  cfg.add_message_type<change_password>("pfms.change_password");
  cfg.add_message_type<erase_user>("pfms.erase_user");
  cfg.add_message_type<change_email>("pfms.change_email");
  cfg.add_message_type<define_category>("pfms.define_category");
  cfg.add_message_type<update_profile>("pfms.update_profile");
  cfg.add_message_type<start_session>("pfms.start_session");
  cfg.add_message_type<rotate_session>("pfms.rotate_session");
  cfg.add_message_type<end_session>("pfms.end_session");
  cfg.add_message_type<user_view>("pfms.user_view");
  cfg.add_message_type<session_view>("pfms.session_view");
  cfg.add_message_type<user_query>("pfms.user_query");
  cfg.add_message_type<email_query>("pfms.email_query");
  cfg.add_message_type<user_actor>("pfms.user_actor");
  cfg.add_message_type<user_directory_actor>("pfms.user_directory_actor");
  register_error_categories(cfg);
}

} // namespace pfms
