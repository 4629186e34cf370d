#include "events/ids.hpp"

#include <openssl/rand.h>

#include <array>
#include <cstdint>
#include <cstdlib>

namespace pfms {

std::string id_generator::next() const {
  std::array<std::uint8_t, 16> bytes{};
  // RAND_bytes only fails when the OS entropy source is broken: nothing can
  // be made safely then, so this is an invariant, not an input error.
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    std::abort();
  const auto ms = static_cast<std::uint64_t>(clock_.now_us() / 1000);
  for (int i = 0; i < 6; ++i)
    bytes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0f) | 0x70); // version 7
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3f) | 0x80); // variant 10
  static constexpr char hex[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10)
      text += '-';
    text += hex[bytes[i] >> 4];
    text += hex[bytes[i] & 0x0f];
  }
  return text;
}

bool is_canonical_id(std::string_view text) {
  if (text.size() != 36)
    return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash_place = i == 8 || i == 13 || i == 18 || i == 23;
    const bool hex_digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    if (dash_place ? c != '-' : !hex_digit)
      return false;
  }
  return true;
}

} // namespace pfms
