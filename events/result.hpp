#pragma once

#include "events/failure.hpp"

#include <cassert>
#include <string_view>
#include <utility>
#include <variant>

namespace pfms {

/// A value of T or a `failure`. The pure layers (events, the domain cores in
/// actors/) return this instead of `caf::expected` so that they do not depend
/// on CAF; the actor shells convert at their boundary.
template <class T>
class [[nodiscard]] result {
public:
  result(T value) : state_(std::move(value)) {}
  result(failure error) : state_(std::move(error)) {}

  explicit operator bool() const noexcept { return state_.index() == 0; }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  T& value() & {
    assert(state_.index() == 0);
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(state_.index() == 0);
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(state_.index() == 0);
    return std::get<0>(std::move(state_));
  }

  const failure& error() const {
    assert(state_.index() == 1);
    return std::get<1>(state_);
  }

private:
  std::variant<T, failure> state_;
};

/// The result of an operation that yields nothing but may fail.
struct done {};
using status = result<done>;

/// Drops a fallible result on purpose; `why` says why losing its failure is
/// safe. The one way to drop a `[[nodiscard]]` result (tools/tidy refuses
/// casts to void), so every dropped result can be found by this name.
template <class T>
void ignore_error([[maybe_unused]] const T& dropped, std::string_view why) {
  assert(!why.empty());
}

} // namespace pfms
