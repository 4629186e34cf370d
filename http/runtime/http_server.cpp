#include "http/runtime/http_server.hpp"

#include "http/runtime/problem.hpp"
#include "http/runtime/request_error.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <optional>

namespace pfms {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

struct http_server::impl {
  http_server_options options;
  request_handler handler;
  const id_generator& ids;
  const clock& time;
  request_logger log;
  net::io_context io;
  tcp::acceptor acceptor{io};
  std::vector<std::thread> threads;
  std::atomic<std::size_t> connections{0};
  std::atomic<std::size_t> in_flight{0};
  std::atomic<bool> stopped{false};

  impl(http_server_options o, request_handler h, const id_generator& i, const clock& t,
       request_logger l)
    : options(std::move(o)), handler(std::move(h)), ids(i), time(t), log(std::move(l)),
      io(static_cast<int>(options.io_threads)) {}

  void do_accept();
  void on_accept(beast::error_code ec, tcp::socket socket);
};

namespace {

/// One connection: read a request, hand it to the handler, write the answer,
/// repeat while keep-alive holds.
class session : public std::enable_shared_from_this<session> {
public:
  session(tcp::socket socket, http_server::impl& server)
    : stream_(std::move(socket)), server_(server) {
    ++server_.connections;
  }
  ~session() { --server_.connections; }

  void run() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
  }

private:
  void do_read();
  void on_read(beast::error_code ec);
  void do_write(http_response response);
  void on_write(bool keep_alive, beast::error_code ec);
  void reject(request_errc code, std::string detail);
  [[nodiscard]] http_request to_request();

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;
  http_server::impl& server_;
  bool keep_alive_ = false;
  bool first_ = true;
  request_log entry_;      ///< the request being served, for the access log
  time_us started_at_us_ = 0;
};

// Why a parsed request's framing is refused (RFC 9112 §3.2 and §6.1), if it is.
const char* framing_misfit(const bhttp::request<bhttp::string_body>& req) {
  if (req.version() == 11 && req.count(bhttp::field::host) != 1)
    return "an HTTP/1.1 request carries exactly one Host header";
  if (req.version() == 10 && req.count(bhttp::field::transfer_encoding) != 0)
    return "Transfer-Encoding is not part of HTTP/1.0";
  return nullptr;
}

void session::do_read() {
  parser_.emplace();
  parser_->body_limit(server_.options.body_size_max);
  parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_size_max));
  stream_.expires_after(first_ ? server_.options.read_timeout : server_.options.idle_timeout);
  first_ = false;
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      self->on_read(ec);
                    });
}

void session::on_read(beast::error_code ec) {
  if (ec == bhttp::error::body_limit)
    return reject(request_errc::body_too_large, "the body is larger than the limit");
  if (ec == bhttp::error::header_limit)
    return reject(request_errc::headers_too_large, "the headers are larger than the limit");
  // A request that arrived but does not parse is told why before the close;
  // a connection that ended or timed out mid-request has nobody to tell.
  if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()
      && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message)
    return reject(request_errc::malformed_request, "the request is not HTTP/1.1: " + ec.message());
  if (ec == bhttp::error::end_of_stream || ec) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    return;
  }
  if (auto why = framing_misfit(parser_->get()))
    return reject(request_errc::malformed_request, why);
  keep_alive_ = parser_->get().keep_alive();
  // The handler may take a while (an fsync, a projection catching up); the
  // gateway's own timeout bounds it.
  stream_.expires_never();
  ++server_.in_flight;
  auto respond = [self = shared_from_this()](http_response r) {
    auto executor = self->stream_.get_executor();
    net::post(executor, [self = std::move(self), r = std::move(r)]() mutable {
      --self->server_.in_flight;
      self->do_write(std::move(r));
    });
  };
  server_.handler(to_request(), std::move(respond));
}

