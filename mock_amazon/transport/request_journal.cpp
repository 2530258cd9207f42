// The request journal: recording (cheap, bounded, redacted), filters, and its JSON.
#include "mock_amazon/transport/request_journal.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "core/signing.hpp"
#include "core/text.hpp"

namespace mock_amazon::transport {
namespace {

using nlohmann::json;
using R = ReasonCode;

constexpr std::string_view kJournalPath = "/__mock/requests";
constexpr std::string_view kRedacted = "[redacted]";
constexpr std::uint64_t kMaxLimit = RequestJournal::kMaxCapacity;

bool is_journal_read(const core::HttpRequest& request) {
  if (request.method != "GET" && request.method != "HEAD") return false;
  std::string_view path = request.path;
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path == kJournalPath;
}

// See reason_code_in.
std::string_view find_reason_code(int status, std::string_view body) {
  if (status < 400) return {};
  constexpr std::string_view kKey = "\"reasonCode\":\"";
  std::size_t at = body.find(kKey);
  if (at == std::string_view::npos) return {};
  at += kKey.size();
  std::size_t end = body.find('"', at);
  if (end == std::string_view::npos) return {};
  return body.substr(at, std::min<std::size_t>(end - at, 64));
}

// Into `to`'s buffer, which is reused.
void keep(std::string& to, std::string_view text, std::size_t max_bytes) {
  to.assign(text.substr(0, max_bytes));
}

// The header's value as the journal keeps it: credentials replaced by "[redacted]" (an
// Amazon Pay authorization keeps its algorithm, PublicKeyId and SignedHeaders; the
// signature goes), anything else cut to kHeaderBytes.
void keep_header_value(std::string& to, std::string_view name, std::string_view value) {
  constexpr std::size_t kMax = RequestJournal::kHeaderBytes;
  if (core::iequals(name, "x-mock-control-token") || core::iequals(name, "cookie") ||
      core::iequals(name, "set-cookie") || core::iequals(name, "proxy-authorization")) {
    to.assign(kRedacted);
    return;
  }
  if (!core::iequals(name, "authorization")) return keep(to, value, kMax);
  // "AMZN-PAY-RSASSA-PSS-V2 PublicKeyId=..., SignedHeaders=..., Signature=...": what signed
  // is worth seeing, the signature is not; any other scheme ("Bearer TOKEN") keeps its name.
  std::size_t sig = value.find("Signature=");
  std::size_t space = value.find(' ');
  bool amazon =
      sig != std::string_view::npos && value.find("PublicKeyId=") != std::string_view::npos;
  if (amazon)
    keep(to, value.substr(0, sig + std::string_view("Signature=").size()), kMax);
  else if (space != std::string_view::npos)
    keep(to, value.substr(0, space + 1), kMax);
  else
    to.clear();
  to.append(kRedacted);
}

void keep_headers(core::Headers& to, const core::Headers& from) {
  to.resize(from.size());
  for (std::size_t i = 0; i < from.size(); ++i) {
    keep(to[i].first, from[i].first, RequestJournal::kHeaderBytes);
    keep_header_value(to[i].second, from[i].first, from[i].second);
  }
}

json headers_json(const core::Headers& headers) {
  json out = json::object();
  for (const auto& [name, value] : headers) {
    std::string key = core::valid_utf8(core::to_lower(name));
    std::string text = core::valid_utf8(value);
    if (out.contains(key))
      out[key] = out[key].get<std::string>() + ", " + text;
    else
      out[key] = std::move(text);
  }
  return out;
}

void put_body(json& out, const char* key, const std::string& kept, std::size_t bytes) {
  out[key] = core::valid_utf8(kept);
  out[std::string(key) + "Bytes"] = bytes;
  if (kept.size() < bytes) out[std::string(key) + "Truncated"] = true;
}

json entry_json(const JournalEntry& e) {
  json out{{"seq", e.seq},
           {"at", core::format_iso(e.at)},
           {"method", core::valid_utf8(e.method)},
           {"path", core::valid_utf8(e.path)},
           {"query", core::valid_utf8(e.query)},
           {"requestHeaders", headers_json(e.request_headers)}};
  put_body(out, "requestBody", e.request_body, e.request_body_bytes);
  if (e.status < 0) {
    // No answer went out: the body names the fault ("timeout", "connection reset").
    out["status"] = nullptr;
    out["dropped"] = core::valid_utf8(e.response_body);
    return out;
  }
  out["status"] = e.status;
  if (!e.reason_code.empty()) out["reasonCode"] = core::valid_utf8(e.reason_code);
  out["responseHeaders"] = headers_json(e.response_headers);
  put_body(out, "responseBody", e.response_body, e.response_body_bytes);
  return out;
}

bool selected(const JournalEntry& e, const JournalFilter& f) {
  if (!f.method.empty() && !core::iequals(e.method, f.method)) return false;
  if (!f.path_prefix.empty() && e.path.compare(0, f.path_prefix.size(), f.path_prefix) != 0)
    return false;
  if (f.status_lo > 0 && (e.status < f.status_lo || e.status > f.status_hi)) return false;
  if (e.seq <= f.after_seq) return false;
  return !f.from || e.at >= *f.from;
}

// ---------------------------------------------------------------- filters

AmazonError bad(std::string message) {
  return AmazonError{R::InvalidParameterValue, std::move(message)};
}

std::optional<std::uint64_t> whole_number(std::string_view text, std::uint64_t max) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || n > max)
    return std::nullopt;
  return n;
}

