#include "mock_amazon/transport/http_server.hpp"

#include <httplib.h>

#include "core/text.hpp"
#include "mock_amazon/transport/request_journal.hpp"
#include "mock_amazon/transport/server_setup.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace mock_amazon {
namespace {

using transport::cert_to_pem;
using transport::check_port_free;
using transport::make_self_signed;
using transport::read_text;
using transport::readable;

constexpr size_t kMaxPayload = 1 << 20;  // 1 MiB
constexpr size_t kKeepAliveMaxCount = 1000;

// ---- JSON error bodies ---------------------------------------------------------------------

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  return out;
}

void set_json_error(httplib::Response& res, int status, std::string_view reason_code,
                    std::string_view message) {
  res.status = status;
  res.headers.erase("Content-Type");
  res.set_content("{\"reasonCode\":\"" + json_escape(reason_code) + "\",\"message\":\"" +
                      json_escape(core::valid_utf8(message)) + "\"}",
                  "application/json");
}

// ---- request / response conversion ---------------------------------------------------------

bool is_pseudo_header(const std::string& name) {
  return name == "REMOTE_ADDR" || name == "REMOTE_PORT" || name == "LOCAL_ADDR" ||
         name == "LOCAL_PORT";
}

// The request target as sent, split at '?' ({path, query}); httplib's `path` would be
// percent-decoded.
std::pair<std::string, std::string> path_and_query(const httplib::Request& req) {
  const std::string& target = req.target.empty() ? req.path : req.target;
  size_t q = target.find('?');
  return {target.substr(0, q), q == std::string::npos ? std::string() : target.substr(q + 1)};
}

core::HttpRequest to_core(const httplib::Request& req, std::string body) {
  core::HttpRequest out;
  out.method = req.method;
  std::tie(out.path, out.query) = path_and_query(req);
  out.headers.reserve(req.headers.size());
  for (const auto& [name, value] : req.headers) {
    if (!is_pseudo_header(name)) out.headers.emplace_back(name, value);
  }
  out.body = std::move(body);
  return out;
}

void to_httplib(core::HttpResponse&& in, httplib::Response& out) {
  out.status = in.status;
  for (auto& [name, value] : in.headers) {
    if (core::iequals(name, "content-length") || core::iequals(name, "transfer-encoding")) continue;
    out.headers.emplace(name, std::move(value));
  }
  out.body = std::move(in.body);
}

// ---- dropping a connection -----------------------------------------------------------------

std::string numeric_host(const sockaddr_storage& addr, socklen_t len) {
  char host[NI_MAXHOST];
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof(host), nullptr, 0,
                  NI_NUMERICHOST) != 0) {
    return {};
  }
  return host;
}

int port_of(const sockaddr_storage& addr) {
  if (addr.ss_family == AF_INET) {
    return ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
  }
  if (addr.ss_family == AF_INET6) {
    return ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  }
  return -1;
}

struct ConnectedSocket {
  int fd;
  sockaddr_storage local, peer;
  socklen_t local_len, peer_len;
};

// Calls `fn` for every connected socket of this process (listening sockets have no peer and
// are skipped) until it returns true. httplib 0.11.4 never hands its accepted fds to user code,
// so /proc/self/fd is the way to find them.
template <class Fn>
void for_each_connected_socket(Fn&& fn) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return;
  while (dirent* entry = readdir(dir)) {
    char* end = nullptr;
    long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dirfd(dir)) continue;
    ConnectedSocket s{
        static_cast<int>(fd), {}, {}, sizeof(sockaddr_storage), sizeof(sockaddr_storage)};
    struct stat st {};
    if (fstat(s.fd, &st) != 0 || !S_ISSOCK(st.st_mode)) continue;
    if (getsockname(s.fd, reinterpret_cast<sockaddr*>(&s.local), &s.local_len) != 0 ||
        getpeername(s.fd, reinterpret_cast<sockaddr*>(&s.peer), &s.peer_len) != 0) {
      continue;
    }
    if (fn(s)) break;
  }
  closedir(dir);
}

// The socket carrying `req`. TLS requests expose their SSL*; for plain HTTP the connection's
// 4-tuple (which httplib reports) is matched against this process's sockets. The connection
// belongs to the calling worker thread for the whole handler call, so the fd found cannot be
// closed or reused underneath us.
int connection_fd(const httplib::Request& req) {
  if (req.ssl != nullptr) return SSL_get_fd(req.ssl);
  int found = -1;
  for_each_connected_socket([&](const ConnectedSocket& s) {
    if (port_of(s.local) == req.local_port && port_of(s.peer) == req.remote_port &&
        numeric_host(s.peer, s.peer_len) == req.remote_addr &&
        numeric_host(s.local, s.local_len) == req.local_addr) {
      found = s.fd;
      return true;
    }
    return false;
  });
  return found;
}

