// Operations on an application (申込) after it was made: スキップ, 申込取消, 申込削除,
// 決済方法の変更 and オプション解約, by the merchant (管理画面) or, for スキップ and 申込取消,
// by the member on マイページ. Each ends the application's use of its Charge Permission where
// the help page says so (SUB-009..012; the deletion itself: permission_deletion.cpp).
#include "shop_model/subscriptions/subscriptions.hpp"

namespace shop_model {
namespace {

std::optional<std::string> iso(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return core::format_iso(*t);
}

std::string permission_status(const Subscription& s) {
  if (s.charge_permission_id.empty()) return "";
  if (s.charge_permission_closed) return "削除済";
  if (s.charge_permission_unusable)
    return "削除予定 " + core::format_jst(*s.charge_permission_close_at);
  return "有効";
}

// What a running application needs before it can be changed; "" when it can.
std::string not_running(const Subscription& s) {
  if (s.deleted) return "削除された申込です。";
  if (s.status != SubscriptionStatus::Active)
    return "申込ステータスが「" + std::string(name(s.status)) + "」の申込は変更できません。";
  return "";
}

// マイページ shows a member only their own applications, and no deleted one.
bool visible_to(const Subscription& s, const SubscriptionRequester& who) {
  return who.merchant || (!s.deleted && s.member_id == who.member_id);
}

std::string no_such(const std::string& id) {
  return "申込 " + id + " はありません。";
}

}  // namespace

SubscriptionView Subscriptions::view_of(const Subscription& s) const {
  SubscriptionView v;
  v.subscription_id = s.id;
  v.status = name(s.status);
  v.deleted = s.deleted;
  v.member_id = s.member_id;
  v.payment_method = name(s.payment_method);
  v.amount_per_delivery = s.amount_per_delivery;
  v.deliveries_total = s.deliveries_total;
  v.deliveries_generated = s.deliveries_generated;
  v.deliveries_skipped = s.deliveries_skipped;
  v.applied_at = core::format_iso(s.applied_at);
  v.next_generation_at = iso(s.next_generation_at);
  v.charge_permission_id = s.charge_permission_id;
  v.charge_permission_expires = iso(s.charge_permission_expires);
  v.charge_permission_status = permission_status(s);
  v.order_numbers = s.order_numbers;
  return v;
}

ShopResult<SubscriptionView> Subscriptions::update(const std::string& id, SubscriptionRequester who,
                                                   const Change& change) {
  auto sub = ctx_.store.subscription(id);
  if (!sub || !visible_to(*sub, who)) return core::fail(no_such(id));
  UnitOfWork work(ctx_.store);
  if (std::string refused = change(*sub, work); !refused.empty()) return core::fail(refused);
  work.save(*sub);
  work.commit();
  return view_of(*sub);
}

ShopResult<SubscriptionView> Subscriptions::detail(const std::string& id,
                                                   SubscriptionRequester who) {
  auto sub = ctx_.store.subscription(id);
  if (!sub || !visible_to(*sub, who)) return core::fail(no_such(id));
  return view_of(*sub);
}

ShopResult<SubscriptionView> Subscriptions::skip_next_delivery(const std::string& id,
                                                               SubscriptionRequester who) {
  return update(id, who, [&](Subscription& s, UnitOfWork& work) {
    if (std::string refused = not_running(s); !refused.empty()) return refused;
    ++s.deliveries_skipped;
    schedule_next(s, work);
    return std::string();
  });
}

ShopResult<SubscriptionView> Subscriptions::cancel(const std::string& id,
                                                   SubscriptionRequester who) {
  return update(id, who, [&](Subscription& s, UnitOfWork& work) {
    if (std::string refused = not_running(s); !refused.empty()) return refused;
    s.status = SubscriptionStatus::Canceled;
    s.next_generation_at.reset();
    work.unschedule(JobKind::GenerateSubscriptionOrder, s.id);
    mark_permission_unusable(s, work);  // SUB-009
    return std::string();
  });
}

ShopResult<SubscriptionView> Subscriptions::remove(const std::string& id) {
  return update(id, SubscriptionRequester{}, [&](Subscription& s, UnitOfWork& work) {
    if (s.deleted) return std::string("削除された申込です。");
    s.deleted = true;
    s.deleted_at = ctx_.clock.now();
    s.next_generation_at.reset();
    work.unschedule(JobKind::GenerateSubscriptionOrder, s.id);
    mark_permission_unusable(s, work);  // SUB-010
    return std::string();
  });
}

ShopResult<SubscriptionView> Subscriptions::change_payment_method(const std::string& id,
                                                                  PaymentMethod method) {
  return update(id, SubscriptionRequester{}, [&](Subscription& s, UnitOfWork& work) {
    if (std::string refused = not_running(s); !refused.empty()) return refused;
    if (method == PaymentMethod::AmazonPay)
      return std::string("他の決済から「Amazon Pay」に変更することはできません");  // PMC-007
    if (method == PaymentMethod::NotRequired)
      return std::string("定期・頒布会の申込は「決済不要」にできません。");
    if (s.payment_method != PaymentMethod::AmazonPay) {
      s.payment_method = method;
      return std::string();
    }
    s.payment_method = method;
    mark_permission_unusable(s, work);  // SUB-011
    return std::string();
  });
}

// Decided: the applications stay 継続中 (the merchant was told to process them first, L195);
// their permission is deleted, so a later generation on Amazon Pay is 保留 (SUB-003).
void Subscriptions::option_canceled() {
  for (const std::string& id : ctx_.store.subscription_ids()) {
    auto s = ctx_.store.subscription(id);
    if (!s || s->payment_method != PaymentMethod::AmazonPay || s->charge_permission_unusable)
      continue;
    UnitOfWork work(ctx_.store);
    mark_permission_unusable(*s, work);  // SUB-012
    work.save(*s);
    work.commit();
  }
}

}  // namespace shop_model
