#pragma once

// A real store in a temporary directory, for tests of code that reads and
// writes keys or events through `event_store` without actors.

#include "events/event_store.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

#include <memory>

namespace pfms::test {

struct scratch_store {
  temp_dir dir;
  manual_clock time{1'764'000'000'000'000};
  std::unique_ptr<event_store> store = open(dir.path(), time);

  static std::unique_ptr<event_store> open(const std::string& path, const pfms::clock& time) {
    auto opened = event_store::open({path, false, {}}, time);
    REQUIRE(opened);
    return std::move(*opened);
  }
};

} // namespace pfms::test
