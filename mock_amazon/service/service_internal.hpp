// Internal to service/*.cpp: the single transition helper (Service::apply / create), what it
// needs to know of each resource, and small shared helpers.
#pragma once

#include <algorithm>
#include <cassert>
#include <string>
#include <vector>

#include "mock_amazon/service/service.hpp"

namespace mock_amazon {

// Per resource: its transition table, its name in Changes, how a reason is kept, and the
// invariants of domain/model.hpp that can be judged on the resource alone.
template <class Resource>
struct ResourceRules;

template <>
struct ResourceRules<CheckoutSession> {
  static constexpr const char* kName = "CheckoutSession";
  static const CheckoutSessionTable& table() { return checkout_session_table(); }
  static void set_reason(CheckoutSession& cs, std::optional<ReasonCode> r) { cs.reason = r; }
  static bool invariants_hold(const CheckoutSession&) { return true; }
};

template <>
struct ResourceRules<ChargePermission> {
  static constexpr const char* kName = "ChargePermission";
  static const ChargePermissionTable& table() { return charge_permission_table(); }
  static void set_reason(ChargePermission& cp, std::optional<ReasonCode> r) {
    cp.reasons.clear();
    if (r) cp.reasons.push_back(*r);
  }
  static bool invariants_hold(const ChargePermission& cp) {
    return cp.charge_count <= limits::kMaxChargesPerOneTimePermission ||
           cp.type == ChargePermissionType::Recurring;
  }
};

template <>
struct ResourceRules<Charge> {
  static constexpr const char* kName = "Charge";
  static const ChargeTable& table() { return charge_table(); }
  static void set_reason(Charge& c, std::optional<ReasonCode> r) { c.reason = r; }
  static bool invariants_hold(const Charge& c) {
    Yen captured = c.capture_amount.value_or(Yen{0});
    return captured <= c.charge_amount && c.refund_count <= limits::kMaxRefundsPerCharge &&
           c.refunded_amount <= c.refund_requested &&
           c.refund_requested <= limits::refund_ceiling(captured);
  }
};

template <>
struct ResourceRules<Refund> {
  static constexpr const char* kName = "Refund";
  static const RefundTable& table() { return refund_table(); }
  static void set_reason(Refund& r, std::optional<ReasonCode> reason) { r.reason = reason; }
  static bool invariants_hold(const Refund& r) { return r.amount > Yen{0}; }
};

namespace service_detail {

// A resource's Charge Permission, read off its id: charges are "<permission>-C123456" and
// refunds "<permission>-R123456" (Service::new_charge_id, new_refund_id).
inline std::string permission_of(std::string_view resource, const std::string& id) {
  if (resource == "ChargePermission") return id;
  if (resource == "Charge") return id.substr(0, id.rfind("-C"));
  if (resource == "Refund") return id.substr(0, id.rfind("-R"));
  return "";
}

}  // namespace service_detail

// Attributes the changes recorded while it lives to `actor`.
class ActorScope {
 public:
  ActorScope(Service& service, ChangeActor actor)
      : service_(service), previous_(service.exchange_actor(actor)) {}
  ~ActorScope() { service_.exchange_actor(previous_); }
  ActorScope(const ActorScope&) = delete;
  ActorScope& operator=(const ActorScope&) = delete;

 private:
  Service& service_;
  ChangeActor previous_;
};

template <class T>
void Service::record(const char* resource, const std::string& id, std::optional<T> from, T to,
                     std::optional<ReasonCode> reason) {
  Change c;
  c.at = now();
  c.resource = resource;
  c.id = id;
  if (from) c.from = std::string(name(*from));
  c.to = std::string(name(to));
  if (reason) c.reason = std::string(name(*reason));
  c.actor = actor_;
  c.charge_permission_id = service_detail::permission_of(resource, id);
  changes_.push_back(c);
  notices_.push_back(std::move(c));
}

template <class Resource, class State, class Trigger>
Outcome<void> Service::move(Resource& resource, std::optional<State> from, Trigger trigger,
                            std::optional<ReasonCode> reason) {
  auto entered = enter(resource, from, trigger, reason);
  if (entered) store_.put(resource);
  return entered;
}

template <class Resource, class State, class Trigger>
Outcome<void> Service::enter(Resource& resource, std::optional<State> from, Trigger trigger,
                             std::optional<ReasonCode> reason) {
  using Rules = ResourceRules<Resource>;
  auto moved = transition(Rules::table(), from, trigger, reason);
  if (!moved) return core::fail(moved.error());
  record<State>(Rules::kName, resource.id.str(), from, moved->state, moved->reason);
  resource.state = moved->state;
  Rules::set_reason(resource, moved->reason);
  resource.last_updated = now();
  assert(Rules::invariants_hold(resource));
  return {};
}

template <class Resource, class Trigger>
Outcome<void> Service::apply(Resource& resource, Trigger trigger,
                             std::optional<ReasonCode> reason) {
  return move(resource, std::optional(resource.state), trigger, reason);
}

template <class Resource, class Trigger>
void Service::apply_allowed(Resource& resource, Trigger trigger, std::optional<ReasonCode> reason) {
  [[maybe_unused]] auto applied = apply(resource, trigger, reason);
  assert(applied.ok());
}

template <class Resource, class Trigger>
void Service::create(Resource& resource, Trigger trigger) {
  using State = decltype(resource.state);
  [[maybe_unused]] auto created = move(resource, std::optional<State>(), trigger, std::nullopt);
  assert(created.ok());  // every resource's table has its creating row
}

template <class Resource, class Trigger>
void Service::create_unsaved(Resource& resource, Trigger trigger) {
  using State = decltype(resource.state);
  [[maybe_unused]] auto created = enter(resource, std::optional<State>(), trigger, std::nullopt);
  assert(created.ok());
}

namespace service_detail {

inline AmazonError not_found(const char* resource, const std::string& id) {
  return AmazonError{ReasonCode::ResourceNotFound,
                     std::string(resource) + " " + id + " was not found"};
}

inline AmazonError invalid(const std::string& message) {
  return AmazonError{ReasonCode::InvalidParameterValue, message};
}

inline std::string with_session_param(const std::string& url, const CheckoutSessionId& id) {
  char sep = url.find('?') == std::string::npos ? '?' : '&';
  return url + sep + "amazonCheckoutSessionId=" + id.str();
}

// Fields present replace.
inline void merge(MerchantMetadata& into, const MerchantMetadata& m) {
  if (m.merchant_reference_id) into.merchant_reference_id = m.merchant_reference_id;
  if (m.merchant_store_name) into.merchant_store_name = m.merchant_store_name;
  if (m.note_to_buyer) into.note_to_buyer = m.note_to_buyer;
  if (m.custom_information) into.custom_information = m.custom_information;
}


inline bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace service_detail
}  // namespace mock_amazon
