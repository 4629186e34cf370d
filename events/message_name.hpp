#pragma once

// The part of a message declaration that needs no CAF, so that a domain's
// pure core can declare its commands and replies beside their structs:
//
//   struct record_repayment {
//     using reply = loan_snapshot;   // what the kind's actor answers it with
//     ...
//   };
//   PFMS_MESSAGE(record_repayment);
//
//   using loan_commands = command_list<originate_loan, record_repayment, ...>;
//
// events/message_declaration.hpp adds the wire form (`inspect`) and the
// registration; actors/runtime/command_handlers.hpp makes the kind's
// interface and handlers from its command list.

namespace pfms {

/// Specialised by PFMS_MESSAGE for each declared type.
template <class T>
struct message_declaration;

#define PFMS_MESSAGE(type)                                                                   \
  template <>                                                                                \
  struct message_declaration<type> {                                                         \
    static constexpr const char* name = #type;                                               \
  }

template <class T>
concept declared_message = requires { message_declaration<T>::name; };

/// A declared command: its actor answers it, with its context, by `reply`.
template <class T>
concept declared_command = declared_message<T> && requires { typename T::reply; };

/// The commands of an entity kind, in the order its interface lists them.
template <declared_command... Commands>
struct command_list {};

} // namespace pfms
