#include "projections/ledger/fx_rates.hpp"

#include "events/store_error.hpp"
#include "projections/runtime/read_rows.hpp"

#include <algorithm>
#include <optional>

namespace pfms {

namespace {

constexpr std::uint32_t held = 1, settled = 2;

} // namespace

std::string rate_key(std::string_view owner_id, std::string_view from_currency,
                     std::string_view to_currency) {
  std::string key = "r:";
  key.append(owner_id).append(1, '\0').append(from_currency).append(1, ':').append(to_currency);
  return key;
}

result<std::vector<read_model_put>> fold_fx_rates(const event_store& store,
                                                  std::string_view family,
                                                  std::span<const recorded_event> events) {
  auto changes = fold_transfer_rows(store, family, events, true);
  if (!changes)
    return changes.error();
  // In log order, so of two rates of one pair in a batch the later is kept.
  std::vector<const transfer_row*> rows;
  for (const auto& [id, row] : changes->rows)
    if (row && row->currency != row->to_currency) // one currency: no rate, and no row kept
      rows.push_back(&*row);
  std::sort(rows.begin(), rows.end(),
            [](const transfer_row* a, const transfer_row* b) { return a->position < b->position; });
  auto puts = std::move(changes->facts);
  for (const auto* row : rows) {
    const auto open_key = "t:" + row->transfer_id;
    if (row->status == held) {
      puts.push_back({open_key, encode_transfer_row(*row)});
      continue;
    }
    if (row->status == settled)
      puts.push_back({rate_key(row->owner_id, row->currency, row->to_currency),
                      encode_transfer_row(*row)});
    puts.push_back({open_key, {}, true});
  }
  return puts;
}

result<std::vector<transfer_row>> rates_of(const event_store& store, const std::string& owner_id) {
  const auto prefix = "r:" + owner_id + std::string(1, '\0');
  // One rate row per currency pair and direction: a few hundred at most.
  return read_rows<transfer_row>(store, fx_rates_projection.family, prefix, prefix, 1000,
                                 [](std::string_view, std::string_view value) {
                                   return decode_transfer_row(std::string(value));
                                 });
}

} // namespace pfms
