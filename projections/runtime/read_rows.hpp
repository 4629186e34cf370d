#pragma once

// A page of a read model's rows: the rows of `family` whose keys start with
// `prefix`, from the first key ≥ `start`, each decoded, at most `limit`.

#include "events/event_store.hpp"
#include "events/result.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace pfms {

/// `decode(key, value) -> result<Row>`; the first row that does not decode
/// answers its failure, as does a failed scan.
template <class Row, class Decode>
result<std::vector<Row>> read_rows(const event_store& store, std::string_view family,
                                   std::string_view prefix, std::string_view start,
                                   std::size_t limit, Decode decode) {
  std::vector<Row> out;
  std::optional<failure> broken;
  auto scanned = store.scan_read_model(family, start, [&](std::string_view key,
                                                          std::string_view value) {
    if (!key.starts_with(prefix) || out.size() >= limit)
      return false;
    result<Row> row = decode(key, value);
    if (!row) {
      broken = row.error();
      return false;
    }
    out.push_back(std::move(*row));
    return true;
  });
  if (!scanned)
    return scanned.error();
  if (broken)
    return *broken;
  return out;
}

} // namespace pfms