// Shuts the connection down in both directions: the peer reads EOF at once, and the response
// httplib then tries to write fails, which makes httplib close the socket and end the
// keep-alive loop. The fd itself is left for httplib to close.
bool drop_connection(const httplib::Request& req) {
  int fd = connection_fd(req);
  if (fd < 0) return false;
  return ::shutdown(fd, SHUT_RDWR) == 0;
}

// ---- request bodies -----------------------------------------------------------------------

enum class BodyRead { Complete, TooLarge, Broken };

bool is_chunked(const httplib::Request& req) {
  std::string te = req.get_header_value("Transfer-Encoding");
  for (char& c : te) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return te.find("chunked") != std::string::npos;
}

// Reads the body as it arrives, counting decoded bytes whatever the framing: httplib 0.11.4
// checks its payload limit against Content-Length only and would store a chunked body whole.
// A request with neither Content-Length nor chunked framing has no body (RFC 9112 §6.3) —
// what `curl -X POST` sends — where httplib would read until the client gave up.
// A body still arriving at `deadline` is cut short (Broken): a trickle below the read timeout
// would otherwise hold its worker for as long as the client likes.
BodyRead read_body(const httplib::Request& req, const httplib::ContentReader& reader,
                   std::chrono::steady_clock::time_point deadline, std::string& body) {
  if (!is_chunked(req)) {
    if (!req.has_header("Content-Length")) return BodyRead::Complete;
    const std::string& declared = req.get_header_value("Content-Length");
    if (declared.empty() || declared.size() > 19 ||
        declared.find_first_not_of("0123456789") != std::string::npos)
      return BodyRead::Broken;
    if (std::stoull(declared) > kMaxPayload) return BodyRead::TooLarge;  // not read at all
  }
  bool too_large = false;
  bool read = reader([&](const char* data, size_t length) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    if (body.size() + length > kMaxPayload) {
      too_large = true;
      return false;
    }
    body.append(data, length);
    return true;
  });
  if (too_large) return BodyRead::TooLarge;
  return read ? BodyRead::Complete : BodyRead::Broken;
}

std::string_view reason_for_library_error(int status) {
  switch (status) {
    case 404:
      return "ResourceNotFound";
    case 405:
      return "UnsupportedOperation";
    case 408:
      return "RequestTimeout";
    default:
      return status >= 500 ? "InternalServerError" : "InvalidRequest";
  }
}

// httplib's listening socket is a protected member; these expose it so the listen backlog can be
// raised (httplib 0.11.4 hard-codes 5: a burst of connects then loses SYNs and stalls ~1 s).
template <class Base>
class Exposed final : public Base {
 public:
  using Base::Base;
  int listen_fd() const { return static_cast<int>(this->svr_sock_); }
};

// Shuts down the read side of every accepted connection of the server on `port`. An idle
// keep-alive connection then reads EOF and its worker returns at once (httplib would otherwise
// wait out the keep-alive timeout, 5 s); a request being handled still gets its response
// written. Listening sockets have no peer and are skipped; client sockets of this process that
// talk to `port` have it as their peer port, not their local port, and are skipped too.
void shut_down_connections(int port) {
  for_each_connected_socket([port](const ConnectedSocket& s) {
    if (port_of(s.local) == port) ::shutdown(s.fd, SHUT_RD);
    return false;
  });
}

// ---- the worker pool ------------------------------------------------------------------------

// httplib gives each connection a worker for its whole life, so the pool size is the number of
// connections served at once. This pool starts empty and adds a thread whenever no worker is
// idle, up to `max`: a large limit costs nothing until slow or idle clients actually hold
// workers. Threads stay until shutdown (a burst's threads serve the next burst).
class GrowingPool final : public httplib::TaskQueue {
 public:
  explicit GrowingPool(size_t max) : max_(max) {}
  ~GrowingPool() override = default;

