// The mock's life cycle: opening (or continuing) a database, the simulated clock and id
// generators, and handle(), which runs each request through the route tables of transport/ in
// a store transaction (shared with the requests that arrive with it: mock_commit.cpp).
#include "mock_amazon/mock.hpp"

#include <stdexcept>

#include "core/json.hpp"

#include "mock_amazon/control/control_client.hpp"
#include "mock_amazon/transport/hosted_pages.hpp"
#include "mock_amazon/transport/responses.hpp"
#include "mock_amazon/transport/routes.hpp"

namespace mock_amazon {
namespace {

constexpr core::Instant kDefaultStart{core::Duration{1767225600}};  // 2026-01-01T00:00:00Z

}  // namespace

// ---------------------------------------------------------------- life cycle

core::Result<std::unique_ptr<Mock>, std::string> Mock::open(MockOptions options) {
  auto store = Store::open(options.db_path);
  if (!store) return core::fail(store.error());
  std::vector<std::pair<std::string, core::PublicKey>> keys;
  for (const auto& [id, pem] : options.public_keys) {
    auto key = core::PublicKey::from_pem(pem);
    if (!key) return core::fail("public key " + id + ": " + key.error());
    keys.emplace_back(id, key.value());
  }
  if (options.clock_mode == ClockMode::Realtime && !options.wall_clock)
    return core::fail(
        std::string("the realtime clock needs a wall clock (MockOptions::wall_clock)"));
  std::unique_ptr<Mock> mock(new Mock(std::move(options), std::move(store).value()));
  mock->keys_ = std::move(keys);
  try {
    auto clock = mock->store_->meta("clock");
    if (clock) {
      // Continue exactly where the previous process stopped.
      mock->clock_.restore(core::Instant{core::Duration{std::stoll(*clock)}});
      mock->prng_.set_state(std::stoull(mock->store_->meta("prng").value_or("0")));
      mock->request_ids_.set_state(std::stoull(mock->store_->meta("request_ids").value_or("0")));
      mock->reload_notifications();
    } else {
      core::Instant start = mock->options_.start.value_or(
          mock->options_.wall_clock ? mock->options_.wall_clock->now() : kDefaultStart);
      mock->store_->begin();
      mock->reset(mock->options_.seed, start);
      mock->store_->commit();
    }
    if (mock->options_.clock_mode == ClockMode::Realtime)
      mock->wall_seen_ = mock->options_.wall_clock->now();
    if (mock->options_.ipn_url) {
      mock->store_->begin();
      mock->outbox_.set_endpoint(
          notifications::Endpoint{*mock->options_.ipn_url, mock->options_.ipn_signed});
      mock->queue_notifications();
      mock->store_->commit();
    }
  } catch (const std::exception& e) {
    return core::fail(std::string("cannot read the mock's state: ") + e.what());
  }
  return mock;
}

Mock::Mock(MockOptions options, std::unique_ptr<Store> store)
    : options_(std::move(options)),
      store_(std::move(store)),
      clock_(kDefaultStart),
      service_(*store_, clock_, prng_, options_.service),
      journal_(options_.journal_size),
      sender_(notifications::http_sender()) {
  clock_.add_schedule(&service_);
}

Mock::~Mock() {
  clock_.remove_schedule(&service_);
  try {  // the request-id generator's last moves (persist_runtime_state)
    settle_group();
    store_->begin();
    persist_runtime_state();
    store_->commit();
  } catch (const std::exception&) {
    // Closing anyway: the ids given since the last write may repeat after a restart.
  }
}

core::Instant Mock::now() {
  std::lock_guard lock(mu_);
  return clock_.now();
}

void Mock::set_notification_sender(notifications::Sender sender) {
  std::lock_guard lock(mu_);
  sender_ = std::move(sender);
}

void Mock::set_public_base_url(std::string url) {
  std::lock_guard lock(mu_);
  while (!url.empty() && url.back() == '/') url.pop_back();
  options_.public_base_url = std::move(url);
}

void Mock::set_hosted_base_url(std::string url) {
  std::lock_guard lock(mu_);
  while (!url.empty() && url.back() == '/') url.pop_back();
  options_.service.hosted_base_url = url;
  service_.set_hosted_base_url(std::move(url));
}

void Mock::reset(std::uint64_t seed, core::Instant start) {
  store_->clear();
  prng_.set_state(seed);
  request_ids_.set_state(core::derive_seed(seed, "request-ids"));
  clock_.restore(start);
  store_->set_meta("seed", std::to_string(seed));
  persisted_ = {};
  persist_runtime_state();
  service_.take_changes();
  service_.take_notices();
  outbox_.clear(seed);
  signature_log_.clear();
  change_log_.clear();
  journal_.restart();
}

void Mock::log_changes(const std::vector<Change>& changes) {
  constexpr std::size_t kKept = 1000;
  for (const auto& c : changes) {
    change_log_.push_back(c);
    if (change_log_.size() > kKept) change_log_.pop_front();
  }
}

void Mock::queue_notifications() {
  outbox_.enqueue(service_.take_notices(), options_.notification_delay);
  if (outbox_.take_dirty()) store_->set_meta("notifications", outbox_.to_json().dump());
}

void Mock::reload_notifications() {
  service_.take_notices();
  auto stored = store_->meta("notifications");
  if (!stored) {
    outbox_.clear(std::stoull(store_->meta("seed").value_or(std::to_string(options_.seed))));
    return;
  }
  auto loaded = notifications::Outbox::from_json(nlohmann::json::parse(*stored));
  if (!loaded) throw std::runtime_error(loaded.error());
  outbox_ = std::move(loaded).value();
}

transport::MockParts Mock::parts() {
  return transport::MockParts{
      options_,       *store_,
      clock_,         prng_,
      service_,       keys_,
      signature_log_, [this](std::uint64_t seed, core::Instant start) { reset(seed, start); },
      outbox_,        change_log_,
      nullptr,        journal_};
}

void Mock::persist_runtime_state(bool with_request_ids) {
  // Written only when changed: most requests move neither the clock nor the id generator.
  auto write = [&](const char* key, std::uint64_t value, std::optional<std::uint64_t>& last) {
    if (last == value) return false;
    store_->set_meta(key, std::to_string(value));
    last = value;
    return true;
  };
  bool clock = write("clock", static_cast<std::uint64_t>(clock_.now().time_since_epoch().count()),
                     persisted_.clock);
  bool prng = write("prng", prng_.state(), persisted_.prng);
  if (with_request_ids || clock || prng)
    write("request_ids", request_ids_.state(), persisted_.request_ids);
}

core::HttpResponse Mock::finish(core::HttpResponse response) {
  if (response.status == kNoResponse) return response;
  core::set_header(response.headers, "x-amz-pay-request-id", request_ids_.uuid());
  core::set_header(response.headers, "date", core::format_http_date(clock_.now()));
  return response;
}

// Called with mu_ held, as the request's answer leaves: one lock per request serves both
// the request and its journal entry.
core::HttpResponse Mock::recorded(const core::HttpRequest& request,
                                  core::HttpResponse response) {
  if (journal_.capacity() > 0) journal_.record(request, response, clock_.now());
  return response;
}

core::HttpResponse Mock::handle(const core::HttpRequest& request) {
  follow_wall_clock();  // Realtime only: what fell due since the last request runs first
  bool control_api = control::is_control_path(request.path);
  if (control_api) {
    auto refused = transport::missing_token_refusal(request, options_.control_token);
    if (!refused) refused = transport::cross_site_refusal(request);
    if (refused) {
      std::lock_guard lock(mu_);
      return recorded(request, finish(std::move(*refused)));
    }
  }
  if (control_api && request.method == "POST") {
    std::string path = request.path;
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    if (path == control::path_of(control::Endpoint::ClockAdvance)) {
      core::HttpResponse response = advance(request);  // locks and unlocks as it goes
      std::lock_guard lock(mu_);
      return recorded(request, std::move(response));
    }
  }
  const bool hosted_page =
      !control_api && transport::is_hosted_page_path(options_.service.hosted_base_url, request.path);
  std::optional<transport::Prepared> prepared;
  if (!control_api && !hosted_page) prepared = transport::prepare_api(options_, keys_, request);
  // Two requests at once: the next requests about to commit try letting the others in first
  // (commit_group() keeps them at it while that fills groups).
  if (working_.fetch_add(1) > 0 && yields_left_.load() < kProbeYields)
    yields_left_.store(kProbeYields);
  std::unique_lock lock(mu_);
  const Ticket ticket = join_group();
  const std::int64_t changes_before = store_->total_changes();
  core::HttpResponse response;
  try {
    transport::MockParts p = parts();
    p.prepared = prepared ? &*prepared : nullptr;
    response = control_api   ? transport::handle_control(p, request)
               : hosted_page ? transport::handle_hosted_page(p, request)
                             : transport::handle_api(p, request);
    response = finish(std::move(response));
    queue_notifications();
    // Only the clock's advance answers with its changes (mock_advance.cpp); a request's go
    // to the change log alone.
    log_changes(service_.take_changes());
    keep_request(ticket, store_->total_changes() != changes_before);
  } catch (const std::exception& e) {
    // A bug or a storage failure: nothing of the request is kept.
    undo_request(ticket);
    response = finish(transport::error_response(ReasonCode::InternalServerError,
                                                std::string("mock failure: ") + e.what()));
  }
  response = await_commit(lock, ticket, std::move(response));
  return recorded(request, std::move(response));
}

}  // namespace mock_amazon
