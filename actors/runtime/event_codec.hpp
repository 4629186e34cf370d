#pragma once

// What a kind's events are called in the store and which protobuf message
// holds each, in one table per kind: a type name is written once.
//
//   using loan_codec = runtime::event_codec<loan_event,
//     runtime::stored_as<"LoanOriginated", loan_originated, pb::LoanOriginated>,
//     …>;
//   loan_codec::encode(event, meta, [&](const auto& e) { return payload_of(e, keys); });
//   loan_codec::decode(stored, [&](const auto& m) { return read(m, keys); });
//
// `payload_of(event)` serializes an event; `read(message)` makes the event of
// a parsed message: the event itself, or a std::optional of it that is empty
// when the content is not one pfms writes (then `corrupt`, as for a payload
// that does not parse or a type the table does not name).

#include "actors/runtime/codec_support.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace pfms::runtime {

/// A string literal as a template argument.
template <std::size_t N>
struct type_name {
  constexpr type_name(const char (&text)[N]) { std::copy_n(text, N, value); }
  char value[N];
};

/// `Event` is stored under type `Name` as a `Message`.
template <type_name Name, class Event, class Message>
struct stored_as {
  using event = Event;
  using message = Message;
  static constexpr const char* name = Name.value;
};

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

template <class T, class Tuple>
inline constexpr bool tuple_has = false;
template <class T, class... Ts>
inline constexpr bool tuple_has<T, std::tuple<Ts...>> = (std::is_same_v<T, Ts> || ...);

template <class Variant, class... Types>
struct event_codec {
  static consteval bool each_once() {
    const std::string_view names[] = {Types::name...};
    for (std::size_t i = 0; i < sizeof...(Types); ++i)
      for (std::size_t j = i + 1; j < sizeof...(Types); ++j)
        if (names[i] == names[j])
          return false;
    return std::variant_size_v<Variant> == sizeof...(Types);
  }
  static_assert(each_once(), "each event of the kind is stored under a name of its own");

  /// The stored type name of `Event`.
  template <class Event>
  static constexpr const char* name_of() {
    const char* name = nullptr;
    ((std::is_same_v<Event, typename Types::event> ? void(name = Types::name) : void()), ...);
    return name;
  }

  /// `event` as a storable event: its type's name and `payload(event)`.
  template <class Payload>
  static new_event encode(const Variant& event, event_metadata meta, Payload payload) {
    return std::visit(
      [&](const auto& e) {
        constexpr const char* name = name_of<std::decay_t<decltype(e)>>();
        static_assert(name != nullptr, "an event the codec's table does not name");
        return actors::internal::stored_event(name, payload(e), std::move(meta));
      },
      event);
  }

  /// The event stored in `stored`, made by `read` from its parsed message.
  /// Messages of the types in `reuse` (a tuple) are parsed into those, not
  /// into new ones: a replay decodes many of one type.
  template <class Read, class... Reused>
  static result<Variant> decode(const recorded_event& stored, Read read,
                                std::tuple<Reused...>* reuse = nullptr) {
    std::optional<result<Variant>> made;
    ((made || stored.type != std::string_view(Types::name)
        ? void()
        : void(made.emplace(parse<Types>(stored, read, reuse)))),
     ...);
    if (!made)
      return actors::internal::undecodable(stored);
    return std::move(*made);
  }

private:
  template <class Type, class Read, class Reuse>
  static result<Variant> parse(const recorded_event& stored, Read& read, Reuse* reuse) {
    using message = typename Type::message;
    message fresh;
    message* m = &fresh;
    if constexpr (tuple_has<message, Reuse>)
      if (reuse != nullptr)
        m = &std::get<message>(*reuse);
    if (!m->ParseFromString(stored.payload))
      return actors::internal::undecodable(stored);
    auto event = read(std::as_const(*m));
    if constexpr (is_optional<decltype(event)>) {
      if (!event)
        return actors::internal::undecodable(stored);
      return Variant{std::move(*event)};
    } else {
      return Variant{std::move(event)};
    }
  }
};

} // namespace pfms::runtime
