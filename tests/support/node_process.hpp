#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pfms::test {

/// A pfmsd child process on a free loopback port. The binary comes from the
/// PFMSD environment variable (set by meson test).
class node_process {
public:
  /// Starts pfmsd with `--data-dir dir` and both listeners on free loopback
  /// ports (`--http-listen`, `--admin-listen 127.0.0.1:0`), and waits
  /// (up to 30 s) for its ready line. `port()` is 0 when it did not start.
  /// Its standard error (the access log) goes to `<dir>.log`.
  /// `environment` adds "NAME=value" settings for the child.
  explicit node_process(const std::string& data_dir,
                        const std::vector<std::string>& environment = {});
  ~node_process();
  node_process(const node_process&) = delete;
  node_process& operator=(const node_process&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] int pid() const { return pid_; }
  [[nodiscard]] std::uint16_t admin_port() const { return admin_port_; }
  [[nodiscard]] bool running() const;
  /// Sends `signal` and waits for the exit; returns the exit status
  /// (128 + signal when killed by one).
  int stop(int signal);

private:
  int pid_ = -1;
  int output_ = -1;
  std::uint16_t port_ = 0;
  std::uint16_t admin_port_ = 0;
};

/// A loopback TCP port that was free a moment ago (bound to port 0, then
/// closed): for settings that must name a port before the node starts.
[[nodiscard]] std::uint16_t free_loopback_port();

/// Runs a binary named by environment variable `binary_env` with `args`;
/// returns its exit code and fills `output` with its standard output.
int run_tool(const std::string& binary_env, const std::vector<std::string>& args,
             std::string& output);

/// Runs `$PROMTOOL check metrics` on the exposition in `file`: its exit code,
/// with what it said in `findings`.
int lint_metrics(const std::string& file, std::string& findings);

/// `run_tool`, with `environment` ("NAME=value") added for the child and its
/// standard error appended to `error_file`.
int run_tool(const std::string& binary_env, const std::vector<std::string>& args,
             std::string& output, const std::string& error_file,
             const std::vector<std::string>& environment);

} // namespace pfms::test
