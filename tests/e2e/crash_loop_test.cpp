// The store's crash loop (issue: durable event store): a writer process with
// 64 concurrent appenders is killed with SIGKILL at random moments, 20 times;
// pfmsctl bench crash then checks every acknowledged event, the chains, the
// absence of duplicates, and the projection against a rebuild from zero.

#include "tests/support/node_process.hpp"
#include "tests/support/temp_dir.hpp"

#include <doctest/doctest.h>

using namespace pfms::test;

TEST_CASE("twenty SIGKILLs of a busy writer lose no acknowledged event") {
  temp_dir dir;
  std::string out;
  const int status = run_tool("PFMSCTL", {"bench", "crash", "--rounds", "20", "--appenders",
                                          "64", "--data-dir", dir.sub("data")},
                              out);
  INFO(out);
  CHECK(status == 0);
  CHECK(out.find("crash: 20 rounds") != std::string::npos);
  CHECK(out.find(", 0 findings") != std::string::npos);
  CHECK(out.find("FINDING") == std::string::npos);
}

TEST_CASE("bench store runs every point and reports its ratios") {
  temp_dir dir;
  std::string out;
  const int status = run_tool("PFMSCTL", {"bench", "store", "--seconds", "1", "--replay-events",
                                          "20000", "--dir", dir.sub("bench")},
                              out);
  INFO(out);
  CHECK(status == 0);
  for (const char* line : {"fsync", "appenders=1 ", "appenders=16 ", "appenders=256 ",
                           "appenders=4096 ", "replay: 20000 events", "verify: 20000 events"})
    CHECK(out.find(line) != std::string::npos);
  CHECK(out.find("clean") != std::string::npos);
}

TEST_CASE("bench commands reject bad flags with exit code 2") {
  std::string out;
  CHECK(run_tool("PFMSCTL", {"bench", "crash", "--rounds", "0"}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"bench", "store", "--seconds", "x"}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"bench", "nothing"}, out) == 2);
  CHECK(run_tool("PFMSCTL", {"bench", "crash", "--bogus", "1"}, out) == 2);
}
