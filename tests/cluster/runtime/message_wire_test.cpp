// Every message type is declared once (events/message_declaration.hpp), and
// its wire form carries every field of the struct: for each declared type an
// interface takes or answers, changing any one field changes its bytes, and
// the bytes read back write the same bytes again. A field left out of the
// wire form (as `append_request` once left out `request_fingerprint`) fails.

#include "actors/runtime/append_outcome.hpp"
#include "actors/runtime/type_registry.hpp"
#include "cluster/runtime/node_messages.hpp"
#include "projections/runtime/projection_runner.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <set>
#include <type_traits>
#include <variant>

using namespace pfms;

namespace {

template <class T>
std::vector<char> wire_bytes(caf::actor_system& system, T& value) {
  std::vector<char> out;
  caf::binary_serializer sink{system, out};
  REQUIRE_FALSE(sink(value));
  return out;
}

template <class T>
struct is_map : std::false_type {};
template <class K, class V>
struct is_map<std::map<K, V>> : std::true_type {};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

template <class T>
struct is_variant : std::false_type {};
template <class... Ts>
struct is_variant<std::variant<Ts...>> : std::true_type {};

// Gives `x` a value other than its default; false when it cannot (an actor
// handle, an empty struct).
template <class T>
bool perturb(T& x) {
  if constexpr (std::is_same_v<T, bool>) {
    x = !x;
  } else if constexpr (std::is_arithmetic_v<T>) {
    x = static_cast<T>(x + 1);
  } else if constexpr (std::is_enum_v<T>) {
    x = static_cast<T>(static_cast<std::underlying_type_t<T>>(x) + 1);
  } else if constexpr (std::is_same_v<T, std::string>) {
    x += "x";
  } else if constexpr (is_vector<T>::value) {
    x.emplace_back();
  } else if constexpr (is_optional<T>::value) {
    x.emplace();
  } else if constexpr (is_map<T>::value) {
    x.emplace(typename T::key_type{}, typename T::mapped_type{});
  } else if constexpr (is_variant<T>::value) {
    if constexpr (std::variant_size_v<T> < 2)
      return false;
    else
      x.template emplace<1>();
  } else if constexpr (declared_message<T>) {
    if constexpr (boost::pfr::tuple_size_v<T> == 0)
      return false;
    else
      return perturb(boost::pfr::get<0>(x));
  } else {
    return false;
  }
  return true;
}

struct wire_checker {
  caf::actor_system& system;
  std::set<std::string>& seen;
  std::size_t& fields_checked;

  template <class T>
  void operator()() {
    if (!seen.insert(wire_name<T>()).second)
      return;
    CAPTURE(wire_name<T>());
    T base{};
    const auto base_bytes = wire_bytes(system, base);
    if constexpr (declared_message<T>) {
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (check_field<T, I>(base_bytes), ...);
      }(std::make_index_sequence<boost::pfr::tuple_size_v<T>>{});
    }
  }

  template <class T, std::size_t I>
  void check_field(const std::vector<char>& base_bytes) {
    T changed{};
    if (!perturb(boost::pfr::get<I>(changed)))
      return;
    CAPTURE(I);
    auto bytes = wire_bytes(system, changed);
    CHECK(bytes != base_bytes);
    T back{};
    caf::binary_deserializer source{system, bytes};
    REQUIRE_FALSE(source(back));
    CHECK(wire_bytes(system, back) == bytes);
    ++fields_checked;
  }
};

} // namespace

TEST_CASE("every field of every declared message crosses the wire") {
  caf::actor_system_config cfg;
  register_actor_types(cfg);
  register_cluster_types(cfg);
  register_projection_types(cfg);
  caf::actor_system system{cfg};
  std::set<std::string> seen;
  std::size_t fields_checked = 0;
  wire_checker check{system, seen, fields_checked};
  for_each_message<account_actor>(check);
  for_each_message<append_outcome>(check);
  for_each_message<user_directory_actor>(check);
  for_each_message<group_actor>(check);
  for_each_message<loan_actor>(check);
  for_each_message<node_actor>(check);
  for_each_message<front_actor>(check);
  for_each_message<projection_actor>(check);
  CHECK(seen.contains("pfms.append_result"));
  CHECK(seen.contains("pfms.record_transaction"));
  CHECK(fields_checked > seen.size()); // the walk found the types and their fields
  // Each type checked is registered under its declared name.
  for (const auto& name : seen) {
    CAPTURE(name);
    CHECK(system.types().make_value(name) != nullptr);
  }
}
