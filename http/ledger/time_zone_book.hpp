#pragma once

// The time zones reports run in, read from a zoneinfo directory (Debian's
// tzdata: /usr/share/zoneinfo) on first use and kept. Thread-safe.

#include "events/result.hpp"
#include "events/time_zone.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace pfms {

class time_zone_book {
public:
  /// At most this many zones are kept (IANA names about 600).
  static constexpr std::size_t capacity = 1024;
  /// The largest TZif file read (Debian's largest is under 4 KiB).
  static constexpr std::uintmax_t file_size_max = 64 * 1024;

  explicit time_zone_book(std::filesystem::path zoneinfo) : zoneinfo_(std::move(zoneinfo)) {}

  /// The zone `name` (an IANA name such as "Europe/Berlin"; "UTC" needs no
  /// file). `io` (503: the node's installation, not the request) for a name
  /// that is none or has no file (the detail says to install tzdata),
  /// `corrupt` for a file that is no TZif.
  [[nodiscard]] result<std::shared_ptr<const time_zone>> zone(const std::string& name) const;

private:
  std::filesystem::path zoneinfo_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const time_zone>> zones_;
};

} // namespace pfms
