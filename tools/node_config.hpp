#pragma once

#include "cluster/runtime/cluster_config.hpp"
#include "events/result.hpp"
#include "http/runtime/http_server.hpp"

#include <map>
#include <string>
#include <vector>

namespace pfms {

/// The admin listener's defaults: 127.0.0.1:8081, one I/O thread, 64 connections.
inline http_server_options admin_defaults() {
  http_server_options o;
  o.port = 8081;
  o.io_threads = 1;
  o.connections_max = 64;
  return o;
}

/// What pfmsd runs with. Defaults in comments.
struct node_config {
  std::string data_dir = "./data";   ///< --data-dir, PFMS_DATA_DIR, data_dir
  http_server_options http;          ///< --http-listen, PFMS_HTTP_LISTEN, http_listen (127.0.0.1:8080)
  http_server_options admin = admin_defaults(); ///< --admin-listen, PFMS_ADMIN_LISTEN, admin_listen (127.0.0.1:8081)
  std::string admin_token_file; ///< PFMS_ADMIN_TOKEN_FILE, admin_token_file; empty: <data_dir>/admin.token
  std::chrono::milliseconds request_timeout{5000}; ///< PFMS_REQUEST_TIMEOUT_MS, request_timeout_ms
  std::uint64_t snapshot_every = 100; ///< PFMS_SNAPSHOT_EVERY, snapshot_every (1..1000000)
  std::uint64_t passivate_after_ms = 300'000; ///< PFMS_PASSIVATE_AFTER_MS (10..1 day): idle entities stop
  std::uint64_t rate_limit_user_rps = 100; ///< PFMS_RATE_LIMIT_USER_RPS; 0 turns the limit off
  std::string scheduler_policy = "sharing"; ///< PFMS_SCHEDULER_POLICY: sharing | stealing
  std::string jwt_key_file; ///< PFMS_JWT_KEY_FILE, jwt_key_file; empty: <data_dir>/jwt.key
  /// PFMS_ZONEINFO_DIR, zoneinfo_dir: where reports read time zones (TZif files, Debian's tzdata).
  std::string zoneinfo_dir = "/usr/share/zoneinfo";
  std::uint64_t idempotency_ttl_s = 86'400; ///< PFMS_IDEMPOTENCY_TTL_S, idempotency_ttl_s (60..30 days)
  std::uint64_t password_hash_passes = 2; ///< PFMS_PASSWORD_HASH_PASSES (2..10): argon2id passes
  std::uint64_t password_hash_mib = 64;   ///< PFMS_PASSWORD_HASH_MIB (19..1024): argon2id memory
  /// PFMS_FAILPOINT, tests only: "" (never) or a saga step (docs/operations.md):
  /// the node kills itself with SIGKILL at that step.
  std::string failpoint;
  std::string node_id;       ///< PFMS_NODE_ID, node_id: this node's id in cluster_nodes
  /// PFMS_CLUSTER_NODES, cluster_nodes: "id=host:port,…", the same on every
  /// node; empty (the default): a single node without a cluster port.
  std::string cluster_nodes;
  cluster_config cluster;    ///< parsed from the two above when loaded
};

/// Reads the configuration: built-in defaults, then the file named by
/// `--config` (lines `key = value`, `#` comments), then the environment
/// (`env`: PFMS_* variables), then flags, each overriding the one before.
/// Unknown flags, keys or malformed values fail with a sentence that says which.
[[nodiscard]] result<node_config> load_node_config(const std::vector<std::string>& args,
                                                   const std::map<std::string, std::string>& env);

/// The PFMS_* variables of the process environment.
[[nodiscard]] std::map<std::string, std::string> pfms_environment(char** environ_list);

} // namespace pfms
