// The reference shop: futureshop's Amazon Pay behaviour as the help page describes it.
//
// Shop is a thin facade: it owns the shared context and one part per feature, and forwards.
// The logic lives in the features (see shop_model/README.md for the map):
//   storefront/    the browser session: cart, checkout, Amazon's return pages
//   members/       会員ログイン, AmazonID連携 at registration, 退会
//   admin/         受注管理: 入金処理, 再与信, status changes, cancellation, 決済方法の変更,
//                  金額変更, 決済不要, 入金日取消
//   subscriptions/ 定期・頒布会
//   jobs/          work that falls due later, run in time order by the simulated clock
//   notifications/ the 販売事業者様サイトURL: Amazon's notifications (SNS envelopes)
//
// The shop talks to Amazon only through a core::AmazonPayClient (HTTP with signatures, or
// in-process). It reads time only from the Clock it is given, draws idempotency keys from
// its own seeded generator, and keeps its records in a ShopStore, saved by the unit of work
// (store/unit_of_work.hpp) under one rule: read, call Amazon outside any transaction, then
// apply Amazon's answers and commit in one transaction.
//
// Every customer action returns the Page the browser shows next; every admin action returns
// the 受注詳細 screen.
//
// Thread safety: none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/amazon_pay_client.hpp"
#include "core/clock.hpp"
#include "shop_model/admin/order_admin.hpp"
#include "shop_model/jobs/jobs.hpp"
#include "shop_model/members/members.hpp"
#include "shop_model/notifications/ipn_endpoint.hpp"
#include "shop_model/shop_context.hpp"
#include "shop_model/storefront/storefront.hpp"
#include "shop_model/subscriptions/subscriptions.hpp"
#include "shop_model/views.hpp"

namespace shop_model {

class Shop final : public core::Schedule {
 public:
  Shop(ShopSettings settings, std::vector<Product> catalog, core::AmazonPayClient& amazon,
       ShopStore& store, const core::Clock& clock, std::uint64_t seed,
       Waiter& waiter = no_waiting());  // lets time pass between attempts of a call

  const ShopSettings& settings() const { return ctx_.settings; }
  ShopSettings& mutable_settings() { return ctx_.settings; }
  const std::vector<Product>& catalog() const { return ctx_.catalog; }

  // The features, for callers that want them directly.
  Storefront& storefront() { return storefront_; }
  Members& members() { return members_; }
  OrderAdmin& admin() { return admin_; }
  Subscriptions& subscriptions() { return subscriptions_; }
  NotificationEndpoint& notifications() { return notifications_; }

  // ---- storefront (the customer): storefront/storefront.hpp ----
  ShopResult<Page> add_to_cart(const std::string& product_code, int quantity) {
    return storefront_.add_to_cart(product_code, quantity);
  }
  Page view_cart() { return storefront_.view_cart(); }
  Page select_store_pickup(StorePickup pickup) { return storefront_.select_store_pickup(pickup); }
  Page pay_on_this_site() { return storefront_.pay_on_this_site(); }
  Page press_amazon_pay() { return storefront_.press_amazon_pay(); }
  // The member URLs first (members/mypage.cpp), then the storefront's.
  Page navigate(const std::string& url);
  Page place_order(const PlaceOrderInput& input) { return storefront_.place_order(input); }
  Page back_to_amazon() { return storefront_.back_to_amazon(); }
  ShopResult<Page> place_normal_form_order(const std::string& payment_method,
                                           const CustomerFieldValues& fields = {}) {
    return storefront_.place_normal_form_order(payment_method, fields);
  }
  // 「追加情報入力」 submitted (GST-002).
  Page fill_additional_info(const CustomerFieldValues& fields) {
    return storefront_.fill_additional_info(fields);
  }

  // ---- members: members/members.hpp ----
  ShopResult<Page> log_in(const std::string& member_id) { return members_.log_in(member_id); }
  Page log_out() { return members_.log_out(); }
  std::optional<std::string> logged_in_member() const { return members_.logged_in_member(); }
  ShopResult<Member> withdraw_member(const std::string& member_id) {
    return members_.withdraw(member_id);
  }
  std::optional<Member> member(const std::string& member_id) { return members_.member(member_id); }
  ShopResult<Member> add_member(const RegistrationInput& in) { return members_.add_member(in); }
  Page open_login() { return members_.open_login(); }
  Page press_amazon_login() { return members_.press_amazon_login(); }
  Page log_in_with_password(const std::string& login, const std::string& password) {
    return members_.log_in_with_password(login, password);
  }
  Page register_member(const RegistrationInput& in) { return members_.register_member(in); }
  Page change_password(const std::optional<std::string>& current, const std::string& password) {
    return members_.change_password(current, password);
  }
  Page reset_password(const std::string& email, const std::string& password) {
    return members_.reset_password(email, password);
  }
  Page unlink_amazon() { return members_.unlink_amazon(); }
  Page search_members(AmazonLinkCriterion amazon_link) { return members_.search(amazon_link); }
  std::string export_members(MemberExport kind, AmazonLinkCriterion amazon_link) {
    return members_.export_csv(kind, amazon_link);
  }

