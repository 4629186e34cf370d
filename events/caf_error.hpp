#pragma once

#include "events/failure.hpp"

#include <caf/actor_system_config.hpp>
#include <caf/error.hpp>

namespace pfms {

/// `f` as a CAF error: the domain becomes the category atom, the code stays,
/// the detail travels as the context. Lossless across nodes.
[[nodiscard]] caf::error to_caf_error(const failure& f);

/// Back from CAF. Errors of CAF's own categories (timeouts, a stopped
/// receiver) become `runtime_errc::unavailable`.
[[nodiscard]] failure from_caf_error(const caf::error& e);

/// Registers the pfms error categories so CAF can render them.
void register_error_categories(caf::actor_system_config& cfg);

} // namespace pfms
