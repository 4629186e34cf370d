#include "tools/node_config.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>

namespace pfms {

namespace {

failure bad(std::string what) {
  return make_failure(runtime_errc::unavailable, std::move(what));
}

status set_listen(http_server_options& http, const std::string& value) {
  const auto colon = value.rfind(':');
  unsigned port = 0;
  const char* end = value.data() + value.size();
  if (colon == std::string::npos || colon == 0
      || std::from_chars(value.data() + colon + 1, end, port).ptr != end || port > 65535)
    return bad("listen address must be HOST:PORT, got '" + value + "'");
  http.host = value.substr(0, colon);
  http.port = static_cast<std::uint16_t>(port);
  return done{};
}

status set_number(std::uint64_t& target, const std::string& value, std::uint64_t min,
                  std::uint64_t max, const std::string& key) {
  std::uint64_t number = 0;
  const char* end = value.data() + value.size();
  if (std::from_chars(value.data(), end, number).ptr != end || number < min || number > max)
    return bad(key + " must be " + std::to_string(min) + ".." + std::to_string(max));
  target = number;
  return done{};
}

// Applies one setting by its file key (data_dir, http_listen, request_timeout_ms).
status apply(node_config& c, const std::string& key, const std::string& value) {
  if (key == "data_dir") {
    if (value.empty())
      return bad("data_dir must not be empty");
    c.data_dir = value;
    return done{};
  }
  if (key == "http_listen")
    return set_listen(c.http, value);
  if (key == "admin_listen")
    return set_listen(c.admin, value);
  if (key == "admin_token_file") {
    c.admin_token_file = value;
    return done{};
  }
  if (key == "request_timeout_ms") {
    std::uint64_t ms = 0;
    auto ok = set_number(ms, value, 1, 60'000, key);
    if (ok)
      c.request_timeout = c.http.request_timeout = std::chrono::milliseconds(ms);
    return ok;
  }
  if (key == "http_read_timeout_ms") {
    std::uint64_t ms = 0;
    auto ok = set_number(ms, value, 100, 600'000, key);
    if (ok)
      c.http.read_timeout = std::chrono::milliseconds(ms);
    return ok;
  }
  if (key == "http_connections_max") {
    std::uint64_t n = 0;
    auto ok = set_number(n, value, 1, 100'000, key);
    if (ok)
      c.http.connections_max = n;
    return ok;
  }
  if (key == "rate_limit_user_rps")
    return set_number(c.rate_limit_user_rps, value, 0, 1'000'000, key);
  if (key == "scheduler_policy") {
    if (value != "sharing" && value != "stealing")
      return bad("scheduler_policy must be sharing or stealing");
    c.scheduler_policy = value;
    return done{};
  }
  if (key == "node_id") {
    c.node_id = value;
    return done{};
  }
  if (key == "cluster_nodes") {
    c.cluster_nodes = value;
    return done{};
  }
  if (key == "jwt_key_file") {
    c.jwt_key_file = value;
    return done{};
  }
  if (key == "zoneinfo_dir") {
    if (value.empty())
      return bad("zoneinfo_dir must not be empty");
    c.zoneinfo_dir = value;
    return done{};
  }
  if (key == "snapshot_every")
    return set_number(c.snapshot_every, value, 1, 1'000'000, key);
  if (key == "passivate_after_ms")
    return set_number(c.passivate_after_ms, value, 10, 86'400'000, key);
  if (key == "idempotency_ttl_s")
    return set_number(c.idempotency_ttl_s, value, 60, 30 * 86'400, key);
  if (key == "password_hash_passes")
    return set_number(c.password_hash_passes, value, 2, 10, key);
  if (key == "password_hash_mib")
    return set_number(c.password_hash_mib, value, 19, 1024, key);
  if (key == "failpoint") {
    constexpr std::string_view steps[] = {"", "transfer_after_hold", "transfer_after_credit",
                                          "loan_after_disbursement_request", "loan_after_transfer"};
    if (std::find(std::begin(steps), std::end(steps), value) == std::end(steps))
      return bad("failpoint must be transfer_after_hold, transfer_after_credit, "
                 "loan_after_disbursement_request or loan_after_transfer");
    c.failpoint = value;
    return done{};
  }
  return bad("unknown setting '" + key + "'");
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  const auto last = s.find_last_not_of(" \t\r");
  return first == std::string::npos ? "" : s.substr(first, last - first + 1);
}

status apply_file(node_config& c, const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return bad("cannot read config file " + path);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    line = trim(line.substr(0, line.find('#')));
    if (line.empty())
      continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos)
      return bad(path + ":" + std::to_string(number) + ": expected key = value");
    if (auto ok = apply(c, trim(line.substr(0, eq)), trim(line.substr(eq + 1))); !ok)
      return bad(path + ":" + std::to_string(number) + ": " + ok.error().detail);
  }
  return done{};
}

// Flag name → setting key.
const std::map<std::string, std::string>& flag_keys() {
  static const std::map<std::string, std::string> keys{
    {"--data-dir", "data_dir"}, {"--http-listen", "http_listen"},
    {"--admin-listen", "admin_listen"}};
  return keys;
}

} // namespace

result<node_config> load_node_config(const std::vector<std::string>& args,
                                     const std::map<std::string, std::string>& env) {
  node_config c;
  std::vector<std::pair<std::string, std::string>> flags;
  std::string config_file;
  for (std::size_t i = 0; i < args.size(); i += 2) {
    const bool known = args[i] == "--config" || flag_keys().contains(args[i]);
    if (!known || i + 1 >= args.size())
      return bad("unknown flag or missing value: '" + args[i] + "'");
    if (args[i] == "--config")
      config_file = args[i + 1];
    else
      flags.emplace_back(flag_keys().at(args[i]), args[i + 1]);
  }
  if (!config_file.empty())
    if (auto ok = apply_file(c, config_file); !ok)
      return ok.error();
  for (const auto& [name, value] : env)
    if (auto ok = apply(c, name.substr(5), value); !ok) {
      // Named as the operator set it: PFMS_SNAPSHOT_EVERY.
      std::string variable = name;
      for (auto& ch : variable)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      return bad(variable + ": " + ok.error().detail);
    }
  for (const auto& [key, value] : flags)
    if (auto ok = apply(c, key, value); !ok)
      return ok.error();
  auto cluster = parse_cluster_config(c.node_id, c.cluster_nodes);
  if (!cluster)
    return cluster.error();
  c.cluster = std::move(*cluster);
  return c;
}

std::map<std::string, std::string> pfms_environment(char** environ_list) {
  std::map<std::string, std::string> out;
  for (char** e = environ_list; e != nullptr && *e != nullptr; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (!entry.starts_with("PFMS_") || eq == std::string::npos)
      continue;
    std::string key = entry.substr(0, eq);
    for (auto& ch : key)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.emplace("PFMS_" + key.substr(5), entry.substr(eq + 1));
  }
  return out;
}

} // namespace pfms
