#pragma once

#include "events/result.hpp"

#include <string>

namespace pfms {

/// The node's JWT signing key: the file `key_file` when configured, else
/// `<data_dir>/jwt.key`, created with 256 random bits and mode 0600 on first
/// start. A key shorter than 256 bits is refused. The key never appears on a
/// command line or in a log.
[[nodiscard]] result<std::string> load_jwt_key(const std::string& key_file,
                                                const std::string& data_dir);

/// The admin listener's bearer token: the file `token_file` when configured,
/// else `<data_dir>/admin.token`, created on first start as 256 random bits
/// in base64url, mode 0600. Operators read it from the file.
[[nodiscard]] result<std::string> load_admin_token(const std::string& token_file,
                                                   const std::string& data_dir);

} // namespace pfms