  void enqueue(std::function<void()> fn) override {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(fn));
    if (idle_ >= jobs_.size() || threads_.size() >= max_) {
      cond_.notify_one();
      return;
    }
    threads_.emplace_back([this] { work(); });
  }

  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      shutdown_ = true;
    }
    cond_.notify_all();
    for (auto& t : threads_) t.join();  // enqueue is no longer called once shutdown starts
  }

 private:
  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      ++idle_;
      cond_.wait(lock, [this] { return !jobs_.empty() || shutdown_; });
      --idle_;
      if (jobs_.empty()) return;  // shut down, nothing left to serve
      std::function<void()> fn = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      fn();
      lock.lock();
    }
  }

  const size_t max_;
  std::mutex mutex_;
  std::condition_variable cond_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool shutdown_ = false;
};

// ---- the request head deadline -----------------------------------------------------------

// The watchdog lists sockets on its own thread: by the time it acts, httplib may have closed
// the fd it saw and the number may carry a new connection. It acts through a duplicate whose
// identity (both addresses) is checked again, so only the connection it judged is touched.
void shutdown_if_same(const ConnectedSocket& s) {
  int own = ::fcntl(s.fd, F_DUPFD_CLOEXEC, 0);
  if (own < 0) return;
  sockaddr_storage local{}, peer{};
  socklen_t local_len = sizeof local, peer_len = sizeof peer;
  bool same = getsockname(own, reinterpret_cast<sockaddr*>(&local), &local_len) == 0 &&
              getpeername(own, reinterpret_cast<sockaddr*>(&peer), &peer_len) == 0 &&
              local_len == s.local_len && peer_len == s.peer_len &&
              std::memcmp(&local, &s.local, local_len) == 0 &&
              std::memcmp(&peer, &s.peer, peer_len) == 0;
  if (same) ::shutdown(own, SHUT_RDWR);
  ::close(own);
}

// httplib has a per-read timeout but no limit on the whole request head, so a client sending
// one header byte every 100 ms would hold its worker forever. The watchdog scans the server's
// connections every kWatchInterval and shuts down one that has had no request head routed for
// `head_deadline` since it was first seen, or since its last answer plus the keep-alive wait.
// A connection whose request is being handled is never touched (its body has its own deadline
// in read_body). Connections are named by the peer's address and port: the fd can be reused.
//
// Each worker reports on the connection it serves through its own Slot, so a request costs two
// uncontended slot locks and no allocation; only the watchdog, ten times a second, looks at
// every slot (one shared map here put every request of every worker behind one lock).
class HeadDeadline {
 public:
  using Steady = std::chrono::steady_clock;

  HeadDeadline(int port, Steady::duration head_deadline, Steady::duration keep_alive)
      : port_(port), head_deadline_(head_deadline), keep_alive_(keep_alive) {
    thread_ = std::thread([this] { run(); });
  }
  ~HeadDeadline() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    cond_.notify_all();
    thread_.join();
  }
  HeadDeadline(const HeadDeadline&) = delete;
  HeadDeadline& operator=(const HeadDeadline&) = delete;

  static std::string key(const std::string& addr, int port) {
    return addr + "|" + std::to_string(port);
  }
  // Called on the worker serving `req`, before its handler runs.
  void head_routed(const httplib::Request& req) {
    Slot& slot = mine();
    std::lock_guard<std::mutex> lock(slot.mutex);
    slot.serve(req);
    slot.busy = true;
  }
  // Called on the same worker once the answer is written.
  void answered(const httplib::Request& req) {
    Slot& slot = mine();
    std::lock_guard<std::mutex> lock(slot.mutex);
    slot.serve(req);
    slot.busy = false;
    slot.since = Steady::now() + keep_alive_;  // the next head may come at the end of the wait
  }

 private:
  static constexpr auto kWatchInterval = std::chrono::milliseconds(100);

  // What one worker thread last reported: the connection it serves (a worker keeps one
  // connection for that connection's life) and whether a request of it is being handled.
  struct Slot {
    std::mutex mutex;
    std::string addr;
    int port = -1;
    bool busy = false;
    Steady::time_point since{};
    void serve(const httplib::Request& req) {
      if (port == req.remote_port && addr == req.remote_addr) return;
      addr = req.remote_addr;
      port = req.remote_port;
      busy = false;
      since = Steady::time_point{};
    }
  };
  struct Seen {
    Steady::time_point since;  // first seen, or last seen with unread bytes
    bool seen = false;
  };
  struct Reported {
    bool busy;
    Steady::time_point since;
  };

  // This thread's slot for this watchdog (a test process runs several servers).
  Slot& mine() {
    thread_local const HeadDeadline* owner = nullptr;
    thread_local std::shared_ptr<Slot> slot;
    if (owner != this || !slot) {
      slot = std::make_shared<Slot>();
      owner = this;
      std::lock_guard<std::mutex> lock(mutex_);
      slots_.push_back(slot);
    }
    return *slot;
  }

  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!cond_.wait_for(lock, kWatchInterval, [this] { return stop_; })) sweep();
  }

  // Called with mutex_ held; forgets connections that have closed.
  void sweep() {
    std::map<std::string, Reported> reported;
    for (const auto& slot : slots_) {
      std::lock_guard<std::mutex> lock(slot->mutex);
      if (slot->port >= 0)
        reported.insert_or_assign(key(slot->addr, slot->port), Reported{slot->busy, slot->since});
    }
    for (auto& [_, c] : seen_) c.seen = false;
    const auto now = Steady::now();
    for_each_connected_socket([&](const ConnectedSocket& s) {
      if (port_of(s.local) != port_) return false;
      const std::string k = key(numeric_host(s.peer, s.peer_len), port_of(s.peer));
      auto [it, first] = seen_.try_emplace(k, Seen{now});
      Seen& c = it->second;
      c.seen = true;
      // Bytes nobody has read yet: the connection waits for a worker (all are busy), so its
      // head is not being read and its deadline has not started.
      if (int unread = 0; ::ioctl(s.fd, FIONREAD, &unread) == 0 && unread > 0) c.since = now;
      auto since = c.since;
      if (auto r = reported.find(k); r != reported.end()) {
        if (r->second.busy) return false;
        since = std::max(since, r->second.since);
      }
      if (now - since > head_deadline_) shutdown_if_same(s);
      return false;
    });
    std::erase_if(seen_, [](const auto& entry) { return !entry.second.seen; });
  }

  const int port_;
  const Steady::duration head_deadline_, keep_alive_;
  std::mutex mutex_;
  std::condition_variable cond_;
  std::vector<std::shared_ptr<Slot>> slots_;
  std::map<std::string, Seen> seen_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace

