// The hosted pages' handlers (hosted_pages.hpp). A page reads the checkout session only to
// show it; every choice the buyer makes goes through Service::sign_in, pass_payment_page and
// cancel_on_hosted_page, exactly as the control API's buyer does.
#include "mock_amazon/transport/hosted_pages.hpp"

#include <array>
#include <optional>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "core/signing.hpp"
#include "mock_amazon/transport/api_codec.hpp"
#include "mock_amazon/transport/hosted_html.hpp"

namespace mock_amazon::transport {
namespace {

using html::esc;
using nlohmann::json;
using R = ReasonCode;

constexpr const char* kSessionParam = "amazonCheckoutSessionId";

enum class Page { SignIn, Payment, Cancel };
constexpr std::array<std::pair<Page, std::string_view>, 3> kPages{{
    {Page::SignIn, "signin"},
    {Page::Payment, "payment"},
    {Page::Cancel, "cancel"},
}};

std::string checkout_prefix(const MockParts& m) {
  return html::path_prefix(m.options.service.hosted_base_url) + "/checkout/";
}

core::HttpResponse error_page(const AmazonError& e) {
  return html::page(
      e.status(), "This checkout cannot go on",
      "<p class=\"error\"><strong>" + esc(name(e.code)) + "</strong>: " + esc(e.message) + "</p>");
}

// A page's link to itself or a sibling: relative, so it works under any base URL.
std::string sibling(std::string_view page, const std::string& session_id,
                    const std::string& extra = "") {
  return std::string(page) + "?" + kSessionParam + "=" + core::uri_encode_component(session_id) +
         extra;
}

std::string hidden(std::string_view field, const std::string& value) {
  return "<input type=\"hidden\" name=\"" + std::string(field) + "\" value=\"" + esc(value) + "\">";
}

std::string cancel_form(const std::string& session_id) {
  return "<form method=\"post\" action=\"cancel\">" + hidden(kSessionParam, session_id) +
         "<button type=\"submit\" name=\"cancel\">Cancel and return to the shop</button></form>";
}

// The session when its state allows `trigger` (what the Service would refuse is shown first).
Outcome<CheckoutSession> session_for(MockParts& m, const std::string& id,
                                     CheckoutSessionTrigger trigger) {
  if (id.empty())
    return core::fail(AmazonError{R::MissingParameterValue,
                                  std::string("the page needs ?") + kSessionParam + "=ID"});
  auto cs = m.service.get_checkout_session(CheckoutSessionId{id});
  if (!cs) return cs;
  if (auto moved = transition(checkout_session_table(), cs->state, trigger); !moved)
    return core::fail(moved.error());
  return cs;
}

std::string merchant_line(const CheckoutSession& cs) {
  std::string out =
      "<p>Shop: " + esc(cs.merchant_metadata.merchant_store_name.value_or(cs.store_id));
  if (cs.payment.charge_amount) out += " — amount " + esc(cs.payment.charge_amount->display());
  return out + "</p>";
}

std::string address_text(const Address& a) {
  std::string out = "〒" + a.postal_code + " " + a.state_or_region + " " + a.address_line1;
  if (a.address_line2) out += " " + *a.address_line2;
  return out + " (" + a.name + ", " + a.phone_number + ")";
}

// Radio buttons, the first checked: (value, label already escaped).
std::string radios(const char* field,
                   const std::vector<std::pair<std::string, std::string>>& items) {
  std::string out;
  bool first = true;
  for (const auto& [key, label] : items) {
    out += "<label><input type=\"radio\" name=\"" + std::string(field) + "\" value=\"" + esc(key) +
           "\"" + (first ? " checked" : "") + "> " + label + "</label>";
    first = false;
  }
  return out;
}

std::string with_note(const std::string& text, const std::string& key, const std::string& note) {
  return esc(text) + " <span class=\"note\">[" + esc(key) + "] " + esc(note) + "</span>";
}

std::string address_choices(const SandboxBuyer& buyer) {
  std::vector<std::pair<std::string, std::string>> items;
  for (const auto& a : buyer.addresses)
    items.emplace_back(a.key, with_note(address_text(a.address), a.key, a.note));
  return radios("address", items);
}

// The simulation each card stands for, as GET /__mock/buyers describes it.
std::string instrument_choices(const SandboxBuyer& buyer) {
  std::vector<std::pair<std::string, std::string>> items;
  json described = api::encode_buyer(buyer);
  for (const auto& i : described["paymentMethods"]) {
    std::string key = i["key"];
    items.emplace_back(key, with_note(i["paymentDescriptor"], key, i["behaviour"]));
  }
  return radios("paymentMethod", items);
}

core::HttpResponse buyer_list(const std::string& id, const CheckoutSession& cs) {
  std::string body = merchant_line(cs) + "<p>Sign in as a sandbox buyer:</p><ul>";
  for (const auto& b : sandbox_buyers())
    body += "<li><a href=\"" + esc(sibling("signin", id, "&buyer=" + b.key)) + "\">" + esc(b.name) +
            " (" + esc(b.email) + ")</a></li>";
  return html::page(200, "Amazon Pay: sign in", body + "</ul>" + cancel_form(id));
}

core::HttpResponse get_sign_in(MockParts& m, const core::HttpRequest& r) {
  std::string id = html::form_value(r.query, kSessionParam);
  auto cs = session_for(m, id, CheckoutSessionTrigger::SignIn);
  if (!cs) return error_page(cs.error());
  std::string buyer_key = html::form_value(r.query, "buyer");
  if (buyer_key.empty()) return buyer_list(id, *cs);
  const SandboxBuyer* buyer = find_sandbox_buyer(buyer_key);
  if (!buyer)
    return error_page(
        AmazonError{R::InvalidParameterValue, "unknown sandbox buyer '" + buyer_key + "'"});
  std::string body =
      merchant_line(*cs) + "<p>Signed in as " + esc(buyer->name) + " (" + esc(buyer->email) +
      ", gift card balance " + esc(buyer->gift_card_balance.display()) + "). <a href=\"" +
      esc(sibling("signin", id)) + "\">Not you?</a></p>" +
      "<form method=\"post\" action=\"signin\">" + hidden(kSessionParam, id) +
      hidden("buyer", buyer->key) + "<fieldset><legend>Shipping address</legend>" +
      address_choices(*buyer) + "</fieldset><fieldset><legend>Payment method</legend>" +
      instrument_choices(*buyer) +
      "</fieldset><button type=\"submit\" name=\"continue\">Continue</button></form>" +
      cancel_form(id);
  return html::page(200, "Amazon Pay: choose an address and a payment method", body);
}

AmazonError not_a_web_url(const std::string& url) {
  return AmazonError{R::InvalidParameterValue,
                     "the shop's return URL is not an http(s) URL: " + url};
}

// The merchant's URL the Service chose, when it is one a browser may be sent to.
core::HttpResponse go_to_merchant(const HostedPageResult& result) {
  if (!html::is_web_url(result.redirect_url)) return error_page(not_a_web_url(result.redirect_url));
  return html::see_other(result.redirect_url);
}

using UrlField = std::optional<std::string> WebCheckoutDetails::*;

// The form's session, once its URL `field` is one a browser may be sent to: checked before the
// Service acts, so a session never changes for a buyer the page then cannot send on (an
// unknown session is left for the Service to report).
Outcome<CheckoutSessionId> form_session(MockParts& m, const core::HttpRequest& r, UrlField field) {
  CheckoutSessionId id{html::form_value(r.body, kSessionParam)};
  auto cs = m.service.get_checkout_session(id);
  if (!cs) return id;
  const std::optional<std::string>& url = cs->web.*field;
  if (url && !html::is_web_url(*url)) return core::fail(not_a_web_url(*url));
  return id;
}

core::HttpResponse post_sign_in(MockParts& m, const core::HttpRequest& r) {
  BuyerSelection sel{html::form_value(r.body, "buyer"), html::form_value(r.body, "address"),
                     html::form_value(r.body, "paymentMethod")};
  if (sel.buyer.empty() || sel.address.empty() || sel.instrument.empty())
    return error_page(
        AmazonError{R::MissingParameterValue, "choose a buyer, an address and a payment method"});
  auto id = form_session(m, r, &WebCheckoutDetails::checkout_review_return_url);
  if (!id) return error_page(id.error());
  auto result = m.service.sign_in(*id, sel);
  if (!result) return error_page(result.error());
  return go_to_merchant(*result);
}

core::HttpResponse get_payment(MockParts& m, const core::HttpRequest& r) {
  std::string id = html::form_value(r.query, kSessionParam);
  auto cs = session_for(m, id, CheckoutSessionTrigger::PassPaymentPage);
  if (!cs) return error_page(cs.error());
  auto missing = m.service.constraints(*cs);
  if (!missing.empty()) {
    std::string list;
    for (const auto& c : missing) list += (list.empty() ? "" : ", ") + c;
    return error_page(AmazonError{R::InvalidCheckoutSessionStatus,
                                  "the shop has not finished the checkout session: " + list});
  }
  const BuyerSelection& sel = *cs->selection;  // no BuyerNotAssociated constraint
  const SandboxBuyer* buyer = find_sandbox_buyer(sel.buyer);
  const SandboxAddress* address = buyer ? buyer->find_address(sel.address) : nullptr;
  const SandboxInstrument* instrument = buyer ? buyer->find_instrument(sel.instrument) : nullptr;
  if (!address || !instrument)
    return error_page(AmazonError{R::InvalidCheckoutSessionStatus, "the buyer's choice is gone"});
  bool confirm_only = cs->payment.payment_intent == PaymentIntent::Confirm;
  std::string body = merchant_line(*cs) + "<dl><dt>Buyer</dt><dd>" + esc(buyer->name) +
                     "</dd><dt>Ship to</dt><dd>" + esc(address_text(address->address)) +
                     "</dd><dt>Pay with</dt><dd>" + esc(payment_descriptor(*instrument)) +
                     " <a href=\"" + esc(sibling("signin", id, "&buyer=" + buyer->key)) +
                     "\">Change</a></dd></dl>" + "<form method=\"post\" action=\"payment\">" +
                     hidden(kSessionParam, id) + "<button type=\"submit\" name=\"pay\">" +
                     (confirm_only ? "Continue" : "Pay now") + "</button></form>" + cancel_form(id);
  return html::page(200, "Amazon Pay: confirm your payment", body);
}

core::HttpResponse post_payment(MockParts& m, const core::HttpRequest& r) {
  auto id = form_session(m, r, &WebCheckoutDetails::checkout_result_return_url);
  if (!id) return error_page(id.error());
  auto result = m.service.pass_payment_page(*id);
  if (!result) return error_page(result.error());
  return go_to_merchant(*result);
}

core::HttpResponse post_cancel(MockParts& m, const core::HttpRequest& r) {
  auto id = form_session(m, r, &WebCheckoutDetails::checkout_cancel_url);
  if (!id) return error_page(id.error());
  auto result = m.service.cancel_on_hosted_page(*id);
  if (!result) return error_page(result.error());
  auto cs = m.service.get_checkout_session(*id);
  if (cs && cs->web.checkout_cancel_url) return go_to_merchant(*result);
  // No checkoutCancelUrl: the buyer stays with Amazon and may go back to the shop.
  std::string back =
      html::is_web_url(result->redirect_url)
          ? "<p><a href=\"" + esc(result->redirect_url) + "\">Back to the shop</a></p>"
          : "";
  return html::page(200, "You cancelled the checkout",
                    "<p>The checkout session is now Canceled (BuyerCanceled).</p>" + back);
}

struct PageRoute {
  Page page;
  const char* method;
  core::HttpResponse (*handler)(MockParts&, const core::HttpRequest&);
};

constexpr std::array<PageRoute, 5> kRoutes{{
    {Page::SignIn, "GET", &get_sign_in},
    {Page::SignIn, "POST", &post_sign_in},
    {Page::Payment, "GET", &get_payment},
    {Page::Payment, "POST", &post_payment},
    {Page::Cancel, "POST", &post_cancel},
}};

}  // namespace

bool is_hosted_page_path(const std::string& hosted_base_url, const std::string& path) {
  std::string prefix = html::path_prefix(hosted_base_url) + "/checkout/";
  return path.compare(0, prefix.size(), prefix) == 0;
}

core::HttpResponse handle_hosted_page(MockParts& m, const core::HttpRequest& r) {
  std::string_view rest = std::string_view(r.path).substr(checkout_prefix(m).size());
  const Page* page = nullptr;
  for (const auto& [p, text] : kPages)
    if (text == rest) page = &p;
  if (!page) return error_page(AmazonError{R::ResourceNotFound, "no hosted page at " + r.path});
  if (r.method == "POST")
    if (auto refused = cross_site_refusal(r))
      return error_page(AmazonError{R::UnauthorizedAccess, "a form of another site was refused"});
  for (const auto& route : kRoutes)
    if (route.page == *page && r.method == route.method) return route.handler(m, r);
  return error_page(AmazonError{R::UnsupportedOperation, r.method + " is not supported here"});
}

}  // namespace mock_amazon::transport
