#pragma once

#include "events/result.hpp"

#include <functional>

namespace pfms {

/// What a gateway calls with an actor's answer: the reply or the failure.
template <class T>
using reply_callback = std::function<void(result<T>)>;

} // namespace pfms