// "201" is that status; "4xx" (or "4XX") the class 400-499.
std::optional<AmazonError> read_status(std::string_view v, JournalFilter& f) {
  if (v.size() == 3 && v[0] >= '1' && v[0] <= '5' && (v[1] == 'x' || v[1] == 'X') &&
      (v[2] == 'x' || v[2] == 'X')) {
    f.status_lo = (v[0] - '0') * 100;
    f.status_hi = f.status_lo + 99;
    return std::nullopt;
  }
  auto n = v.size() == 3 ? whole_number(v, 599) : std::nullopt;
  if (!n || *n < 100)
    return bad("status must be an HTTP status 100-599 or a class such as 4xx (got '" +
               core::echo_text(v) + "')");
  f.status_lo = f.status_hi = static_cast<int>(*n);
  return std::nullopt;
}

// A sequence number (entries after it) or a timestamp (entries at or after it).
std::optional<AmazonError> read_since(std::string_view v, JournalFilter& f) {
  bool digits =
      !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    auto n = whole_number(v, UINT64_MAX);
    if (!n) return bad("since is too large a sequence number");
    f.after_seq = *n;
    return std::nullopt;
  }
  f.from = core::parse_instant(v);
  if (!f.from)
    return bad(
        "since must be a sequence number (entries after it) or a UTC timestamp such as "
        "2026-01-05T00:00:00Z (got '" +
        core::echo_text(v) + "')");
  return std::nullopt;
}

std::optional<AmazonError> read_filter(std::string_view key, std::string_view v, JournalFilter& f) {
  if (v.empty()) return bad("filter '" + core::echo_text(key) + "' has no value");
  if (key == "method") {
    if (!std::all_of(v.begin(), v.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }))
      return bad("method must be an HTTP method such as GET or POST (got '" + core::echo_text(v) +
                 "')");
    f.method = std::string(v);
    return std::nullopt;
  }
  if (key == "path") {
    if (v.front() != '/')
      return bad("path must be a path prefix starting with / such as /v2/charges (got '" +
                 core::echo_text(v) + "')");
    f.path_prefix = std::string(v);
    return std::nullopt;
  }
  if (key == "status") return read_status(v, f);
  if (key == "since") return read_since(v, f);
  if (key == "limit") {
    auto n = whole_number(v, kMaxLimit);
    if (!n || *n == 0)
      return bad("limit must be a whole number 1-" + std::to_string(kMaxLimit) + " (got '" +
                 core::echo_text(v) + "')");
    f.limit = static_cast<std::size_t>(*n);
    return std::nullopt;
  }
  return bad("unknown filter '" + core::echo_text(key) +
             "': use method, path, status, since and limit");
}

}  // namespace

std::string reason_code_in(int status, std::string_view body) {
  return std::string(find_reason_code(status, body));
}

JournalEntry& RequestJournal::next_slot() {
  if (size_ == capacity_) {  // full: the oldest slot becomes the newest
    JournalEntry& e = ring_[first_];
    first_ = (first_ + 1) % capacity_;
    return e;
  }
  if (size_ == ring_.size()) ring_.emplace_back();
  return ring_[size_++];
}

void RequestJournal::record(const core::HttpRequest& request, const core::HttpResponse& response,
                            core::Instant at) {
  if (capacity_ == 0 || is_journal_read(request)) return;
  JournalEntry& e = next_slot();
  e.seq = next_seq_++;
  e.at = at;
  keep(e.method, request.method, kHeaderBytes);
  keep(e.path, request.path, kHeaderBytes);
  keep(e.query, request.query, kHeaderBytes);
  keep_headers(e.request_headers, request.headers);
  keep(e.request_body, request.body, kBodyBytes);
  e.request_body_bytes = request.body.size();
  e.status = response.status;
  keep(e.reason_code, find_reason_code(response.status, response.body), 64);
  keep_headers(e.response_headers, response.headers);
  keep(e.response_body, response.body, kBodyBytes);
  e.response_body_bytes = response.body.size();
}

json RequestJournal::to_json(const JournalFilter& filter) const {
  std::vector<const JournalEntry*> hits;
  for (std::size_t i = 0; i < size_; ++i) {
    const JournalEntry& e = ring_[(first_ + i) % ring_.size()];
    if (selected(e, filter)) hits.push_back(&e);
  }
  std::size_t skip = filter.limit && hits.size() > filter.limit ? hits.size() - filter.limit : 0;
  json list = json::array();
  for (std::size_t i = skip; i < hits.size(); ++i) list.push_back(entry_json(*hits[i]));
  return json{{"requests", list}, {"capacity", capacity_}, {"nextSeq", next_seq_}};
}

core::Result<JournalFilter, AmazonError> parse_journal_filter(std::string_view raw_query) {
  JournalFilter filter;
  std::vector<std::string> seen;
  while (!raw_query.empty()) {
    std::size_t amp = raw_query.find('&');
    std::string_view pair = raw_query.substr(0, amp);
    raw_query = amp == std::string_view::npos ? std::string_view{} : raw_query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    std::string key = core::percent_decode(pair.substr(0, eq));
    std::string value =
        eq == std::string_view::npos ? "" : core::percent_decode(pair.substr(eq + 1));
    if (std::find(seen.begin(), seen.end(), key) != seen.end())
      return core::fail(bad("filter '" + core::echo_text(key) + "' is given twice"));
    seen.push_back(key);
    if (auto refused = read_filter(key, value, filter)) return core::fail(*refused);
  }
  return filter;
}

}  // namespace mock_amazon::transport
