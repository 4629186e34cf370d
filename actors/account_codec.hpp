#pragma once

#include "actors/account_core.hpp"
#include "events/recorded_event.hpp"
#include "events/result.hpp"

namespace pfms {

/// Who and why, carried on every event an account writes.
struct event_metadata {
  std::string event_id;
  std::string actor;
  std::string correlation_id;
  std::string causation_id;
};

/// The stream of an account: "account-<id>".
[[nodiscard]] std::string account_stream(std::string_view account_id);

/// `event` as a storable event (type name + protobuf payload).
[[nodiscard]] new_event encode_account_event(const account_event& event, event_metadata meta);

/// The account event stored in `e`; `corrupt` when the type is unknown or
/// the payload does not decode.
[[nodiscard]] result<account_event> decode_account_event(const recorded_event& e);

/// `decode_account_event` with its protobuf messages kept between calls: the
/// fast path for recovery and replay. Not thread-safe.
class account_event_decoder {
public:
  account_event_decoder();
  ~account_event_decoder();
  account_event_decoder(const account_event_decoder&) = delete;
  account_event_decoder& operator=(const account_event_decoder&) = delete;

  [[nodiscard]] result<account_event> decode(const recorded_event& e);

private:
  struct messages;
  messages* messages_;
};

/// The snapshot format `encode_account_snapshot` writes. A snapshot of any
/// other format is ignored and the account replays its whole stream.
inline constexpr std::uint32_t account_snapshot_format = 1;

/// `state` (which must be opened) as `pb::AccountSnapshot` bytes.
[[nodiscard]] std::string encode_account_snapshot(const account_state& state);

/// The state in snapshot bytes; `corrupt` when they do not decode.
[[nodiscard]] result<account_state> decode_account_snapshot(std::string_view bytes);

} // namespace pfms
