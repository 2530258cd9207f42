// The mock under hostile input (issue #11): the committed corpus tests/data/hostile/requests.txt
// replayed byte for byte against a real HttpServer on 127.0.0.1, once with signatures off and
// once with them checked (API requests then signed with the test key). Every answer must come
// within a bound, never be a 500, be JSON in Amazon's error shape (or a 2xx), and match the
// case's `expect`; afterwards the mock still answers normal requests and its signature log.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "core/json.hpp"
#include "core/signing.hpp"
#include "mock_amazon/mock.hpp"
#include "mock_amazon/transport/http_server.hpp"

namespace mock_amazon {
namespace {

using nlohmann::json;

constexpr const char* kKeyId = "SANDBOX-AHSHOPTESTKEY0000000000001";
constexpr const char* kOtherKeyId =
    "SANDBOX-OTHERMERCHANT0000000000002";  // same key, other merchant
constexpr auto kAnswerWithin = std::chrono::seconds(10);

std::string source_dir() {
  const char* dir = std::getenv("APC_SOURCE_DIR");
  return dir ? dir : ".";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// ---- the corpus ------------------------------------------------------------------------------

struct Case {
  std::string name;
  int line = 0;
  std::string expect, expect_signed;  // "400 InvalidParameterValue", "2xx", "413", ""
  std::string framing = "length";     // length | chunked | none
  std::string method, target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// {{repeat:N:TEXT}} and {{name}} variables, then \xHH \r \n \t \\ escapes.
std::string expand(std::string text, const std::map<std::string, std::string>& vars) {
  for (size_t at; (at = text.find("{{")) != std::string::npos;) {
    size_t end = text.find("}}", at);
    if (end == std::string::npos) break;
    std::string inner = text.substr(at + 2, end - at - 2), out;
    if (inner.rfind("repeat:", 0) == 0) {
      size_t colon = inner.find(':', 7);
      int n = std::stoi(inner.substr(7, colon - 7));
      for (int i = 0; i < n; ++i) out += inner.substr(colon + 1);
    } else {
      out = vars.count(inner) ? vars.at(inner) : "UNKNOWN-VARIABLE-" + inner;
    }
    text.replace(at, end - at + 2, out);
  }
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out += text[i];
      continue;
    }
    char c = text[++i];
    if (c == 'x' && i + 2 < text.size() + 1) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else if (c == 'r')
      out += '\r';
    else if (c == 'n')
      out += '\n';
    else if (c == 't')
      out += '\t';
    else
      out += c;
  }
  return out;
}

std::vector<Case> load_corpus(const std::string& path,
                              const std::map<std::string, std::string>& vars) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::vector<Case> cases;
  std::string line;
  int number = 0;
  enum { Meta, Headers, Body } part = Meta;
  std::vector<std::string> body_lines;
  auto close_case = [&] {
    if (cases.empty()) return;
    std::string body;
    while (!body_lines.empty() && body_lines.back().empty()) body_lines.pop_back();
    for (size_t i = 0; i < body_lines.size(); ++i) body += (i ? "\n" : "") + body_lines[i];
    cases.back().body = expand(body, vars);
    body_lines.clear();
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("=== ", 0) == 0) {
      close_case();
      Case c;
      c.name = line.substr(4);
      c.line = number;
      cases.push_back(std::move(c));
      part = Meta;
      continue;
    }
    if (cases.empty() || line.rfind("#", 0) == 0) continue;  // bodies never start with '#'
    Case& c = cases.back();
    if (part == Meta) {
      if (line.empty()) continue;
      size_t colon = line.find(": ");
      std::string key = colon == std::string::npos ? "" : line.substr(0, colon);
      if (key == "expect")
        c.expect = line.substr(colon + 2);
      else if (key == "expect-signed")
        c.expect_signed = line.substr(colon + 2);
      else if (key == "framing")
        c.framing = line.substr(colon + 2);
      else {
        size_t space = line.find(' ');
        c.method = line.substr(0, space);
        c.target = expand(line.substr(space + 1), vars);
        part = Headers;
      }
    } else if (part == Headers) {
      if (line.empty()) {
        part = Body;
        continue;
      }
      size_t colon = line.find(':');
      std::string value = line.substr(colon + 1);
      if (!value.empty() && value[0] == ' ') value.erase(0, 1);
      c.headers.emplace_back(expand(line.substr(0, colon), vars), expand(value, vars));
    } else {
      body_lines.push_back(line);
    }
  }
  close_case();
  return cases;
}

