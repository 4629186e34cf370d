#include "events/caf_error.hpp"

#include <caf/atom.hpp>
#include <caf/message.hpp>

#include <array>
#include <utility>

namespace pfms {

namespace {

const std::array<std::pair<error_domain, caf::atom_value>, 9>& categories() {
  static const std::array<std::pair<error_domain, caf::atom_value>, 9> table{{
    {error_domain::store, caf::atom("pf_store")},
    {error_domain::money, caf::atom("pf_money")},
    {error_domain::account, caf::atom("pf_account")},
    {error_domain::runtime, caf::atom("pf_runtime")},
    {error_domain::request, caf::atom("pf_request")},
    {error_domain::auth, caf::atom("pf_auth")},
    {error_domain::user, caf::atom("pf_user")},
    {error_domain::group, caf::atom("pf_group")},
    {error_domain::loan, caf::atom("pf_loan")},
  }};
  return table;
}

} // namespace

caf::error to_caf_error(const failure& f) {
  for (const auto& [domain, atom] : categories())
    if (domain == f.domain)
      return caf::error(f.code, atom, caf::make_message(f.detail));
  return caf::error(f.code, caf::atom("pf_runtime"), caf::make_message(f.detail));
}

failure from_caf_error(const caf::error& e) {
  for (const auto& [domain, atom] : categories()) {
    if (atom != e.category())
      continue;
    std::string detail;
    if (e.context().match_elements<std::string>())
      detail = e.context().get_as<std::string>(0);
    return {domain, e.code(), std::move(detail)};
  }
  return make_failure(runtime_errc::unavailable, "the service did not answer");
}

void register_error_categories(caf::actor_system_config& cfg) {
  for (const auto& entry : categories()) {
    const auto atom = entry.second;
    cfg.add_error_category(
      atom, [](std::uint8_t code, caf::atom_value category, const caf::message& context) {
        return caf::to_string(category) + " " + std::to_string(code) + ": "
               + caf::to_string(context);
      });
  }
}

} // namespace pfms
