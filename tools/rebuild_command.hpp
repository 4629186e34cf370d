#pragma once

#include "tools/cli_flags.hpp"

#include <string>

namespace pfms {

/// `pfmsctl rebuild NAME --data-dir DIR`: with the node stopped, empties the
/// read model of projection NAME and folds the whole log into it again, then
/// prints its new checkpoint. Exit codes: 0 rebuilt, 2 an unknown name, a
/// store that cannot be opened for writing (a node still running on it), or
/// a fold or write that failed (said on stderr; the projection then stands
/// at the last batch it applied, and the node reports it broken).
[[nodiscard]] int run_rebuild(const std::string& name, const cli_flags& flags);

} // namespace pfms