http_request session::to_request() {
  auto& req = parser_->get();
  const std::string_view target = req.target();
  const auto question = target.find('?');
  http_request out;
  out.method = std::string(req.method_string());
  out.path = std::string(target.substr(0, question));
  out.query = question == std::string_view::npos ? "" : std::string(target.substr(question + 1));
  out.content_type = std::string(req[bhttp::field::content_type]);
  out.authorization = std::string(req[bhttp::field::authorization]);
  out.if_match = std::string(req[bhttp::field::if_match]);
  out.idempotency_header = std::string(req["Idempotency-Key"]);
  out.body = std::move(req.body());
  out.request_id = server_.ids.next();
  beast::error_code ec;
  const auto peer = stream_.socket().remote_endpoint(ec);
  out.client_address = ec ? std::string() : peer.address().to_string();
  started_at_us_ = server_.time.now_us();
  out.deadline_us = started_at_us_ + static_cast<time_us>(server_.options.request_timeout.count()) * 1000;
  entry_ = {out.request_id, trace_id_of(req["traceparent"]), out.method, out.path, 0, 0,
            out.client_address};
  return out;
}

void session::reject(request_errc code, std::string detail) {
  keep_alive_ = false;
  // The request never got parsed: log what is known of it, under a fresh id.
  entry_ = {server_.ids.next(), {}, {}, {}, 0, 0, {}};
  started_at_us_ = 0;
  do_write(problem_response(make_failure(code, std::move(detail)), entry_.request_id));
}

void session::do_write(http_response r) {
  if (server_.log) {
    entry_.status = r.status;
    const auto now = server_.time.now_us();
    entry_.duration_us = started_at_us_ ? now - started_at_us_ : 0;
    server_.log(entry_);
  }
  response_ = {};
  response_.version(11);
  response_.result(static_cast<unsigned>(r.status));
  response_.set(bhttp::field::content_type, r.content_type);
  response_.set(bhttp::field::server, "pfms");
  for (auto& [name, value] : r.headers)
    response_.set(name, value);
  if (!entry_.request_id.empty())
    response_.set("X-Request-Id", entry_.request_id);
  response_.body() = std::move(r.body);
  response_.keep_alive(keep_alive_ && !server_.stopped.load());
  response_.prepare_payload();
  stream_.expires_after(server_.options.write_timeout);
  bhttp::async_write(stream_, response_,
                     [self = shared_from_this(), keep = response_.keep_alive()](
                       beast::error_code ec, std::size_t) { self->on_write(keep, ec); });
}

void session::on_write(bool keep_alive, beast::error_code ec) {
  if (ec)
    return;
  if (!keep_alive) {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    return;
  }
  do_read();
}

} // namespace

void http_server::impl::do_accept() {
  acceptor.async_accept(net::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    on_accept(ec, std::move(socket));
  });
}

void http_server::impl::on_accept(beast::error_code ec, tcp::socket socket) {
  if (stopped.load() || !acceptor.is_open())
    return;
  if (!ec && connections.load() < options.connections_max)
    std::make_shared<session>(std::move(socket), *this)->run();
  // Over the limit the socket closes as it goes out of scope.
  do_accept();
}

http_server::http_server(http_server_options options, request_handler handler,
                         const id_generator& ids, const clock& time, request_logger log)
  : impl_(std::make_unique<impl>(std::move(options), std::move(handler), ids, time,
                                 std::move(log))) {}

http_server::~http_server() {
  stop(std::chrono::milliseconds(0));
}

status http_server::start() {
  beast::error_code ec;
  const auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec)
    return make_failure(runtime_errc::unavailable, "bad listen address " + impl_->options.host);
  const tcp::endpoint endpoint{address, impl_->options.port};
  auto& a = impl_->acceptor;
  a.open(endpoint.protocol(), ec);
  if (!ec)
    a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec)
    a.bind(endpoint, ec);
  if (!ec)
    a.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return make_failure(runtime_errc::unavailable, "cannot listen on " + impl_->options.host
                                                     + ":" + std::to_string(impl_->options.port)
                                                     + ": " + ec.message());
  impl_->do_accept();
  for (unsigned i = 0; i < impl_->options.io_threads; ++i)
    impl_->threads.emplace_back([this] { impl_->io.run(); });
  return done{};
}

std::uint16_t http_server::port() const {
  beast::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void http_server::stop(std::chrono::milliseconds grace) {
  if (impl_->stopped.exchange(true))
    return;
  net::post(impl_->io, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
  });
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (impl_->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  impl_->io.stop();
  for (auto& t : impl_->threads)
    if (t.joinable())
      t.join();
}

} // namespace pfms
