#include "projections/runtime/projection_feed.hpp"

#include "events/store_error.hpp"
#include "events/subscription.hpp"

#include <algorithm>
#include <cassert>

namespace pfms {

result<projection_feed> projection_feed::open(event_store& store,
                                              std::span<const projection> all) {
  projection_feed feed(store);
  for (const auto& model : all) {
    assert(model.fold != nullptr && !model.name.empty() && !model.family.empty());
    auto checkpoint = store.checkpoint(model.name);
    if (!checkpoint)
      return checkpoint.error();
    feed.entries_.push_back({model, *checkpoint});
  }
  return feed;
}

namespace {

// The entry of `name` in `entries`, null when there is none.
template <class Entries>
auto find_entry(Entries& entries, std::string_view name) -> decltype(&entries.front()) {
  for (auto& e : entries)
    if (e.model.name == name)
      return &e;
  return nullptr;
}

} // namespace

const projection_feed::entry* projection_feed::find(std::string_view name) const {
  return find_entry(entries_, name);
}

result<std::size_t> projection_feed::apply_batch() {
  std::optional<std::uint64_t> from;
  for (const auto& e : entries_)
    if (!e.broken)
      from = std::min(from.value_or(e.checkpoint), e.checkpoint);
  if (!from)
    return std::size_t{0};
  subscription feed(*store_, *from, batch_events_max);
  auto batch = feed.poll();
  if (!batch || batch->empty())
    return batch ? result<std::size_t>(std::size_t{0}) : result<std::size_t>(batch.error());
  const std::span<const recorded_event> all(*batch);
  const auto reached = all.back().position;
  // Each projection's fold of the events after its checkpoint; a failing
  // fold breaks that projection alone.
  std::vector<std::pair<entry*, std::vector<read_model_put>>> folded;
  for (auto& e : entries_) {
    auto first = std::find_if(all.begin(), all.end(), [&](const recorded_event& event) {
      return event.position > e.checkpoint;
    });
    if (e.broken || first == all.end())
      continue;
    auto puts = e.model.fold(*store_, e.model.family, all.subspan(first - all.begin()));
    if (!puts)
      e.broken = puts.error();
    else
      folded.emplace_back(&e, std::move(*puts));
  }
  // All their writes and checkpoints in one batch: one write per step. When
  // it fails nothing is written, and the next catch-up folds the step again.
  std::vector<projection_commit> commits;
  for (const auto& [e, puts] : folded)
    commits.push_back({e->model.name, e->model.family, reached, puts});
  if (commits.empty())
    return batch->size();
  if (auto committed = store_->commit_projections(commits); !committed)
    return committed.error();
  for (auto& [e, puts] : folded)
    e->checkpoint = reached;
  return batch->size();
}

status projection_feed::catch_up() {
  std::vector<bool> was_broken;
  for (const auto& e : entries_)
    was_broken.push_back(e.broken.has_value());
  for (;;) {
    auto read = apply_batch();
    if (!read)
      return read.error();
    if (*read < batch_events_max)
      break;
  }
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].broken && !was_broken[i])
      return *entries_[i].broken;
  return done{};
}

result<std::uint64_t> projection_feed::rebuild(std::string_view name) {
  auto* e = find_entry(entries_, name);
  if (e == nullptr)
    return make_failure(store_errc::not_found, "no such projection");
  if (auto reset = store_->reset_read_model(e->model.name, e->model.family); !reset)
    return reset.error();
  e->checkpoint = 0;
  e->broken.reset();
  if (auto caught_up = catch_up(); !caught_up && e->broken)
    return *e->broken;
  else if (!caught_up)
    return caught_up.error();
  return e->checkpoint;
}

std::optional<std::uint64_t> projection_feed::checkpoint(std::string_view name) const {
  const auto* e = find(name);
  return e == nullptr ? std::nullopt : std::optional{e->checkpoint};
}

std::optional<failure> projection_feed::broken(std::string_view name) const {
  const auto* e = find(name);
  if (e == nullptr)
    return make_failure(store_errc::not_found, "no such projection");
  return e->broken;
}

std::vector<std::string_view> projection_feed::names() const {
  std::vector<std::string_view> out;
  for (const auto& e : entries_)
    out.push_back(e.model.name);
  return out;
}

} // namespace pfms