namespace {

// ---- the access log's measurements ---------------------------------------------------------

// One worker serves a request from its routing to its log call, so the request's start and
// whether it was dropped can ride on the thread.
struct ExchangeMark {
  std::chrono::steady_clock::time_point start{};
  bool started = false;
  bool dropped = false;
};
thread_local ExchangeMark t_exchange;

AccessRecord access_record(const httplib::Request& req, const httplib::Response& res) {
  AccessRecord r;
  r.time = std::chrono::system_clock::now();
  r.remote = req.remote_addr + ":" + std::to_string(req.remote_port);
  r.method = req.method;
  std::tie(r.path, r.query) = path_and_query(req);
  r.status = t_exchange.dropped ? 0 : res.status;
  r.bytes = t_exchange.dropped ? 0 : res.body.size();
  if (t_exchange.started)
    r.duration = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - t_exchange.start);
  if (!t_exchange.dropped) {
    r.request_id = res.get_header_value("x-amz-pay-request-id");
    r.reason_code = transport::reason_code_in(res.status, res.body);
  }
  t_exchange = {};
  return r;
}

}  // namespace

// ---- HttpServer ----------------------------------------------------------------------------

struct HttpServer::Impl {
  Impl(Handler h, HttpServerOptions o) : handler(std::move(h)), options(std::move(o)) {}

  // Methods with a body: read it within the limit, then route it.
  void route_with_body(const httplib::Request& hreq, httplib::Response& hres,
                       const httplib::ContentReader& reader) {
    std::string body;
    BodyRead read =
        read_body(hreq, reader, std::chrono::steady_clock::now() + options.body_deadline, body);
    if (read != BodyRead::Complete) {
      // The rest of the body is unread: the connection cannot carry another request
      // (httplib closes it after writing an answer that says so).
      hres.set_header("Connection", "close");
      if (read == BodyRead::TooLarge)
        set_json_error(hres, 413, "InvalidRequest", "request body exceeds 1 MiB");
      else
        set_json_error(hres, 400, "InvalidRequestFormat",
                       "the request body is cut short or its framing is malformed");
      return;
    }
    route(hreq, hres, std::move(body));
  }

