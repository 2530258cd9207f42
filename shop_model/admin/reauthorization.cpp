// 再与信 (re-authorization): a new authorization on the order's Charge Permission for what
// is no longer authorized (REAUTH-*, AMT-005), replacing the authorizations that hold no money.
#include "shop_model/admin/order_admin.hpp"
#include "shop_model/domain/messages.hpp"
#include "shop_model/domain/rules.hpp"

namespace shop_model {
namespace {

bool holds_no_money(const ChargeRecord& c) {
  switch (authorization_status(c)) {
    case AuthorizationStatus::AuthorizationExpired:
    case AuthorizationStatus::AuthorizationFailed:
    case AuthorizationStatus::AuthorizationCanceled:
    case AuthorizationStatus::CaptureDeclined: return true;
    default: return false;
  }
}

}  // namespace

ShopResult<OrderDetailView> OrderAdmin::reauthorize(const std::string& number) {
  return update_order(number, [&](Order& o, UnitOfWork& work) {
    refresh(o);
    if (ReauthBlock block = reauthorization_block(o, ctx_.settings); block != ReauthBlock::None) {
      o.last_error = std::string(describe(block));
      return;
    }
    ChargeRecord attempt;
    attempt.role = authorized_amount(o) > Yen{0} ? ChargeRole::Increase : ChargeRole::Reauthorization;
    attempt.amount = reauthorization_amount(o);
    attempt.requested_at = ctx_.clock.now();
    auto created = ctx_.amazon.create_charge(o.charge_permission_id, attempt.amount, o.number);
    if (!created && created.error().transport()) {
      o.last_error = std::string(messages::kAmazonUnreachable);
      return;
    }
    if (!created) return record_reauthorization_failure(o, attempt, created.error());
    attempt.charge_id = created->id;
    attempt.amazon_state = created->state;
    attempt.amazon_reason = created->reason;
    for (auto& c : o.charges)
      if (holds_no_money(c)) c.superseded = true;
    o.reauthorization_failure.clear();  // REAUTH-016: the message stays until this succeeds
    o.charges.push_back(attempt);
    // SUB-007 / decision 10: a Recurring permission's expiry moves; keep the shop's copy.
    if (auto cp = ctx_.amazon.get_charge_permission(o.charge_permission_id); cp) {
      o.charge_permission_expires = cp->expires;
      // The application keeps the expiry too: its next generation depends on it.
      if (auto sub = ctx_.store.subscription(o.subscription_id); sub) {
        sub->charge_permission_expires = cp->expires;
        work.save(*sub);
      }
    }
  });
}

// Amazon refused: the attempt is kept (replacing earlier failed ones) and, when the failure
// is final, the message of decision 9 is shown until a 再与信 succeeds.
void OrderAdmin::record_reauthorization_failure(Order& o, ChargeRecord attempt,
                                                const ApiError& e) {
  attempt.amazon_reason = e.reason_code;
  for (auto& c : o.charges)
    if (c.charge_id.empty()) c.superseded = true;
  o.charges.push_back(attempt);
  ChargePermissionState state = ChargePermissionState::None;
  std::vector<ReasonCode> reasons;
  if (auto cp = ctx_.amazon.get_charge_permission(o.charge_permission_id); cp) {
    state = cp->state;
    reasons = cp->reasons;
  }
  auto message = reauthorization_failure_message(reason_code(e.reason_code), state, reasons);
  if (!message.empty()) o.reauthorization_failure = std::string(message);
  o.last_error = "再与信に失敗しました: " + e.describe();
}

}  // namespace shop_model
