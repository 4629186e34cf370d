#include "events/envelope_codec.hpp"

#include "events/proto/envelope.pb.h"
#include "events/store_error.hpp"

namespace pfms {

std::string encode_envelope(const recorded_event& e) {
  pb::Envelope m;
  m.set_event_id(e.event_id);
  m.set_stream_id(e.stream_id);
  m.set_version(e.version);
  m.set_position(e.position);
  m.set_recorded_at_us(e.recorded_at_us);
  m.set_type(e.type);
  m.set_payload(e.payload);
  m.set_actor(e.actor);
  m.set_correlation_id(e.correlation_id);
  m.set_causation_id(e.causation_id);
  m.set_idempotency_key(e.idempotency_key);
  m.set_previous_hash(e.previous_hash);
  m.set_hash(e.hash);
  return m.SerializeAsString();
}

result<recorded_event> decode_envelope(std::string_view bytes) {
  recorded_event e;
  if (!envelope_decoder().decode(bytes, e))
    return make_failure(store_errc::corrupt, "stored envelope does not decode");
  return e;
}

} // namespace pfms

namespace pfms {

struct envelope_decoder::message {
  pb::Envelope m;
};

envelope_decoder::envelope_decoder() : message_(new message) {}

envelope_decoder::~envelope_decoder() {
  delete message_;
}

bool envelope_decoder::decode(std::string_view bytes, recorded_event& e) {
  auto& m = message_->m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return false;
  e.event_id.assign(m.event_id());
  e.stream_id.assign(m.stream_id());
  e.version = m.version();
  e.position = m.position();
  e.recorded_at_us = m.recorded_at_us();
  e.type.assign(m.type());
  e.payload.assign(m.payload());
  e.actor.assign(m.actor());
  e.correlation_id.assign(m.correlation_id());
  e.causation_id.assign(m.causation_id());
  e.idempotency_key.assign(m.idempotency_key());
  e.previous_hash.assign(m.previous_hash());
  e.hash.assign(m.hash());
  return true;
}

} // namespace pfms
