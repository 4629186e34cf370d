#pragma once

#include "events/recorded_event.hpp"
#include "events/result.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace pfms {

/// Serializes `e` as a `pb::Envelope`.
[[nodiscard]] std::string encode_envelope(const recorded_event& e);

/// Parses a stored `pb::Envelope`; `corrupt` when the bytes are not one.
[[nodiscard]] result<recorded_event> decode_envelope(std::string_view bytes);

/// Decodes envelopes into one reused `recorded_event`, keeping the protobuf
/// message and the strings' capacity between calls: the fast path for scans.
/// Not thread-safe.
class envelope_decoder {
public:
  envelope_decoder();
  ~envelope_decoder();
  envelope_decoder(const envelope_decoder&) = delete;
  envelope_decoder& operator=(const envelope_decoder&) = delete;

  /// Decodes `bytes` into `out`; false when they are not an envelope.
  [[nodiscard]] bool decode(std::string_view bytes, recorded_event& out);

private:
  struct message;
  message* message_;
};

} // namespace pfms
