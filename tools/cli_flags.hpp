#pragma once

#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace pfms {

/// "--name value" pairs of a pfmsctl command.
using cli_flags = std::map<std::string, std::string>;

/// The whole number in flag `name`, `fallback` when absent; nullopt when it
/// is not a number in [min, max].
inline std::optional<std::uint64_t> number_flag(const cli_flags& flags, const std::string& name,
                                                std::uint64_t fallback, std::uint64_t min,
                                                std::uint64_t max) {
  auto it = flags.find(name);
  if (it == flags.end())
    return fallback;
  std::uint64_t value = 0;
  const auto& text = it->second;
  const char* end = text.data() + text.size();
  if (std::from_chars(text.data(), end, value).ptr != end || value < min || value > max)
    return std::nullopt;
  return value;
}

} // namespace pfms
