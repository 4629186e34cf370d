#include "projections/ledger/account_facts.hpp"

#include "events/proto/account.pb.h"
#include "events/store_error.hpp"

namespace pfms {

namespace {

std::string facts_key(std::string_view account_id) {
  return "a:" + std::string(account_id);
}

} // namespace

std::string account_of(const recorded_event& e) {
  return e.stream_id.substr(e.stream_id.find('-') + 1);
}

result<bool> account_facts_book::take_opened(const recorded_event& e,
                                             std::vector<read_model_put>& puts) {
  if (e.type != "AccountOpened")
    return false;
  pb::AccountOpened m;
  if (!m.ParseFromString(e.payload))
    return make_failure(store_errc::corrupt, "stream " + e.stream_id + " version "
                                               + std::to_string(e.version) + " does not decode");
  known_[m.account_id()] = account_facts{m.owner_id(), m.currency()};
  puts.push_back({facts_key(m.account_id()), m.owner_id() + std::string(1, '\0') + m.currency()});
  return true;
}

result<std::optional<account_facts>> account_facts_book::of(const std::string& account_id) {
  if (auto it = known_.find(account_id); it != known_.end())
    return it->second;
  auto stored = store_->read_model_get(family_, facts_key(account_id));
  if (!stored)
    return stored.error();
  std::optional<account_facts> facts;
  if (*stored) {
    const auto split = (*stored)->find('\0');
    facts = account_facts{(*stored)->substr(0, split),
                          split == std::string::npos ? "" : (*stored)->substr(split + 1)};
  }
  known_.emplace(account_id, facts);
  return facts;
}

} // namespace pfms
