#include "scenarios/registry.hpp"

#include <algorithm>

#include "mock_amazon/service/service.hpp"

namespace scenarios {
namespace {

using T = ParamType;

ParamSpec req(std::string name, ParamType type, std::string doc) {
  ParamSpec p;
  p.name = std::move(name);
  p.type = type;
  p.required = true;
  p.doc = std::move(doc);
  return p;
}

ParamSpec opt(std::string name, ParamType type, std::string doc) {
  ParamSpec p = req(std::move(name), type, std::move(doc));
  p.required = false;
  return p;
}

ParamSpec def(std::string name, ParamType type, std::string default_value, std::string doc) {
  ParamSpec p = opt(std::move(name), type, std::move(doc));
  p.default_value = std::move(default_value);
  return p;
}

ParamSpec with_choices(ParamSpec p, std::vector<std::string> choices) {
  p.choices = std::move(choices);
  return p;
}

ParamSpec expectation(ParamSpec p) {
  p.matcher_ok = true;
  return p;
}

ParamSpec order_param() {
  return req("order", T::OrderRef,
             "the order: \"#1\" (the n-th order of this scenario), \"last\", or an order number");
}

ParamSpec member_param() {
  return req("member", T::MemberRef,
             "the member: \"#1\" (the n-th member registered in this scenario), \"last\", or a "
             "member id");
}

std::vector<std::string> force_operations() {
  using mock_amazon::SimulatedOperation;
  std::vector<std::string> out;
  for (auto op : {SimulatedOperation::CompleteCheckoutSession, SimulatedOperation::CreateCharge,
                  SimulatedOperation::CaptureCharge, SimulatedOperation::CreateRefund,
                  SimulatedOperation::CloseChargePermission})
    out.emplace_back(mock_amazon::name(op));
  return out;
}

StepSpec step(std::string name, std::string doc, std::vector<ParamSpec> params = {}) {
  StepSpec s;
  s.name = std::move(name);
  s.doc = std::move(doc);
  s.params = std::move(params);
  return s;
}

StepSpec scalar_form(StepSpec s, std::string param) {
  s.scalar_param = std::move(param);
  return s;
}

StepSpec open(StepSpec s) {
  s.open_fields = true;
  return s;
}

std::vector<StepSpec> make_steps() {
  std::vector<StepSpec> s;

  // ---- the customer's browser
  s.push_back(step("customer.add_to_cart",
                   "Puts a product into the cart; the browser shows the cart.",
                   {req("product", T::ProductRef, "product code from the scenario's catalogue"),
                    def("quantity", T::Int, "1", "how many")}));
  s.push_back(step("customer.view_cart", "Opens the cart."));
  s.push_back(step("customer.select_store_pickup", "Ticks (or unticks) store pickup in the cart.",
                   {def("selected", T::Bool, "true", "tick or untick")}));
  s.push_back(step("customer.pay_on_this_site",
                   "Presses 「このサイトでお支払い」: the normal order form."));
  s.push_back(
      step("customer.place_normal_form_order",
           "Completes a non-Amazon checkout through the normal order form.",
           {req("payment_method", T::String, "payment method name, e.g. クレジットカード")}));
  s.push_back(step("customer.press_amazon_pay",
                   "Presses [amazon pay] in the cart: Amazon's sign-in page, or the cart with an "
                   "error."));
  s.push_back(step(
      "customer.place_order",
      "Submits the Amazon Pay dedicated 「ご注文手続き」 screen: Amazon's payment page, or the "
      "screen again with an error.",
      {def("privacy_consent", T::Bool, "true", "ticks the privacy-policy consent"),
       def("register_member", T::Bool, "false", "ご購入と同時に会員登録"),
       opt("newsletter", T::Bool, "newsletter choice (only with register_member)"),
       def("delivery_note", T::String, "\"\"", "free text for the delivery"),
       def("extra_delivery_addresses", T::Int, "0", "asks for this many additional addresses"),
       def("store_pickup", T::Bool, "false", "asks for store pickup")}));
  s.push_back(scalar_form(step("customer.open_url", "The browser follows a URL.",
                               {req("url", T::String, "absolute URL")}),
                          "url"));
  s.push_back(step("customer.open_order_history",
                   "Opens マイページ > 注文履歴詳細 of an order (https://<domain>/my/orders/<n>).",
                   {order_param()}));
  s.push_back(step("customer.back_to_amazon",
                   "Follows the dedicated screen's link back to Amazon's page to choose another "
                   "address or payment method."));
  s.push_back(step("customer.log_in", "Logs a member in.", {member_param()}));
  s.push_back(step("customer.log_out", "Logs the member out."));

  // ---- the buyer on Amazon's hosted pages
  s.push_back(
      step("amazon_buyer.sign_in",
           "On Amazon's sign-in page: signs in as a sandbox buyer, picks an address and a payment "
           "method, and follows Amazon's redirect back to the shop. Needs the browser on Amazon's "
           "sign-in page.",
           {def("buyer", T::String, "taro", "sandbox buyer: taro or hanako"),
            def("address", T::String, "home", "address key: home, office, short-phone (taro)"),
            def("payment_method", T::String, "card-1111",
                "payment method key: card-1111, card-3434 (declines), card-0701 (pending), "
                "giftcard, giftcard+card-1111, ...")}));
  s.push_back(step("amazon_buyer.pass_payment_page",
                   "On Amazon's payment page: confirms, and follows the redirect back to the "
                   "shop. An error from Amazon becomes the step's error; the browser stays."));
  s.push_back(step("amazon_buyer.cancel",
                   "On Amazon's sign-in or payment page: cancels, and follows the redirect back "
                   "to the shop."));
  s.push_back(step("amazon_buyer.update_payment_method",
                   "The buyer changes the payment method of the order's Charge Permission at "
                   "Amazon.",
                   {order_param(), req("payment_method", T::String, "payment method key")}));

  // ---- Amazon's side (the mock's control API)
  {
    StepSpec f =
        step("amazon.force",
             "Queues a forced outcome for the next matching Amazon operation. The object is the "
             "order's Charge Permission (CreateCharge, CloseChargePermission), its charge #n "
             "(CaptureCharge, CreateRefund) or checkout session (CompleteCheckoutSession; the "
             "current checkout when no order is given); without an order, any object.",
             {with_choices(req("operation", T::Enum, "the operation"), force_operations()),
              opt("order", T::OrderRef, "the order whose object the outcome applies to"),
              def("charge", T::Int, "1", "which charge of the order (1 = the first)"),
              req("outcome", T::String,
                  "simulation code valid for the operation, e.g. HardDeclined, "
                  "AuthorizationInitiated, CaptureInitiated, AmazonRejected"),
              with_choices(opt("then", T::Enum,
                               "after AuthorizationInitiated: how the pending authorization ends"),
                           {"HardDeclined", "SoftDeclined", "AmazonRejected", "ProcessingFailure",
                            "TransactionTimedOut"})});
    s.push_back(std::move(f));
  }
  s.push_back(step(
      "amazon.fault", "Makes Amazon fail the next `count` matching API requests.",
      {opt("path", T::String, "path prefix such as /v2/charges (default: every API path)"),
       with_choices(opt("method", T::Enum, "HTTP method (default: any)"),
                    {"GET", "POST", "PATCH", "DELETE"}),
       with_choices(def("kind", T::Enum, "error", "error answer, timeout, or dropped connection"),
                    {"error", "timeout", "drop"}),
       opt("reason_code", T::String,
           "reasonCode of the error answer (default InternalServerError)"),
       opt("status", T::Int, "HTTP status of the error answer (default: the reasonCode's)"),
       def("count", T::Int, "1", "how many requests fail; -1 = until amazon.clear_faults")}));
  s.push_back(step("amazon.clear_faults", "Removes every fault."));
  s.push_back(step(
      "amazon.make_non_chargeable", "Amazon marks the order's Charge Permission NonChargeable.",
      {order_param(),
       with_choices(req("reason", T::Enum, "reason code"),
                    {"PaymentMethodInvalid", "PaymentMethodDeleted", "BillingAddressDeleted",
                     "PaymentMethodExpired", "PaymentMethodNotAllowed", "PaymentMethodNotSet",
                     "ChargeInProgress", "MFAFailed"})}));
  s.push_back(step("amazon.cancel_charge",
                   "Amazon cancels charge #n of the order (AmazonCanceled).",
                   {order_param(), def("charge", T::Int, "1", "which charge (1 = the first)")}));
  s.push_back(step("amazon.cancel_charge_permission",
                   "Amazon closes the order's Charge Permission (AmazonClosed).", {order_param()}));

  // ---- the merchant in futureshop admin
  s.push_back(step("admin.open_order",
                   "Opens 受注詳細 (with 自動連携, the shop reads every charge from Amazon first).",
                   {order_param()}));
  s.push_back(step("admin.capture", "入金処理.", {order_param()}));
  s.push_back(step("admin.search_orders",
                   "受注検索 by 受注ステータス and 与信ステータス; the browser shows the result "
                   "(screen order_search).",
                   {def("order_status", T::String, "\"\"", "e.g. 保留; empty = any"),
                    def("authorization_status", T::String, "\"\"", "e.g. 承認失敗; empty = any")}));
  s.push_back(step("admin.open_setup_checklist",
                   "Opens the Amazon Pay set-up checklist (screen setup_checklist)."));
  s.push_back(step("admin.reauthorize", "[再与信].", {order_param()}));
  s.push_back(
      step("admin.change_status", "Changes 受注ステータス.",
           {order_param(), req("status", T::String, "new status, e.g. 通常処理, キャンセル")}));
  s.push_back(step("admin.cancel_order", "Cancels the order.",
                   {order_param(), def("cancel_amazon_transaction", T::Bool, "false",
                                       "ticks 「Amazonの取引情報を取り消す」")}));
  s.push_back(step("admin.change_payment_method", "Changes the order's payment method.",
                   {order_param(), req("to", T::String, "new payment method, e.g. 銀行振込"),
                    def("cancel_amazon_transaction", T::Bool, "false",
                        "ticks 「Amazonの取引情報を取り消す」")}));
  s.push_back(step("admin.withdraw_member", "Withdraws (退会) a member.", {member_param()}));
  s.push_back(step(
      "admin.render_thanks_mail",
      "Renders a thanks-mail template for the order (expect.mail checks it).",
      {order_param(), req("template", T::String, "template text with {@domain}, $REQNUM$, ...")}));
  {
    StepSpec u =
        step("admin.update_settings", "Changes shop settings mid-scenario; same keys as `shop:`.",
             settings_fields());
    for (const ParamSpec& p : u.params) u.at_least_one_of.push_back(p.name);
    s.push_back(std::move(u));
  }

  // ---- simulated time
  s.push_back(scalar_form(
      step("clock.advance",
           "Moves the simulated time forward, running Amazon's and the shop's due work in time "
           "order.",
           {req("by", T::Span, "span: 30s, 15m, 24h, 30d, 2w, 1d12h, 13mo")}),
      "by"));
  s.push_back(scalar_form(step("clock.advance_to", "Moves the simulated time to an instant.",
                               {req("to", T::Timestamp, "2026-02-04T00:00:00Z or with an offset")}),
                          "to"));
  s.push_back(step("clock.next",
                   "Moves to the earliest scheduled work of Amazon or the shop (fails when "
                   "nothing is scheduled)."));

  // ---- expectations
  s.push_back(open(
      step("expect.screen",
           "Partial match against the browser's current page (to_json(Page)); other keys are "
           "fields of the screen.",
           {expectation(opt("screen", T::String,
                            "cart, normal_order_form, amazon_pay_order, order_complete, my_order, "
                            "amazon_page, not_found"))})));
  s.push_back(open(step("expect.order",
                        "Partial match against 受注詳細 as last known, without asking Amazon; "
                        "other keys are fields of the order detail.",
                        {order_param()})));
  {
    StepSpec e =
        step("expect.error",
             "The error of the previous action step: the page's or order detail's "
             "`error`, or the step's own error. equals: \"\" asserts no error.",
             {opt("contains", T::String, "substring"), opt("equals", T::String, "whole text")});
    e.exactly_one_of = {"contains", "equals"};
    s.push_back(std::move(e));
  }
  s.push_back(
      step("expect.amazon.charge", "Reads charge #n of the order from Amazon and matches it.",
           {order_param(), def("charge", T::Int, "1", "which charge (1 = the first)"),
            expectation(opt("state", T::String, "statusDetails.state")),
            expectation(opt("reason", T::String, "statusDetails.reasonCode")),
            expectation(opt("charge_amount", T::Int, "chargeAmount.amount")),
            expectation(opt("capture_amount", T::Int, "captureAmount.amount")),
            expectation(opt("refunded_amount", T::Int, "refundedAmount.amount (0 when none)")),
            opt("match", T::Object, "partial match on Amazon's raw JSON")}));
  s.push_back(step(
      "expect.amazon.charge_permission",
      "Reads the order's Charge Permission from Amazon and matches it.",
      {order_param(), expectation(opt("state", T::String, "statusDetails.state")),
       expectation(
           opt("reasons", T::StringList, "reasonCodes of statusDetails.reasons ([] when none)")),
       expectation(opt("amount_limit", T::Int, "limits.amountLimit.amount")),
       expectation(opt("amount_balance", T::Int, "limits.amountBalance.amount")),
       expectation(opt("expires", T::Timestamp, "expirationTimestamp (compared as an instant)")),
       opt("match", T::Object, "partial match on Amazon's raw JSON")}));
  s.push_back(step(
      "expect.amazon.checkout_session",
      "Reads a Checkout Session from Amazon: the order's, or the current checkout's.",
      {opt("order", T::OrderRef, "read this order's checkout session instead of the current one"),
       expectation(opt("state", T::String, "statusDetails.state")),
       expectation(opt("reason", T::String, "statusDetails.reasonCode")),
       opt("match", T::Object, "partial match on Amazon's raw JSON")}));
  {
    StepSpec e =
        step("expect.amazon_calls",
             "Checks the Amazon API calls of the previous action step (control calls to /__mock "
             "are not counted). A pattern is \"METHOD /path-prefix\" or \"/path-prefix\"; "
             "environment prefixes (/sandbox, /live) are ignored.",
             {opt("count", T::Int, "exact number of API calls"),
              opt("none_matching", T::Patterns, "no call matches any of these"),
              opt("some_matching", T::Patterns, "each pattern matches at least one call")});
    e.at_least_one_of = {"count", "none_matching", "some_matching"};
    s.push_back(std::move(e));
  }
  {
    StepSpec e =
        step("expect.mail", "The last rendered thanks mail.",
             {opt("contains", T::String, "substring"), opt("equals", T::String, "whole text")});
    e.exactly_one_of = {"contains", "equals"};
    s.push_back(std::move(e));
  }
  s.push_back(open(step("expect.member",
                        "Partial match against the member record; other keys are member fields "
                        "(id, email, name, status, amazon_buyer_id, has_password, newsletter, "
                        "registered_at, amazon_linked_at).",
                        {member_param()})));
  return s;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

const std::vector<ParamSpec>& settings_fields() {
  static const std::vector<ParamSpec> fields = [] {
    ParamSpec options = opt("options", T::Fields, "the shop's contracted options");
    options.fields = {opt("amazon_pay", T::Bool, "Amazon Pay option"),
                      opt("amazon_pay_recurring", T::Bool, "Amazon Pay 定期・頒布会 option"),
                      opt("subscription", T::Bool, "the shop's own 定期・頒布会 option"),
                      opt("store_pickup", T::Bool, "店舗受取オプション")};
    ParamSpec auto_link = opt("auto_link", T::BoolOrFields,
                              "自動連携: true/false, or {use, configure} (ON only when both)");
    auto_link.fields = {opt("use", T::Bool, "「利用する」"),
                        opt("configure", T::Bool, "「設定する」")};
    return std::vector<ParamSpec>{
        with_choices(opt("variant", T::Enum, "コマースクリエイター variant"),
                     {"CC_NONE", "CC_MIGRATING", "CC_LIVE"}),
        options,
        auto_link,
        opt("merchant_url", T::Bool, "販売事業者様サイトURL registered"),
        with_choices(opt("member_registration", T::Enum, "会員登録方法"), {"open", "admin_only"}),
        opt("multiple_destinations", T::Bool, "複数お届け機能"),
        opt("privacy_consent_required", T::Bool, "privacy-policy consent required"),
        opt("charge_permission_deletion_delay", T::Duration,
            "delay before an unusable Charge Permission is closed (rules.md decision 5)"),
        opt("domain", T::String, "shop domain"),
        opt("name", T::String, "shop name"),
        opt("other_payment_methods", T::StringList, "payment methods of the normal order form"),
    };
  }();
  return fields;
}

const std::vector<ParamSpec>& product_fields() {
  static const std::vector<ParamSpec> fields = {
      req("code", T::String, "product code used by customer.add_to_cart"),
      req("name", T::String, "product name"),
      req("price", T::Int, "price in yen"),
      with_choices(def("type", T::Enum, "normal", "product type"),
                   {"normal", "reservation", "subscription"}),
  };
  return fields;
}

const std::vector<ParamSpec>& top_level_keys() {
  static const std::vector<ParamSpec> keys = {
      req("id", T::Id, "unique across all files: [A-Za-z0-9._-]+"),
      req("title", T::String, "what the scenario shows, for people"),
      req("rules", T::RuleList, "catalogue rule IDs this scenario checks"),
      opt("assumes", T::RuleList, "rule IDs whose adopted interpretation the scenario relies on"),
      def("start", T::Timestamp, std::string(kDefaultStart), "simulated start instant"),
      opt("matrix", T::Matrix,
          "variable → list of values; one run per combination, ${variable} substituted in "
          "every string of shop, products and steps"),
      opt("shop", T::Settings, "overrides of the default shop settings"),
      opt("products", T::Products, "the catalogue (replaces the default one)"),
      req("steps", T::Steps, "the steps, in order"),
  };
  return keys;
}

const std::vector<StepSpec>& step_specs() {
  static const std::vector<StepSpec> steps = make_steps();
  return steps;
}

const StepSpec* find_step(std::string_view name) {
  for (const StepSpec& s : step_specs())
    if (s.name == name) return &s;
  return nullptr;
}

std::string closest_step(std::string_view name) {
  std::string best;
  size_t best_distance = 4;  // further than this is not a typo
  for (const StepSpec& s : step_specs()) {
    size_t d = edit_distance(name, s.name);
    if (d < best_distance) {
      best_distance = d;
      best = s.name;
    }
  }
  return best;
}

const std::vector<MatcherSpec>& matcher_specs() {
  static const std::vector<MatcherSpec> specs = {
      {"$contains", T::String,
       "a string containing the text, or a list with an element equal to the value"},
      {"$not", T::Expected, "anything that does not match the value"},
      {"$empty", T::Bool, "true: \"\", [], {} or null; false: anything else"},
      {"$any_of", T::StringList, "matches one of the listed values"},
      {"$absent", T::Bool, "true: the key is missing or null"},
      {"$present", T::Bool, "true: the key exists and is not null"},
  };
  return specs;
}

const MatcherSpec* find_matcher(std::string_view name) {
  for (const MatcherSpec& m : matcher_specs())
    if (m.name == name) return &m;
  return nullptr;
}

const std::vector<DefaultProduct>& default_products() {
  static const std::vector<DefaultProduct> products = {
      {"normal", "通常商品", 5000, "normal"},
      {"reservation", "予約商品", 8000, "reservation"},
      {"subscription", "定期商品", 3000, "subscription"},
      {"ten-million", "高額商品", 10000000, "normal"},
      {"over-ten-million", "高額商品(上限超過)", 10000001, "normal"},
      {"one-yen", "1円商品", 1, "normal"},
  };
  return products;
}

}  // namespace scenarios
