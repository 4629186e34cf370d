#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace pfms::test {

struct client_response {
  int status = 0; ///< 0 when the connection failed
  std::map<std::string, std::string> headers; ///< names lower-cased
  std::string body;
};

/// One HTTP/1.1 request on a fresh loopback connection (Connection: close),
/// with a 10 s receive timeout. Raw bytes, so tests can send anything.
client_response send_raw(std::uint16_t port, const std::string& bytes);

/// A well-formed request; `content_type` empty means no Content-Type header,
/// `token` empty means no Authorization header. `extra_headers` are raw
/// lines, each ending in CRLF.
client_response request(std::uint16_t port, const std::string& method, const std::string& path,
                        const std::string& body = "",
                        const std::string& content_type = "application/json",
                        const std::string& token = "", const std::string& extra_headers = "");

} // namespace pfms::test
