#pragma once

#include "events/event_store.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace pfms::test {

inline std::vector<new_event> events_of(std::size_t count, const std::string& tag = "e") {
  std::vector<new_event> out;
  for (std::size_t i = 0; i < count; ++i)
    out.push_back({tag + std::to_string(i), "TestEvent", "payload-" + tag + std::to_string(i),
                   "tester", "corr", "cause"});
  return out;
}

inline std::unique_ptr<event_store> open_store(const std::string& path, const clock& time,
                                               bool read_only = false) {
  auto store = event_store::open({path, read_only, {"rm_test"}}, time);
  REQUIRE(store);
  return std::move(*store);
}

} // namespace pfms::test