  void route(const httplib::Request& hreq, httplib::Response& hres, std::string body = {}) {
    core::HttpResponse res;
    try {
      res = handler(to_core(hreq, std::move(body)));
    } catch (const std::exception& e) {
      set_json_error(hres, 500, "InternalServerError", e.what());
      return;
    } catch (...) {
      set_json_error(hres, 500, "InternalServerError", "unknown exception in request handler");
      return;
    }
    if (res.status == kDropConnection) {
      if (!drop_connection(hreq)) {
        set_json_error(hres, 500, "InternalServerError",
                       "handler asked to drop the connection but its socket was not found");
      } else {
        hres.status = 500;  // never written: the socket is already shut down
        t_exchange.dropped = true;
      }
      return;
    }
    if (res.status < 100 || res.status > 599) {
      set_json_error(hres, 500, "InternalServerError",
                     "handler returned invalid HTTP status " + std::to_string(res.status));
      return;
    }
    to_httplib(std::move(res), hres);
  }

  Handler handler;
  HttpServerOptions options;
  std::unique_ptr<httplib::Server> server;
  std::unique_ptr<HeadDeadline> head_deadline;
  std::thread thread;
  std::atomic<bool> listen_returned{false};
  int port = 0;
  std::string bound_address;
  std::string cert_pem;
};

HttpServer::HttpServer(Handler handler, HttpServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(handler), std::move(options))) {}

HttpServer::~HttpServer() {
  stop();
}

