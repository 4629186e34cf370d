#pragma once

#include "events/clock.hpp"
#include "events/ids.hpp"
#include "events/result.hpp"
#include "http/runtime/http_message.hpp"
#include "http/runtime/request_log.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace pfms {

/// Limits and addresses of the HTTP listener. Defaults in comments.
struct http_server_options {
  std::string host = "127.0.0.1";            ///< 127.0.0.1
  std::uint16_t port = 8080;                 ///< 8080; 0 picks a free port
  unsigned io_threads = 2;                   ///< 2
  std::size_t body_size_max = 64 * 1024;     ///< 64 KiB → 413 past it
  std::size_t header_size_max = 8 * 1024;    ///< 8 KiB → 431 past it
  std::chrono::milliseconds read_timeout{10'000};  ///< 10 s to send a whole request
  std::chrono::milliseconds idle_timeout{30'000};  ///< 30 s between keep-alive requests
  std::chrono::milliseconds write_timeout{10'000}; ///< 10 s to take a response
  /// 5 s: a request's deadline (`http_request::deadline_us`) from when it was read.
  std::chrono::milliseconds request_timeout{5'000};
  std::size_t connections_max = 1024;        ///< 1024; more are closed at accept
};

/// A Boost.Beast HTTP/1.1 server on its own Asio I/O threads. Each request is
/// handed to `handler` on an I/O thread; the handler answers through the
/// responder from any thread, and the answer is posted back to the
/// connection's strand. The handler and id generator must outlive the server.
class http_server {
public:
  /// `log` (may be empty) receives one entry per answered request.
  http_server(http_server_options options, request_handler handler, const id_generator& ids,
              const clock& time, request_logger log = {});
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  /// Binds and starts the I/O threads. Fails when the address cannot be bound.
  [[nodiscard]] status start();
  /// The bound port (useful when the options asked for port 0).
  [[nodiscard]] std::uint16_t port() const;
  /// Stops accepting, waits up to `grace` for requests in flight, then stops
  /// the I/O threads. Idempotent.
  void stop(std::chrono::milliseconds grace);

  struct impl;

private:
  std::unique_ptr<impl> impl_;
};

} // namespace pfms
