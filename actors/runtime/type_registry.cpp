#include "actors/runtime/type_registry.hpp"

#include "actors/identity/user_messages.hpp"
#include "actors/ledger/account_messages.hpp"
#include "actors/lending/loan_messages.hpp"
#include "actors/runtime/append_outcome.hpp"
#include "actors/social/group_messages.hpp"
#include "events/caf_error.hpp"

namespace pfms {

void register_actor_types(caf::actor_system_config& cfg) {
  // The messages: what each interface takes and answers (events/message_declaration.hpp).
  register_interface<account_actor>(cfg);
  register_interface<append_outcome>(cfg);
  register_interface<user_directory_actor>(cfg);
  register_interface<group_actor>(cfg);
  register_interface<loan_actor>(cfg);
  // The handles, which travel inside messages.
  cfg.add_message_type<account_actor>("pfms.account_actor");
  cfg.add_message_type<user_actor>("pfms.user_actor");
  cfg.add_message_type<user_directory_actor>("pfms.user_directory_actor");
  cfg.add_message_type<group_actor>("pfms.group_actor");
  cfg.add_message_type<loan_actor>("pfms.loan_actor");
  register_error_categories(cfg);
}

} // namespace pfms
