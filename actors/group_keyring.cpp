#include "actors/group_keyring.hpp"

#include "actors/group_codec.hpp"

#include <cassert>

namespace pfms {

group_keyring::group_keyring(const event_store& store, std::string group_id)
  : store_(&store), group_id_(std::move(group_id)), epoch_(store.erasure_epoch()) {}

result<sealer> group_keyring::of(const std::string& writer) {
  assert(!writer.empty());
  if (auto it = sealers_.find(writer); it != sealers_.end())
    return it->second;
  auto key = store_->subject_key(writer);
  if (!key)
    return key.error();
  sealer seal{key->value_or(""), group_stream(group_id_) + "/" + writer};
  sealers_.emplace(writer, seal);
  return seal;
}

status group_keyring::prepare(event_store& store, const std::string& writer) {
  assert(&store == store_);
  if (auto it = sealers_.find(writer); it != sealers_.end() && !it->second.erased())
    return done{};
  auto key = store.create_subject_key(writer);
  if (!key)
    return key.error();
  sealers_.insert_or_assign(writer, sealer{std::move(*key), group_stream(group_id_) + "/" + writer});
  return done{};
}

const sealer& group_keyring::known(const std::string& writer) const {
  auto it = sealers_.find(writer);
  assert(it != sealers_.end());
  return it->second;
}

bool group_keyring::stale() const { return store_->erasure_epoch() != epoch_; }

std::string seal_text(const sealer& seal, std::string_view field, std::string_view text) {
  if (!seal.erased())
    return seal.seal_field(field, text);
  return text.empty() ? std::string() : std::string(erased_text);
}

} // namespace pfms