  // ---- admin (受注管理): admin/order_admin.hpp ----
  ShopResult<OrderDetailView> order_detail(const std::string& n) { return admin_.order_detail(n); }
  ShopResult<OrderDetailView> open_order(const std::string& n) { return admin_.open_order(n); }
  ShopResult<OrderDetailView> capture(const std::string& n) { return admin_.capture(n); }
  ShopResult<OrderDetailView> reauthorize(const std::string& n) { return admin_.reauthorize(n); }
  ShopResult<OrderDetailView> change_status(const std::string& n, OrderStatus status) {
    return admin_.change_status(n, status);
  }
  ShopResult<OrderDetailView> cancel_order(const std::string& n, AmazonTransaction amazon) {
    return admin_.cancel_order(n, amazon);
  }
  ShopResult<OrderDetailView> change_payment_method(const std::string& n, PaymentMethod method,
                                                    AmazonTransaction amazon) {
    return admin_.change_payment_method(n, method, amazon);
  }
  ShopResult<OrderDetailView> change_amount(const std::string& n, AmountChange change) {
    return admin_.change_amount(n, change);
  }
  ShopResult<OrderDetailView> set_payment_not_required(const std::string& n,
                                                       AmazonTransaction amazon) {
    return admin_.set_payment_not_required(n, amazon);
  }
  ShopResult<OrderDetailView> cancel_payment_date(const std::string& n) {
    return admin_.cancel_payment_date(n);
  }
  ShopResult<std::string> render_thanks_mail(const std::string& n, const std::string& text) {
    return admin_.render_thanks_mail(n, text);
  }
  ShopResult<std::string> render_order_mail(const std::string& n, MailKind kind,
                                            const std::optional<std::string>& text) {
    return admin_.render_order_mail(n, kind, text);
  }
  Page search_orders(std::optional<OrderStatus> order_status,
                     std::optional<AuthorizationStatus> authorization_status) {
    return admin_.search_orders(order_status, authorization_status);
  }
  Page setup_checklist() const { return admin_.setup_checklist(); }
  std::vector<std::string> order_numbers() { return admin_.order_numbers(); }
  std::optional<Order> order(const std::string& n) { return admin_.order(n); }

  // ---- 定期・頒布会: subscriptions/subscriptions.hpp ----
  std::optional<Subscription> subscription(const std::string& id) {
    return subscriptions_.subscription(id);
  }
  std::vector<std::string> subscription_ids() { return subscriptions_.subscription_ids(); }
  // 管理画面 > 定期・頒布会 申込詳細 and its operations.
  ShopResult<SubscriptionView> subscription_detail(const std::string& id) {
    return subscriptions_.detail(id, SubscriptionRequester{});
  }
  ShopResult<SubscriptionView> skip_delivery(const std::string& id) {
    return subscriptions_.skip_next_delivery(id, SubscriptionRequester{});
  }
  ShopResult<SubscriptionView> cancel_subscription(const std::string& id) {
    return subscriptions_.cancel(id, SubscriptionRequester{});
  }
  ShopResult<SubscriptionView> delete_subscription(const std::string& id) {
    return subscriptions_.remove(id);
  }
  ShopResult<SubscriptionView> change_subscription_payment_method(const std::string& id,
                                                                  PaymentMethod method) {
    return subscriptions_.change_payment_method(id, method);
  }
  // マイページ: the logged-in member's own application.
  ShopResult<SubscriptionView> my_skip_delivery(const std::string& id) {
    return subscriptions_.skip_next_delivery(id, as_member());
  }
  ShopResult<SubscriptionView> my_cancel_subscription(const std::string& id) {
    return subscriptions_.cancel(id, as_member());
  }

  // 設定 changed by the merchant; turning the Amazon Pay (recurring) or subscription option
  // off is オプション解約 (SUB-012).
  void update_settings(const ShopSettings& settings);

  // ---- the 販売事業者様サイトURL: notifications/ipn_endpoint.hpp ----
  // One POST from Amazon (an SNS envelope); the answer Amazon gets. Never throws.
  core::HttpResponse receive_notification(const core::HttpRequest& request) {
    return notifications_.receive(request);
  }

  // ---- scheduled work (core::Schedule): jobs/jobs.hpp ----
  std::optional<core::Instant> next_due() override { return jobs_.next_due(); }
  void run_due(core::Instant at) override { jobs_.run_due(at); }

 private:
  SubscriptionRequester as_member() const {
    return SubscriptionRequester{false, members_.logged_in_member().value_or("")};
  }

  ShopContext ctx_;
  Subscriptions subscriptions_;
  Storefront storefront_;
  Members members_;
  OrderAdmin admin_;
  Jobs jobs_;
  NotificationEndpoint notifications_;
};

}  // namespace shop_model
