// Seller Central: what the merchant does by hand in Amazon's console (rules AMT-004, AMT-012,
// decision 8). Every operation runs the API's own code path, so transitions and limits are
// the API's; only the changes' actor differs (ChangeActor::SellerCentral).
#include "mock_amazon/service/service_internal.hpp"

namespace mock_amazon {
namespace {

using R = ReasonCode;

// AMT-004: Seller Central changes amounts only within 180 days of the permission's creation.
// Refused with InvalidChargePermissionStatus (HTTP 422): the permission is past the state in
// which Seller Central offers the change; no reasonCode of Amazon's names the window itself.
inline constexpr core::Duration kAmountChangeWindow = core::kDay * 180;

std::optional<AmazonError> outside_window(const ChargePermission& cp, Instant now) {
  if (now < cp.created + kAmountChangeWindow) return std::nullopt;
  return AmazonError{R::InvalidChargePermissionStatus,
                     "Seller Central changes amounts only within 180 days of the charge "
                     "permission's creation (" +
                         core::format_iso(cp.created) + ")"};
}

}  // namespace

Outcome<Charge> Service::sc_capture(const ChargeId& id, std::optional<Yen> amount) {
  ActorScope scope(*this, ChangeActor::SellerCentral);
  if (!amount) {
    auto loaded = load_charge(id);
    if (!loaded) return loaded;
    amount = loaded->charge_amount;
  }
  return capture_charge(id, CaptureInput{*amount, std::nullopt}, std::nullopt);
}

Outcome<Refund> Service::sc_refund(const ChargeId& id, Yen amount) {
  ActorScope scope(*this, ChangeActor::SellerCentral);
  return create_refund(CreateRefundInput{id, amount, std::nullopt}, std::nullopt);
}

Outcome<Charge> Service::sc_cancel(const ChargeId& id) {
  ActorScope scope(*this, ChangeActor::SellerCentral);
  return cancel_charge(id, std::nullopt);
}

Outcome<ChargePermission> Service::sc_close(const ChargePermissionId& id,
                                            bool cancel_pending_charges) {
  ActorScope scope(*this, ChangeActor::SellerCentral);
  return close_charge_permission(id, CloseChargePermissionInput{std::nullopt, cancel_pending_charges},
                                 std::nullopt);
}

Outcome<Charge> Service::sc_increase(const ChargePermissionId& id, Yen amount, bool capture) {
  ActorScope scope(*this, ChangeActor::SellerCentral);
  auto cp = load_cp(id);
  if (!cp) return core::fail(cp.error());
  if (auto refused = outside_window(*cp, now())) return core::fail(*refused);
  // Create Charge's limits apply as they are: amountLimit, 25 charges, the monthly cap, and a
  // gift-card-only permission declining any amount above its original (PaymentMethodNotAllowed,
  // AMT-011).
  CreateChargeInput in;
  in.charge_permission_id = id;
  in.charge_amount = amount;
  in.capture_now = capture;
  return create_charge(in, std::nullopt);
}

Outcome<Charge> Service::sc_change_amount(const ChargeId& id, Yen amount) {
  ActorScope scope(*this, ChangeActor::SellerCentral);
  auto old = load_charge(id);
  if (!old) return old;
  auto cp = load_cp(old->charge_permission_id);
  if (!cp) return core::fail(cp.error());
  if (auto refused = outside_window(*cp, now())) return core::fail(*refused);
  if (old->state != ChargeState::Authorized)
    return core::fail(AmazonError{R::InvalidChargeStatus,
                                  "Seller Central changes the amount of an Authorized charge only "
                                  "(this one is " +
                                      std::string(name(old->state)) + ")"});
  // Both steps or neither: a refused new charge leaves the old one Authorized.
  const char* point = "sc_change_amount";
  std::size_t changes = changes_.size(), notices = notices_.size();
  store_.savepoint(point);
  if (auto canceled = cancel_with(id, ChargeTrigger::Cancel); !canceled) {
    store_.rollback_to(point);
    return canceled;
  }
  CreateChargeInput in;
  in.charge_permission_id = old->charge_permission_id;
  in.charge_amount = amount;
  in.merchant_metadata = old->merchant_metadata;
  in.soft_descriptor = std::nullopt;
  auto created = create_charge(in, std::nullopt);
  if (!created) {
    store_.rollback_to(point);
    changes_.resize(changes);
    notices_.resize(notices);
    return created;
  }
  store_.release(point);
  return created;
}

}  // namespace mock_amazon
