#include "projections/lending/loan_index.hpp"

#include "events/proto/loan.pb.h"
#include "events/store_error.hpp"

namespace pfms {

namespace {

constexpr std::string_view loan_prefix = "loan-";

std::string party_key(std::string_view user_id, std::string_view loan_id) {
  std::string key = "ln:";
  key.append(user_id).append(1, '\0').append(loan_id);
  return key;
}

} // namespace

result<std::vector<read_model_put>> loan_index_puts(const recorded_event& e) {
  std::vector<read_model_put> out;
  if (!e.stream_id.starts_with(loan_prefix))
    return out;
  const auto loan = e.stream_id.substr(loan_prefix.size());
  if (e.type == "LoanOriginated") {
    pb::LoanOriginated m;
    if (!m.ParseFromString(e.payload))
      return make_failure(store_errc::corrupt, "stream " + e.stream_id + " version "
                                                 + std::to_string(e.version) + " does not decode");
    if (!m.lender().user_id().empty())
      out.push_back({party_key(m.lender().user_id(), loan), "lender"});
    if (!m.borrower().user_id().empty())
      out.push_back({party_key(m.borrower().user_id(), loan), "borrower"});
  }
  return out;
}

result<std::vector<read_model_put>> fold_loan_index(const event_store&, std::string_view,
                                                    std::span<const recorded_event> events) {
  std::vector<read_model_put> puts;
  for (const auto& e : events) {
    auto indexed = loan_index_puts(e);
    if (!indexed)
      return indexed.error();
    for (auto& put : *indexed)
      puts.push_back(std::move(put));
  }
  return puts;
}

result<std::vector<loan_index_row>> loans_of(const event_store& store, std::string_view family,
                                             const std::string& user_id, const std::string& after,
                                             std::size_t limit, std::string_view role) {
  const auto prefix = party_key(user_id, "");
  std::vector<loan_index_row> out;
  auto scanned = store.scan_read_model(family, prefix + after, [&](std::string_view key, std::string_view value) {
    if (!key.starts_with(prefix) || out.size() >= limit)
      return false;
    const auto id = key.substr(prefix.size());
    if (id != after && (role.empty() || value == role))
      out.push_back({std::string(id), std::string(value)});
    return true;
  });
  if (!scanned)
    return scanned.error();
  return out;
}

} // namespace pfms