// ---- raw HTTP --------------------------------------------------------------------------------

struct Answer {
  bool answered = false;
  int status = 0;
  std::string body;
};

bool iequal(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Writes `raw` and reads until the server closes (every request says Connection: close) or
// the bound passes.
Answer raw_exchange(int port, const std::string& raw) {
  Answer out;
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return out;
  }
  auto deadline = std::chrono::steady_clock::now() + kAnswerWithin;
  size_t sent = 0;
  std::string received;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, static_cast<short>(POLLIN | (sent < raw.size() ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    if (p.revents & POLLIN) {
      char buf[65536];
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;  // closed (or reset after a refused body)
      received.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (p.revents & POLLOUT) {
      ssize_t n = ::send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
      if (n <= 0)
        sent = raw.size();  // the server stopped reading; its answer may follow
      else
        sent += static_cast<size_t>(n);
    }
    if (p.revents & (POLLERR | POLLHUP)) break;
  }
  ::close(fd);
  size_t head_end = received.find("\r\n\r\n");
  if (received.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) return out;
  out.answered = true;
  out.status = std::stoi(received.substr(9, 3));
  out.body = received.substr(head_end + 4);
  return out;
}

std::string chunked(const std::string& body) {
  std::string out;
  for (size_t at = 0; at < body.size(); at += 65536) {
    std::string piece = body.substr(at, 65536);
    std::ostringstream size;
    size << std::hex << piece.size();
    out += size.str() + "\r\n" + piece + "\r\n";
  }
  return out + "0\r\n\r\n";
}

// ---- the mock over HTTP ----------------------------------------------------------------------

class Served {
 public:
  explicit Served(bool verify) : verify_(verify) {
    std::string pem =
        read_file(source_dir() + "/mock_amazon/testdata/keys/shop-sandbox.public.pem");
    MockOptions options;
    options.verify_signatures = verify;
    options.start = core::parse_instant("2026-01-05T00:00:00Z");
    options.public_keys = {{kKeyId, pem}, {kOtherKeyId, pem}};
    mock_ = std::move(Mock::open(options)).value();
    server_ = std::make_unique<HttpServer>(
        [this](const core::HttpRequest& req) {
          core::HttpResponse res = mock_->handle(req);
          if (res.status == kNoResponse) res.status = kDropConnection;
          return res;
        },
        HttpServerOptions{});
    port_ = server_->start().value();
    key_ = core::PrivateKey::from_pem_file(source_dir() +
                                           "/mock_amazon/testdata/keys/shop-sandbox.private.pem")
               .value();
  }

  // Sends one request as a client would: API requests signed (when checked) unless they
  // carry their own authorization; Host, Connection: close and framing added.
  Answer send(const std::string& method, const std::string& target,
              std::vector<std::pair<std::string, std::string>> headers, const std::string& body,
              const std::string& framing = "length", const std::string& key_id = kKeyId) {
    bool has_auth = false;
    for (const auto& [name, value] : headers) has_auth = has_auth || iequal(name, "authorization");
    if (verify_ && !has_auth && target.find("/__mock/") == std::string::npos) {
      core::HttpRequest req;
      req.method = method;
      req.path = target.substr(0, target.find('?'));
      if (target.find('?') != std::string::npos) req.query = target.substr(target.find('?') + 1);
      req.headers = headers;
      req.body = body;
      core::sign_request(req, key_,
                         {key_id, core::SigningAlgorithm::RsaSsaPssV2, "jp", "127.0.0.1"},
                         mock_->now());
      headers = req.headers;
    }
    std::string raw = method + " " + target +
                      " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
                      "\r\nConnection: close\r\n";
    for (const auto& [name, value] : headers) raw += name + ": " + value + "\r\n";
    if (framing == "length") raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    if (framing == "chunked") raw += "Transfer-Encoding: chunked\r\n";
    raw += "\r\n" + (framing == "chunked" ? chunked(body) : body);
    return raw_exchange(port_, raw);
  }

  json ok(const std::string& method, const std::string& target, const json& body,
          const std::string& key_id = kKeyId) {
    Answer a = send(method, target, {{"content-type", "application/json"}},
                    body.is_null() ? "" : body.dump(), "length", key_id);
    EXPECT_TRUE(a.answered && a.status < 300)
        << method << " " << target << ": " << a.status << " " << a.body;
    return a.answered && !a.body.empty() ? json::parse(a.body) : json();
  }

  // An open checkout session the buyer signed in to, and a completed one's charge.
  std::map<std::string, std::string> objects() {
    auto session = [&] {
      json cs = ok("POST", "/v2/checkoutSessions",
                   {{"webCheckoutDetails", {{"checkoutReviewReturnUrl", "https://shop.example/r"}}},
                    {"storeId", "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"},
                    {"chargePermissionType", "OneTime"}});
      std::string id = cs.value("checkoutSessionId", "");
      ok("POST", "/__mock/checkout-sessions/" + id + "/sign-in",
         {{"buyer", "taro"}, {"address", "home"}, {"paymentMethod", "card-1111"}});
      return id;
    };
    std::string open = session(), done = session();
    json price = {{"amount", "5000"}, {"currencyCode", "JPY"}};
    ok("PATCH", "/v2/checkoutSessions/" + done,
       {{"webCheckoutDetails", {{"checkoutResultReturnUrl", "https://shop.example/done"}}},
        {"paymentDetails", {{"paymentIntent", "Authorize"}, {"chargeAmount", price}}}});
    ok("POST", "/__mock/checkout-sessions/" + done + "/payment-page", nullptr);
    json complete =
        ok("POST", "/v2/checkoutSessions/" + done + "/complete", {{"chargeAmount", price}});
    return {{"session", open},
            {"charge", complete.value("chargeId", "")},
            {"permission", complete.value("chargePermissionId", "")}};
  }

  Mock& mock() { return *mock_; }

 private:
  bool verify_;
  std::unique_ptr<Mock> mock_;
  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
  core::PrivateKey key_ = core::generate_rsa_key(1024).value();
};

// What an answer must be whatever the case expects: within the bound, not a 500, and JSON in
// Amazon's error shape unless it is a success.
void expect_well_formed(const Case& c, const Answer& a) {
  SCOPED_TRACE("requests.txt:" + std::to_string(c.line) + " " + c.name);
  ASSERT_TRUE(a.answered) << "no answer within " << kAnswerWithin.count() << " s";
  EXPECT_NE(a.status, 500) << a.body;
  EXPECT_GE(a.status, 200);
  json body = json::parse(a.body, nullptr, false);  // also rejects invalid UTF-8
  ASSERT_FALSE(body.is_discarded()) << "not JSON: " << a.body.substr(0, 300);
  if (a.status >= 400) {
    ASSERT_TRUE(body.is_object()) << a.body;
    EXPECT_TRUE(body.contains("reasonCode") && body["reasonCode"].is_string()) << a.body;
    EXPECT_TRUE(body.contains("message") && body["message"].is_string()) << a.body;
  }
}

void expect_matches(const Case& c, const std::string& expect, const Answer& a) {
  SCOPED_TRACE("requests.txt:" + std::to_string(c.line) + " " + c.name);
  if (expect.empty() || !a.answered) return;
  if (expect == "2xx") {
    EXPECT_TRUE(a.status >= 200 && a.status < 300) << a.status << " " << a.body;
    return;
  }
  std::string status = expect.substr(0, expect.find(' '));
  EXPECT_EQ(std::to_string(a.status), status) << a.body;
  if (expect.size() > status.size()) {
    json body = json::parse(a.body, nullptr, false);
    std::string reason = body.is_object() ? body.value("reasonCode", "") : "";
    EXPECT_EQ(reason, expect.substr(status.size() + 1)) << a.body;
  }
}

void replay(bool verify) {
  Served served(verify);
  auto vars = served.objects();
  auto cases = load_corpus(source_dir() + "/mock_amazon/tests/data/hostile/requests.txt", vars);
  ASSERT_GE(cases.size(), 30u);
  for (const Case& c : cases) {
    Answer a = served.send(c.method, c.target, c.headers, c.body, c.framing);
    expect_well_formed(c, a);
    expect_matches(c, verify && !c.expect_signed.empty() ? c.expect_signed : c.expect, a);
  }
  // Still itself afterwards.
  served.ok("GET", "/v2/charges/" + vars["charge"], nullptr);
  Answer log = served.send("GET", "/__mock/signature-log", {}, "");
  EXPECT_EQ(log.status, 200) << log.body;
  json failures = json::parse(log.body, nullptr, false);
  ASSERT_FALSE(failures.is_discarded());
  if (verify) {
    EXPECT_FALSE(failures["failures"].empty());
  }
}

TEST(HostileRequests, CorpusWithoutSignatures) {
  replay(false);
}

TEST(HostileRequests, CorpusWithSignaturesChecked) {
  replay(true);
}

// Amazon scopes idempotency keys per merchant: two merchants (two PublicKeyIds) using the same
// key get two objects; the same merchant gets its first answer replayed.
TEST(HostileRequests, IdempotencyKeysArePerMerchant) {
  Served served(true);
  std::string body =
      json{{"webCheckoutDetails", {{"checkoutReviewReturnUrl", "https://shop.example/r"}}},
           {"storeId", "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef"}}
          .dump();
  std::vector<std::pair<std::string, std::string>> headers = {
      {"content-type", "application/json"}, {"x-amz-pay-idempotency-key", "same-key-1"}};
  Answer first = served.send("POST", "/v2/checkoutSessions", headers, body, "length", kKeyId);
  Answer replayed = served.send("POST", "/v2/checkoutSessions", headers, body, "length", kKeyId);
  Answer other = served.send("POST", "/v2/checkoutSessions", headers, body, "length", kOtherKeyId);
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(other.status, 201) << other.body;
  std::string id = json::parse(first.body)["checkoutSessionId"];
  EXPECT_EQ(replayed.status, 201);
  EXPECT_EQ(json::parse(replayed.body)["checkoutSessionId"], id);
  EXPECT_NE(json::parse(other.body)["checkoutSessionId"], id);
}

}  // namespace
}  // namespace mock_amazon

namespace mock_amazon {
namespace {

// A configured control token is required on every /__mock/ call (amazon-pay-mock needs one to
// listen beyond loopback); the API is not affected.
TEST(ControlToken, RequiredOnEveryControlCall) {
  MockOptions options;
  options.verify_signatures = false;
  options.control_token = "s3cret-token";
  auto mock = std::move(Mock::open(options)).value();
  auto status = [&](const std::string& path, core::Headers headers) {
    return mock->handle(core::HttpRequest{"GET", path, "", std::move(headers), ""}).status;
  };
  EXPECT_EQ(status("/__mock/health", {}), 401);
  EXPECT_EQ(status("/__mock/health", {{"x-mock-control-token", "wrong-token!"}}), 401);
  EXPECT_EQ(status("/__mock/health", {{"x-mock-control-token", "s3cret-token"}}), 200);
  EXPECT_EQ(status("/__mock/health", {{"Authorization", "Bearer s3cret-token"}}), 200);
  EXPECT_EQ(status("/__mock/health", {{"Authorization", "Bearer s3cret"}}), 401);
  EXPECT_EQ(status("/v2/charges/x", {}), 404);  // the API is unaffected
}

}  // namespace
}  // namespace mock_amazon
