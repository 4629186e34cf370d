#include "actors/type_registry.hpp"

#include "events/caf_error.hpp"
#include "actors/journal_actor.hpp"
#include "actors/messages.hpp"
#include "actors/group_messages.hpp"
#include "actors/loan_messages.hpp"
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
  cfg.add_message_type<email_claim>("pfms.email_claim");
  cfg.add_message_type<email_release>("pfms.email_release");
  cfg.add_message_type<user_actor>("pfms.user_actor");
  cfg.add_message_type<user_directory_actor>("pfms.user_directory_actor");
  register_group_types(cfg);
  register_loan_types(cfg);
  register_error_categories(cfg);
}

void register_group_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<member_amount>("pfms.member_amount");
  cfg.add_message_type<std::vector<member_amount>>("pfms.member_amounts");
  cfg.add_message_type<split_part>("pfms.split_part");
  cfg.add_message_type<std::vector<split_part>>("pfms.split_parts");
  cfg.add_message_type<create_group>("pfms.create_group");
  cfg.add_message_type<invite_member>("pfms.invite_member");
  cfg.add_message_type<join_group>("pfms.join_group");
  cfg.add_message_type<leave_group>("pfms.leave_group");
  cfg.add_message_type<record_group_expense>("pfms.record_group_expense");
  cfg.add_message_type<delete_group_expense>("pfms.delete_group_expense");
  cfg.add_message_type<record_settlement>("pfms.record_settlement");
  cfg.add_message_type<edit_group_expense>("pfms.edit_group_expense");
  cfg.add_message_type<add_participant>("pfms.add_participant");
  cfg.add_message_type<remove_member>("pfms.remove_member");
  cfg.add_message_type<archive_group>("pfms.archive_group");
  cfg.add_message_type<group_member_view>("pfms.group_member_view");
  cfg.add_message_type<std::vector<group_member_view>>("pfms.group_member_views");
  cfg.add_message_type<group_view>("pfms.group_view");
  cfg.add_message_type<group_expense>("pfms.group_expense");
  cfg.add_message_type<group_settlement>("pfms.group_settlement");
  cfg.add_message_type<expense_view>("pfms.expense_view");
  cfg.add_message_type<settlement_view>("pfms.settlement_view");
  cfg.add_message_type<group_query>("pfms.group_query");
  cfg.add_message_type<group_balances_query>("pfms.group_balances_query");
  cfg.add_message_type<payment>("pfms.payment");
  cfg.add_message_type<balance_entry>("pfms.balance_entry");
  cfg.add_message_type<std::vector<balance_entry>>("pfms.balance_entries");
  cfg.add_message_type<member_balance>("pfms.member_balance");
  cfg.add_message_type<std::vector<member_balance>>("pfms.member_balances");
  cfg.add_message_type<explained_payment>("pfms.explained_payment");
  cfg.add_message_type<std::vector<explained_payment>>("pfms.explained_payments");
  cfg.add_message_type<currency_payment>("pfms.currency_payment");
  cfg.add_message_type<std::vector<currency_payment>>("pfms.currency_payments");
  cfg.add_message_type<group_balances>("pfms.group_balances");
  cfg.add_message_type<group_actor>("pfms.group_actor");
}

void register_loan_types(caf::actor_system_config& cfg) {
  cfg.add_message_type<civil_date>("pfms.civil_date");
  cfg.add_message_type<loan_party>("pfms.loan_party");
  cfg.add_message_type<late_fee_policy>("pfms.late_fee_policy");
  cfg.add_message_type<loan_offer>("pfms.loan_offer");
  cfg.add_message_type<allocation>("pfms.allocation");
  cfg.add_message_type<loan_repayment>("pfms.loan_repayment");
  cfg.add_message_type<std::vector<loan_repayment>>("pfms.loan_repayments");
  cfg.add_message_type<loan_fee>("pfms.loan_fee");
  cfg.add_message_type<std::vector<loan_fee>>("pfms.loan_fees");
  cfg.add_message_type<loan_adjustment>("pfms.loan_adjustment");
  cfg.add_message_type<std::vector<loan_adjustment>>("pfms.loan_adjustments");
  cfg.add_message_type<installment>("pfms.installment");
  cfg.add_message_type<std::vector<installment>>("pfms.installments");
  cfg.add_message_type<loan_written_off>("pfms.loan_written_off");
  cfg.add_message_type<loan_disbursement>("pfms.loan_disbursement");
  cfg.add_message_type<disbursement_failed>("pfms.disbursement_failed");
  cfg.add_message_type<resume_disbursement>("pfms.resume_disbursement");
  cfg.add_message_type<loan_state>("pfms.loan_state");
  cfg.add_message_type<loan_snapshot>("pfms.loan_snapshot");
  cfg.add_message_type<loan_query>("pfms.loan_query");
  cfg.add_message_type<wake_loan>("pfms.wake_loan");
  cfg.add_message_type<originate_loan>("pfms.originate_loan");
  cfg.add_message_type<accept_loan>("pfms.accept_loan");
  cfg.add_message_type<disburse_loan>("pfms.disburse_loan");
  cfg.add_message_type<record_repayment>("pfms.record_repayment");
  cfg.add_message_type<prepay_loan>("pfms.prepay_loan");
  cfg.add_message_type<change_loan_rate>("pfms.change_loan_rate");
  cfg.add_message_type<charge_late_fees>("pfms.charge_late_fees");
  cfg.add_message_type<write_off_loan>("pfms.write_off_loan");
  cfg.add_message_type<close_loan>("pfms.close_loan");
  cfg.add_message_type<loan_actor>("pfms.loan_actor");
}

} // namespace pfms
