// amazon_buyer.*: the buyer on Amazon's hosted pages, through the mock's control API.
#include <fmt/core.h>

#include "mock_amazon/domain/sandbox.hpp"
#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

struct SignIn {
  std::string buyer = "taro";
  std::string address = "home";
  std::string payment_method = "card-1111";
};
StepOutcome sign_in(ScenarioContext& c, const SignIn& p) {
  const auto* page = c.amazon_page();
  if (!page || page->page != "sign-in") return failure(c.not_on("Amazon's sign-in page"));
  return c.follow_hosted(
      ScenarioContext::json_answer(c.control().sign_in(
          page->checkout_session_id, {p.buyer, p.address, p.payment_method})));
}

// Typos in sandbox keys would only show up as Amazon refusing the sign-in mid-run.
void check_sign_in(const SignIn& p, StepIssues& issues) {
  const mock_amazon::SandboxBuyer* buyer = mock_amazon::find_sandbox_buyer(p.buyer);
  if (!buyer) {
    std::vector<std::string> keys;
    for (const auto& b : mock_amazon::sandbox_buyers()) keys.push_back(b.key);
    issues.at("buyer", fmt::format("amazon_buyer.sign_in: unknown sandbox buyer '{}' (known: {})",
                                   p.buyer, join(keys)));
    return;
  }
  if (!buyer->find_address(p.address)) {
    std::vector<std::string> keys;
    for (const auto& a : buyer->addresses) keys.push_back(a.key);
    issues.at("address", fmt::format("amazon_buyer.sign_in: {} has no address '{}' (known: {})",
                                     buyer->key, p.address, join(keys)));
  }
  if (!buyer->find_instrument(p.payment_method)) {
    std::vector<std::string> keys;
    for (const auto& i : buyer->instruments) keys.push_back(i.key);
    issues.at("payment_method",
              fmt::format("amazon_buyer.sign_in: {} has no payment method '{}' (known: {})",
                          buyer->key, p.payment_method, join(keys)));
  }
}

StepOutcome pass_payment_page(ScenarioContext& c, const NoParams&) {
  const auto* page = c.amazon_page();
  if (!page || page->page != "payment") return failure(c.not_on("Amazon's payment page"));
  return c.follow_hosted(
      ScenarioContext::json_answer(c.control().pass_payment_page(page->checkout_session_id)));
}

StepOutcome cancel(ScenarioContext& c, const NoParams&) {
  const auto* page = c.amazon_page();
  if (!page) return failure(c.not_on("an Amazon page"));
  return c.follow_hosted(
      ScenarioContext::json_answer(c.control().cancel_checkout(page->checkout_session_id)));
}

struct UpdatePaymentMethod {
  OrderRef order;
  std::string payment_method;
};
StepOutcome update_payment_method(ScenarioContext& c, const UpdatePaymentMethod& p) {
  auto cp = c.permission_id(p.order.text);
  if (!cp) return failure(cp.error());
  auto answer = ScenarioContext::json_answer(
      c.control().buyer_update_payment_method(*cp, p.payment_method));
  if (!answer) {
    c.set_error(answer.error());
    return note("Amazon refused: " + answer.error());
  }
  return note("Charge Permission " + *cp + ": " + dump(friendly_permission(*answer)));
}

void check_update_payment_method(const UpdatePaymentMethod& p, StepIssues& issues) {
  bool known = false;
  for (const auto& b : mock_amazon::sandbox_buyers())
    known = known || b.find_instrument(p.payment_method) != nullptr;
  if (!known)
    issues.at("payment_method",
              fmt::format("amazon_buyer.update_payment_method: no sandbox buyer has a payment "
                          "method '{}'",
                          p.payment_method));
}

}  // namespace

void add_amazon_buyer_steps(StepList& steps) {
  steps.add<SignIn>(
      "amazon_buyer.sign_in",
      "On Amazon's sign-in page: signs in as a sandbox buyer, picks an address and a payment "
      "method, and follows Amazon's redirect back to the shop. Needs the browser on Amazon's "
      "sign-in page.",
      {optional("buyer", &SignIn::buyer, "sandbox buyer: taro or hanako"),
       optional("address", &SignIn::address, "address key: home, office, short-phone, short-postal, unknown-prefecture (taro)"),
       optional("payment_method", &SignIn::payment_method,
                "payment method key: card-1111, card-3434 (declines), card-0701 (pending), "
                "giftcard, giftcard+card-1111, ...")},
      &sign_in, &check_sign_in);
  steps.add<NoParams>("amazon_buyer.pass_payment_page",
                      "On Amazon's payment page: confirms, and follows the redirect back to the "
                      "shop. An error from Amazon becomes the step's error; the browser stays.",
                      {}, &pass_payment_page);
  steps.add<NoParams>("amazon_buyer.cancel",
                      "On Amazon's sign-in or payment page: cancels, and follows the redirect "
                      "back to the shop.",
                      {}, &cancel);
  steps.add<UpdatePaymentMethod>(
      "amazon_buyer.update_payment_method",
      "The buyer changes the payment method of the order's Charge Permission at Amazon.",
      {order_param(&UpdatePaymentMethod::order),
       required("payment_method", &UpdatePaymentMethod::payment_method, "payment method key")},
      &update_payment_method, &check_update_payment_method);
}

}  // namespace scenarios