core::Result<int, std::string> HttpServer::start() {
  Impl& s = *impl_;
  if (s.server)
    return core::fail(std::string("server already started on port ") + std::to_string(s.port));
  if (!s.handler) return core::fail(std::string("no request handler"));
  if (s.options.threads < 1) return core::fail(std::string("threads must be at least 1"));
  if (s.options.port < 0 || s.options.port > 65535) {
    return core::fail("invalid port " + std::to_string(s.options.port));
  }
  std::signal(SIGPIPE, SIG_IGN);

  if (s.options.port != 0) {
    if (auto free = check_port_free(s.options.host, s.options.port); !free) {
      return core::fail(free.error());
    }
  }

  std::unique_ptr<httplib::Server> server;
  std::string cert_pem;
  if (s.options.tls) {
    const TlsOptions& tls = *s.options.tls;
    if (tls.self_signed) {
      auto material = make_self_signed();
      if (!material) return core::fail(material.error());
      // SSL_CTX_use_certificate/PrivateKey take their own references.
      server =
          std::make_unique<Exposed<httplib::SSLServer>>(material->cert.get(), material->key.get());
      cert_pem = cert_to_pem(material->cert.get());
    } else {
      if (!readable(tls.cert_file)) {
        return core::fail("cannot read TLS certificate file '" + tls.cert_file + "'");
      }
      if (!readable(tls.key_file)) {
        return core::fail("cannot read TLS key file '" + tls.key_file + "'");
      }
      server = std::make_unique<Exposed<httplib::SSLServer>>(tls.cert_file.c_str(),
                                                             tls.key_file.c_str());
      cert_pem = read_text(tls.cert_file);
    }
    if (!server->is_valid()) {
      ERR_clear_error();
      return core::fail(tls.self_signed
                            ? std::string("cannot set up TLS with the generated certificate")
                            : "cannot load TLS certificate '" + tls.cert_file + "' with key '" +
                                  tls.key_file + "' (not PEM, or the key does not match)");
    }
  } else {
    server = std::make_unique<Exposed<httplib::Server>>();
  }

  httplib::Server& svr = *server;
  const int threads = s.options.threads;
  svr.new_task_queue = [threads] { return new GrowingPool(static_cast<size_t>(threads)); };
  svr.set_read_timeout(s.options.read_timeout);
  svr.set_keep_alive_timeout(
      std::chrono::duration_cast<std::chrono::seconds>(s.options.keep_alive_timeout).count());
  svr.set_tcp_nodelay(true);
  // SO_REUSEADDR instead of httplib's SO_REUSEPORT: the port is never shared with another
  // listener, and a server stopped with connections in TIME_WAIT can listen on its port again.
  svr.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  svr.set_keep_alive_max_count(kKeepAliveMaxCount);
  svr.set_payload_max_length(kMaxPayload);

  Impl* impl = impl_.get();
  httplib::Server::Handler route = [impl](const httplib::Request& req, httplib::Response& res) {
    impl->route(req, res);
  };
  const std::string any = "[\\s\\S]*";
  httplib::Server::HandlerWithContentReader route_with_body =
      [impl](const httplib::Request& req, httplib::Response& res,
             const httplib::ContentReader& reader) { impl->route_with_body(req, res, reader); };
  svr.Get(any, route)
      .Post(any, route_with_body)
      .Put(any, route_with_body)
      .Patch(any, route_with_body)
      .Delete(any, route_with_body)
      .Options(any, route);

  svr.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string message = "unknown exception";
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          message = e.what();
        } catch (...) {
        }
        set_json_error(res, 500, "InternalServerError", message);
      });
  // Errors httplib answers itself (unparsable request, body too large, unknown method) get an
  // Amazon-style JSON body. Requests that reached our route have `matches` filled in by the
  // router; their responses are the handler's and are left alone.
  httplib::Server::HandlerWithResponse on_error = [](const httplib::Request& req,
                                                     httplib::Response& res) {
    if (!req.matches.empty() || !res.body.empty()) {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    std::string message =
        "the server could not accept this request (HTTP " + std::to_string(res.status) + ")";
    if (res.status == 413) message = "request body exceeds 1 MiB";
    if (res.status == 400) message = "malformed HTTP request";
    set_json_error(res, res.status, reason_for_library_error(res.status), message);
    return httplib::Server::HandlerResponse::Handled;
  };
  svr.set_error_handler(std::move(on_error));
  // The head deadline's marks: a routed head makes its connection busy, an answer idle again.
  svr.set_pre_routing_handler([impl](const httplib::Request& req, httplib::Response&) {
    t_exchange = ExchangeMark{std::chrono::steady_clock::now(), true, false};
    impl->head_deadline->head_routed(req);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  svr.set_logger([impl](const httplib::Request& req, const httplib::Response& res) {
    impl->head_deadline->answered(req);
    if (impl->options.on_answered) impl->options.on_answered(access_record(req, res));
  });

  int port = 0;
  if (s.options.port == 0) {
    port = svr.bind_to_any_port(s.options.host);
    if (port <= 0) return core::fail("cannot bind " + s.options.host + " on any port");
  } else {
    if (!svr.bind_to_port(s.options.host, s.options.port)) {
      return core::fail("cannot bind " + s.options.host + ":" + std::to_string(s.options.port));
    }
    port = s.options.port;
  }

  const int listen_fd = s.options.tls ? static_cast<Exposed<httplib::SSLServer>&>(svr).listen_fd()
                                      : static_cast<Exposed<httplib::Server>&>(svr).listen_fd();
  if (listen_fd >= 0) ::listen(listen_fd, SOMAXCONN);  // re-listen only resizes the backlog
  std::string bound;
  if (sockaddr_storage addr{}; listen_fd >= 0) {
    socklen_t len = sizeof(addr);
    if (getsockname(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      std::string host = numeric_host(addr, len);
      if (addr.ss_family == AF_INET6) host = "[" + host + "]";
      bound = host + ":" + std::to_string(port_of(addr));
    }
  }

  s.head_deadline =
      std::make_unique<HeadDeadline>(port, s.options.head_deadline, s.options.keep_alive_timeout);
  s.listen_returned = false;
  httplib::Server* raw = server.get();
  std::atomic<bool>* returned = &s.listen_returned;
  s.thread = std::thread([raw, returned] {
    raw->listen_after_bind();
    returned->store(true);
  });
  // stop() is a no-op until the accept loop runs, so wait for it.
  while (!raw->is_running() && !s.listen_returned.load()) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  if (!raw->is_running()) {
    s.thread.join();
    s.head_deadline.reset();
    return core::fail("server on " + s.options.host + ":" + std::to_string(port) +
                      " stopped right after starting");
  }
  s.server = std::move(server);
  s.port = port;
  s.bound_address = std::move(bound);
  s.cert_pem = std::move(cert_pem);
  return port;
}

void HttpServer::stop() {
  Impl& s = *impl_;
  if (!s.server) return;
  s.server->stop();  // closes the listening socket: no new connections
  shut_down_connections(s.port);
  if (s.thread.joinable()) s.thread.join();  // joins the workers
  s.head_deadline.reset();
  s.server.reset();
  s.port = 0;
  s.bound_address.clear();
  s.cert_pem.clear();
}

int HttpServer::port() const {
  return impl_->port;
}

std::string HttpServer::bound_address() const {
  return impl_->bound_address;
}

bool HttpServer::running() const {
  return impl_->server && impl_->server->is_running();
}

std::string HttpServer::certificate_pem() const {
  return impl_->cert_pem;
}

std::string HttpServer::base_url() const {
  const Impl& s = *impl_;
  std::string host = s.options.host;
  if (host.empty() || host == "0.0.0.0") host = "127.0.0.1";
  if (host == "::") host = "::1";
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return (s.options.tls ? "https://" : "http://") + host + ":" + std::to_string(s.port);
}

}  // namespace mock_amazon
