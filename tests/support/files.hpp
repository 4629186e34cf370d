#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace pfms::test {

/// True when any file under `dir` contains the bytes `needle`: what an
/// attacker with the disk would find.
inline bool any_file_contains(const std::string& dir, const std::string& needle) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file())
      continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string content((std::istreambuf_iterator<char>(in)), {});
    if (content.find(needle) != std::string::npos)
      return true;
  }
  return false;
}

} // namespace pfms::test
