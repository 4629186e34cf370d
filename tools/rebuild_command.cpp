#include "tools/rebuild_command.hpp"

#include "events/clock.hpp"
#include "events/event_store.hpp"
#include "projections/runtime/projection_feed.hpp"
#include "tools/node_families.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace pfms {

namespace {

int refuse(const std::string& message) {
  std::fprintf(stderr, "pfmsctl: %s\n", message.c_str());
  return 2;
}

} // namespace

int run_rebuild(const std::string& name, const cli_flags& flags) {
  std::string known;
  for (const auto& p : node_projections)
    known += (known.empty() ? "" : ", ") + std::string(p.name);
  if (std::none_of(node_projections.begin(), node_projections.end(),
                   [&](const projection& p) { return p.name == name; }))
    return refuse("no projection '" + name + "'; the projections are " + known);
  const auto dir = flags.contains("--data-dir") ? flags.at("--data-dir") : "./data";
  if (!std::filesystem::is_directory(dir))
    return refuse("no store at " + dir);
  const system_clock time;
  auto store = event_store::open({dir, false, node_families()}, time);
  if (!store)
    return refuse(store.error().detail + " (a rebuild needs the node stopped)");
  auto feed = projection_feed::open(**store, node_projections);
  if (!feed)
    return refuse(feed.error().detail);
  auto checkpoint = feed->rebuild(name);
  if (!checkpoint)
    return refuse("the rebuild of " + name + " failed: " + checkpoint.error().detail);
  std::printf("rebuilt %s to position %llu\n", name.c_str(),
              static_cast<unsigned long long>(*checkpoint));
  return 0;
}

} // namespace pfms
