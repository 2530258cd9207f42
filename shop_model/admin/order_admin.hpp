// 受注管理: what the merchant does to an order in the 管理画面. Every operation returns the
// 受注詳細 screen; an operation the shop refuses shows its error there (OrderDetailView::error).
//
//   order_detail.cpp          受注詳細, 受注検索, 設定 checklist, thanks mail
//   amazon_sync.cpp           自動連携: reading the charges' status from Amazon
//   capture.cpp               入金処理 (capture)
//   reauthorization.cpp       再与信 (re-authorization)
//   order_status.cpp          受注ステータス changes and キャンセル
//   payment_method_change.cpp 決済方法の変更
//   charge_permission.cpp     deleting a Charge Permission, closed at Amazon after a delay
//   amount_change.cpp         金額変更 (AMT)
//   refund.cpp                「Amazonの取引情報を取り消す」: cancel and refund Charge by Charge
//   payment_not_required.cpp  決済不要 (ZERO)
//   payment_date.cpp          入金日取消 (PAYDATE)
//
// Every operation follows the unit-of-work rule (store/unit_of_work.hpp) through
// update_order: load the order, call Amazon, then save in one transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shop_model/domain/order_mails.hpp"
#include "shop_model/domain/rules.hpp"
#include "shop_model/shop_context.hpp"
#include "shop_model/store/unit_of_work.hpp"
#include "shop_model/views.hpp"

namespace shop_model {

// 「Amazonの取引情報を取り消す」 when cancelling an order or changing its payment method.
enum class AmazonTransaction {
  Keep,    // unticked: Amazon is not told
  Cancel,  // ticked: authorizations canceled, captures refunded
};

// What Amazon shows of a Charge / Refund, copied onto the shop's record: state, reasonCode,
// captured and refunded amounts; a Captured charge the shop captured becomes confirmed
// (decision 3). Used by 自動連携 reads (amazon_sync.cpp) and by Amazon's notifications.
void apply_charge_view(ChargeRecord& charge, const ChargeView& amazon);
void apply_refund_view(RefundRecord& refund, const RefundView& amazon);

class OrderAdmin {
 public:
  explicit OrderAdmin(ShopContext& context) : ctx_(context) {}

  // 受注詳細 as last known, without asking Amazon.
  ShopResult<OrderDetailView> order_detail(const std::string& order_number);
  // Opens 受注詳細: with 自動連携, reads every charge's status from Amazon first.
  ShopResult<OrderDetailView> open_order(const std::string& order_number);
  ShopResult<OrderDetailView> capture(const std::string& order_number);      // 入金処理
  ShopResult<OrderDetailView> reauthorize(const std::string& order_number);  // [再与信]
  ShopResult<OrderDetailView> change_status(const std::string& order_number,
                                            OrderStatus status);
  ShopResult<OrderDetailView> cancel_order(const std::string& order_number,
                                           AmazonTransaction amazon_transaction);
  // PaymentMethod::NotRequired goes to set_payment_not_required.
  ShopResult<OrderDetailView> change_payment_method(const std::string& order_number,
                                                    PaymentMethod method,
                                                    AmazonTransaction amazon_transaction);
  // 金額変更 (AMT-001..013): never calls Amazon; 入金処理 later captures the new total.
  ShopResult<OrderDetailView> change_amount(const std::string& order_number, AmountChange change);
  // 決済不要 (ZERO-001..005): the order total must be ¥0.
  ShopResult<OrderDetailView> set_payment_not_required(const std::string& order_number,
                                                       AmazonTransaction amazon_transaction);
  // 入金日取消 (PAYDATE-001/002): only when 入金済; never calls Amazon.
  ShopResult<OrderDetailView> cancel_payment_date(const std::string& order_number);
  ShopResult<std::string> render_thanks_mail(const std::string& order_number,
                                             const std::string& template_text);
  // 注文確認メール / サンクスメール / 任意受注メール: the given template, or the kind's own.
  ShopResult<std::string> render_order_mail(const std::string& order_number, MailKind kind,
                                            const std::optional<std::string>& template_text);
  // 受注検索 by 受注ステータス and 与信ステータス (nullopt = any).
  Page search_orders(std::optional<OrderStatus> order_status,
                     std::optional<AuthorizationStatus> authorization_status);
  // 設定: the Amazon Pay set-up checklist shown to the merchant.
  Page setup_checklist() const;
  std::vector<std::string> order_numbers();
  std::optional<Order> order(const std::string& order_number);

  // The job CloseChargePermission (decision 5).
  void close_deleted_permission(const std::string& order_number, Instant at);

 private:
  // load → change (may call Amazon) → save in one transaction → 受注詳細. The order's last
  // error is cleared before the change.
  template <class Change>
  ShopResult<OrderDetailView> update_order(const std::string& order_number, Change change);

  OrderDetailView detail_of(const Order& order) const;
  void refresh(Order& order);
  void refresh_charge(ChargeRecord& charge);
  void capture_authorizations(Order& order);
  void record_reauthorization_failure(Order& order, ChargeRecord attempt, const ApiError& error);
  // 「Amazonの取引情報を取り消す」 ticked: read Amazon, cancel/refund Charge by Charge,
  // delete the Charge Permission (CAN-002/003, PMC-004, ZERO-002, decision 4).
  void withdraw_from_amazon(Order& order, UnitOfWork& work);
  void cancel_amazon_side(Order& order);
  void mark_permission_unusable(Order& order, UnitOfWork& work);

  ShopContext& ctx_;
};

// Marks an order as being changed for the life of one update_order (nested updates of the
// same order keep the outer mark).
class OrderBeingChanged {
 public:
  OrderBeingChanged(ShopContext& ctx, const std::string& number)
      : ctx_(ctx), number_(number), marked_(ctx.orders_being_changed.insert(number).second) {}
  ~OrderBeingChanged() {
    if (marked_) ctx_.orders_being_changed.erase(number_);
  }
  OrderBeingChanged(const OrderBeingChanged&) = delete;
  OrderBeingChanged& operator=(const OrderBeingChanged&) = delete;

 private:
  ShopContext& ctx_;
  std::string number_;
  bool marked_;
};

template <class Change>
ShopResult<OrderDetailView> OrderAdmin::update_order(const std::string& number, Change change) {
  auto order = ctx_.store.order(number);  // 1. read
  if (!order) return core::fail("unknown order '" + number + "'");
  order->last_error.clear();
  OrderBeingChanged lock(ctx_, number);
  UnitOfWork work(ctx_.store);
  change(*order, work);  // 2. call Amazon, on the loaded copy only
  work.save(*order);
  work.commit();  // 3. one transaction
  return detail_of(*order);
}

}  // namespace shop_model
