#include "tests/support/node_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace pfms::test {

namespace {

std::string binary(const std::string& env) {
  const char* path = std::getenv(env.c_str());
  return path != nullptr ? path : "";
}

// Forks and execs `argv`, with standard output into a pipe (and standard
// error into `error_file` when given); returns the pid and the pipe's read end.
std::pair<int, int> spawn(std::vector<std::string> args, const std::string& error_file = {},
                          const std::vector<std::string>& environment = {}) {
  int fds[2];
  if (::pipe(fds) != 0)
    return {-1, -1};
  const int pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    for (const auto& setting : environment) {
      const auto eq = setting.find('=');
      ::setenv(setting.substr(0, eq).c_str(), setting.substr(eq + 1).c_str(), 1);
    }
    if (!error_file.empty()) {
      const int err = ::open(error_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      ::dup2(err, STDERR_FILENO);
      ::close(err);
    }
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

int wait_exit(int pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

node_process::node_process(const std::string& data_dir,
                           const std::vector<std::string>& environment) {
  auto [pid, out] = spawn({binary("PFMSD"), "--data-dir", data_dir, "--http-listen",
                           "127.0.0.1:0", "--admin-listen", "127.0.0.1:0"},
                          data_dir + ".log", environment);
  pid_ = pid;
  output_ = out;
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{output_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0)
      continue;
    char c = 0;
    if (::read(output_, &c, 1) != 1)
      break;
    line += c;
  }
  const auto at = line.find("http=127.0.0.1:");
  if (at != std::string::npos)
    port_ = static_cast<std::uint16_t>(std::atoi(line.c_str() + at + 15));
  const auto admin = line.find("admin=127.0.0.1:");
  if (admin != std::string::npos)
    admin_port_ = static_cast<std::uint16_t>(std::atoi(line.c_str() + admin + 16));
}

node_process::~node_process() {
  if (pid_ > 0)
    stop(SIGKILL);
  if (output_ >= 0)
    ::close(output_);
}

bool node_process::running() const {
  return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0;
}

int node_process::stop(int signal) {
  if (pid_ <= 0)
    return -1;
  ::kill(pid_, signal);
  const int status = wait_exit(pid_);
  pid_ = -1;
  return status;
}

std::uint16_t free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  std::uint16_t port = 0;
  if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) == 0
      && ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0)
    port = ntohs(address.sin_port);
  if (fd >= 0)
    ::close(fd);
  return port;
}

int run_tool(const std::string& binary_env, const std::vector<std::string>& args,
             std::string& output) {
  return run_tool(binary_env, args, output, {}, {});
}

int run_tool(const std::string& binary_env, const std::vector<std::string>& args,
             std::string& output, const std::string& error_file,
             const std::vector<std::string>& environment) {
  std::vector<std::string> argv{binary(binary_env)};
  argv.insert(argv.end(), args.begin(), args.end());
  auto [pid, out] = spawn(argv, error_file, environment);
  output.clear();
  char buffer[4096];
  for (ssize_t n; (n = ::read(out, buffer, sizeof buffer)) > 0;)
    output.append(buffer, static_cast<std::size_t>(n));
  ::close(out);
  return wait_exit(pid);
}

int lint_metrics(const std::string& file, std::string& findings) {
  const char* promtool = std::getenv("PROMTOOL");
  if (promtool == nullptr)
    return -1;
  const auto command = std::string(promtool) + " check metrics < '" + file + "' 2>&1";
  FILE* lint = ::popen(command.c_str(), "r");
  if (lint == nullptr)
    return -1;
  findings.clear();
  char chunk[256];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, lint)) > 0;)
    findings.append(chunk, n);
  const int status = ::pclose(lint);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace pfms::test
