#include "actors/runtime/writer_keys.hpp"

#include <cassert>

namespace pfms {

writer_keys::writer_keys(const event_store& store, std::string stream)
  : store_(&store), stream_(std::move(stream)), epoch_(store.erasure_epoch()) {}

result<sealer> writer_keys::of(const std::string& writer) {
  assert(!writer.empty());
  if (auto it = sealers_.find(writer); it != sealers_.end())
    return it->second;
  auto key = store_->subject_key(writer);
  if (!key)
    return key.error();
  sealer seal{key->value_or(""), stream_ + "/" + writer};
  sealers_.emplace(writer, seal);
  return seal;
}

status writer_keys::prepare(event_store& store, const std::string& writer) {
  assert(&store == store_);
  if (auto it = sealers_.find(writer); it != sealers_.end() && !it->second.erased())
    return done{};
  auto key = store.create_subject_key(writer);
  if (!key)
    return key.error();
  sealers_.insert_or_assign(writer, sealer{std::move(*key), stream_ + "/" + writer});
  return done{};
}

const sealer& writer_keys::known(const std::string& writer) const {
  auto it = sealers_.find(writer);
  assert(it != sealers_.end());
  return it->second;
}

bool writer_keys::stale() const { return store_->erasure_epoch() != epoch_; }

std::string seal_text(const sealer& seal, std::string_view field, std::string_view text) {
  if (!seal.erased())
    return seal.seal_field(field, text);
  return text.empty() ? std::string() : std::string(erased_text);
}

std::optional<std::string> writer_text(writer_keys& keys, const std::string& writer,
                                       std::string_view field, const std::string& sealed,
                                       const std::string& plain) {
  if (writer.empty())
    return plain;
  auto seal = keys.of(writer);
  if (!seal)
    return std::nullopt;
  return seal->open_field(field, sealed);
}

} // namespace pfms
