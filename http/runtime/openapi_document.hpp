#pragma once

#include <string_view>

namespace pfms {

/// docs/openapi.yaml (OpenAPI 3.1, written as JSON, which is YAML), embedded
/// at build time; served at /openapi.json.
[[nodiscard]] std::string_view openapi_document();

} // namespace pfms
