#pragma once

// A type that crosses actors or nodes is declared once, after its struct:
//
//   PFMS_MESSAGE(record_transaction);
//
// (events/message_name.hpp, which needs no CAF, so a pure core declares its
// commands and replies itself.)
// That gives it its wire name ("pfms.record_transaction") and its `inspect`,
// which visits every field of the aggregate in declaration order
// (Boost.PFR): no field can be left out of the wire form. Registration
// walks the typed interfaces (`register_interface<account_actor>(cfg)`):
// every declared type an interface takes or answers is registered, with the
// declared types (and vectors of them) among its fields.

#include "events/message_name.hpp"

#include <boost/pfr/core.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>

#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace pfms {

/// Every field of a declared type, in order, under its declared name.
template <class Inspector, declared_message T>
typename Inspector::result_type inspect(Inspector& f, T& x) {
  return std::apply(
    [&f](auto&... fields) {
      return f(caf::meta::type_name(message_declaration<T>::name), fields...);
    },
    boost::pfr::structure_tie(x));
}

namespace detail {

template <class T>
struct vector_of {
  using type = void;
};
template <class T>
struct vector_of<std::vector<T>> {
  using type = T;
};

template <class T, class Visit>
void visit_message(Visit& visit);

template <class T, class Visit>
void visit_fields(Visit& visit) {
  [&visit]<std::size_t... I>(std::index_sequence<I...>) {
    (visit_message<boost::pfr::tuple_element_t<I, T>>(visit), ...);
  }(std::make_index_sequence<boost::pfr::tuple_size_v<T>>{});
}

// Visits `T` if it is declared (or a vector of a declared type), then the
// declared types among its fields; anything else is left alone.
template <class T, class Visit>
void visit_message(Visit& visit) {
  using element = typename vector_of<T>::type;
  if constexpr (declared_message<T>) {
    visit.template operator()<T>();
    visit_fields<T>(visit);
  } else if constexpr (declared_message<element>) {
    visit.template operator()<T>();
    visit_message<element>(visit);
  }
}

template <class Visit, class... Ts>
void visit_all(Visit& visit, caf::detail::type_list<Ts...>) {
  (visit_message<Ts>(visit), ...);
}

template <class Visit, class... Os>
void visit_all(Visit& visit, caf::output_tuple<Os...>) {
  (visit_message<Os>(visit), ...);
}

template <class Visit, class Ins, class Outs>
void visit_signature(Visit& visit, caf::typed_mpi<Ins, Outs>) {
  visit_all(visit, Ins{});
  visit_all(visit, Outs{});
}

} // namespace detail

/// The registered name of a declared type ("pfms.split_line") or of a
/// vector of one ("pfms.split_line[]").
template <class T>
std::string wire_name() {
  if constexpr (declared_message<T>)
    return std::string("pfms.") + message_declaration<T>::name;
  else
    return wire_name<typename detail::vector_of<T>::type>() + "[]";
}

/// Calls `visit.template operator()<T>()` for every declared type (or
/// vector of one) that `Handle`'s interface takes or answers, and for those
/// among their fields, depth first; a type may come more than once.
template <class Handle, class Visit>
void for_each_message(Visit visit) {
  [&visit]<class... Sigs>(caf::detail::type_list<Sigs...>) {
    (detail::visit_signature(visit, Sigs{}), ...);
  }(typename Handle::signatures{});
}

/// Registers every declared type that `Handle`'s interface takes or answers,
/// with the declared types among their fields, under `wire_name`.
template <class Handle>
void register_interface(caf::actor_system_config& cfg) {
  for_each_message<Handle>([&cfg]<class T>() { cfg.add_message_type<T>(wire_name<T>()); });
}

} // namespace pfms
