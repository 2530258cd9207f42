#include "shop_model/shop.hpp"

namespace shop_model {

Shop::Shop(ShopSettings settings, std::vector<Product> catalog, core::AmazonPayClient& amazon,
           ShopStore& store, const core::Clock& clock, std::uint64_t seed, Waiter& waiter)
    : ctx_(std::move(settings), std::move(catalog), amazon, store, clock, seed, waiter),
      subscriptions_(ctx_),
      storefront_(ctx_, subscriptions_),
      members_(ctx_, storefront_, seed),
      admin_(ctx_),
      jobs_(ctx_, subscriptions_, admin_),
      notifications_(ctx_, amazon_client_certificate_fetcher(amazon)) {}

Page Shop::navigate(const std::string& url) {
  if (auto page = members_.navigate(url)) return std::move(*page);
  return storefront_.navigate(url);
}

namespace {
bool recurring_available(const ShopSettings& s) {
  return s.option_amazon_pay && s.option_amazon_pay_recurring && s.option_subscription;
}
}  // namespace

void Shop::update_settings(const ShopSettings& settings) {
  bool was_available = recurring_available(ctx_.settings);
  ctx_.settings = settings;
  if (was_available && !recurring_available(settings)) subscriptions_.option_canceled();
}

}  // namespace shop_model
