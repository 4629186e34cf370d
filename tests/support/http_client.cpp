#include "tests/support/http_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace pfms::test {

namespace {

client_response parse(const std::string& raw) {
  client_response r;
  const auto head_end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || head_end == std::string::npos)
    return r;
  r.status = std::stoi(raw.substr(9, 3));
  std::size_t line = raw.find("\r\n") + 2;
  while (line < head_end) {
    const auto next = raw.find("\r\n", line);
    const auto colon = raw.find(':', line);
    if (colon < next) {
      std::string name = raw.substr(line, colon - line);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      r.headers[name] = raw.substr(colon + 2, next - colon - 2);
    }
    line = next + 2;
  }
  r.body = raw.substr(head_end + 4);
  return r;
}

// `text` as a JSON string.
std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// With E2E_RESPONSE_LOG (a directory) set, appends the exchange to this
// process's file there, for the check of every response against the OpenAPI
// document (tests/e2e/response_schemas_test.py).
void log_exchange(const std::string& method, const std::string& path, const client_response& r) {
  const char* dir = std::getenv("E2E_RESPONSE_LOG");
  if (dir == nullptr || *dir == '\0' || r.status == 0)
    return;
  const auto type = r.headers.find("content-type");
  const auto line = "{\"method\":" + json_string(method) + ",\"path\":" + json_string(path)
                    + ",\"status\":" + std::to_string(r.status) + ",\"content_type\":"
                    + json_string(type == r.headers.end() ? "" : type->second)
                    + ",\"body\":" + json_string(r.body) + "}\n";
  // One write to a file opened for appending: lines of concurrent requests never interleave.
  ::mkdir(dir, 0700); // the first exchange of a run makes it
  const auto file = std::string(dir) + "/" + std::to_string(::getpid()) + ".jsonl";
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd < 0)
    return;
  [[maybe_unused]] const auto written = ::write(fd, line.data(), line.size());
  ::close(fd);
}

} // namespace

client_response send_raw(std::uint16_t port, const std::string& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string raw;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0)
        break;
      sent += static_cast<std::size_t>(n);
    }
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
      raw.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return parse(raw);
}

client_response request(std::uint16_t port, const std::string& method, const std::string& path,
                        const std::string& body, const std::string& content_type,
                        const std::string& token, const std::string& extra_headers) {
  std::string bytes = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Connection: close\r\n" + extra_headers;
  if (!content_type.empty())
    bytes += "Content-Type: " + content_type + "\r\n";
  if (!token.empty())
    bytes += "Authorization: Bearer " + token + "\r\n";
  if (!body.empty() || method == "POST")
    bytes += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  auto response = send_raw(port, bytes + "\r\n" + body);
  log_exchange(method, path, response);
  return response;
}

} // namespace pfms::test
