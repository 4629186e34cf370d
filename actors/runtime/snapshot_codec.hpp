#pragma once

// Snapshots of any entity state, from its message declaration (PFMS_MESSAGE):
// the state's fields in declaration order, in CAF's binary form, sealed as a
// whole under the store's snapshot key (event_store::snapshot_key), which
// every erasure replaces. A snapshot holds plain text of everyone who wrote
// to the entity; sealed this way, an erasure shreds it with the old key.
//
// The format number is a hash of the state's shape: every field's type, in
// order, through declared types and containers. Adding, removing or retyping
// a field changes it, and old snapshots are then ignored (a full replay). A
// change the shape cannot see (two fields of one type swapped or renamed)
// needs a new `salt` in the kind's shell.

#include "events/message_declaration.hpp"
#include "events/personal_data.hpp"

#include <boost/pfr/core.hpp>
#include <caf/binary_deserializer.hpp>
#include <caf/binary_serializer.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>
#include <vector>

namespace pfms::runtime {

namespace detail {

template <class T>
struct container_shape {
  static constexpr bool container = false;
};
template <class T>
struct container_shape<std::vector<T>> {
  static constexpr bool container = true;
  static void describe(std::string& out);
};
template <class K, class V>
struct container_shape<std::map<K, V>> {
  static constexpr bool container = true;
  static void describe(std::string& out);
};

template <class T>
void describe(std::string& out) {
  if constexpr (declared_message<T>) {
    out += '{';
    [&out]<std::size_t... I>(std::index_sequence<I...>) {
      (describe<boost::pfr::tuple_element_t<I, T>>(out), ...);
    }(std::make_index_sequence<boost::pfr::tuple_size_v<T>>{});
    out += '}';
  } else if constexpr (container_shape<T>::container) {
    container_shape<T>::describe(out);
  } else {
    out += typeid(T).name();
    out += ';';
  }
}

template <class T>
void container_shape<std::vector<T>>::describe(std::string& out) {
  out += '[';
  detail::describe<T>(out);
  out += ']';
}

template <class K, class V>
void container_shape<std::map<K, V>>::describe(std::string& out) {
  out += '<';
  detail::describe<K>(out);
  detail::describe<V>(out);
  out += '>';
}

} // namespace detail

/// The shape of `State`: every field's type, in order, through declared
/// types, vectors and maps.
template <class State>
std::string shape_of() {
  std::string out;
  detail::describe<State>(out);
  return out;
}

/// The snapshot format of `State` (FNV-1a of its shape and `salt`), never 0.
template <class State>
std::uint32_t snapshot_format(std::uint32_t salt) {
  std::uint32_t hash = 2'166'136'261u ^ salt;
  for (const unsigned char c : shape_of<State>())
    hash = (hash ^ c) * 16'777'619u;
  return hash == 0 ? 1 : hash;
}

/// `state` sealed under `key` for `stream`; nothing if it does not serialize.
template <class State>
std::optional<std::string> seal_snapshot(const State& state, std::string_view key,
                                         const std::string& stream) {
  std::vector<char> buffer;
  caf::binary_serializer sink{nullptr, buffer};
  if (auto error = sink(const_cast<State&>(state))) // the serializer only reads
    return std::nullopt;
  return seal(key, "snapshot/" + stream, std::string_view(buffer.data(), buffer.size()));
}

/// The state `sealed` holds; nothing when it does not open under `key` (an
/// erasure replaced it) or does not decode to exactly one `State`.
template <class State>
std::optional<State> open_snapshot(std::string_view sealed, std::string_view key,
                                   const std::string& stream) {
  auto plain = unseal(key, "snapshot/" + stream, sealed);
  if (!plain || plain->empty())
    return std::nullopt;
  State state;
  caf::binary_deserializer source{nullptr, plain->data(), plain->size()};
  if (auto error = source(state); error || source.remaining() != 0)
    return std::nullopt;
  return state;
}

} // namespace pfms::runtime
