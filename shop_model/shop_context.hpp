// What every feature of the shop shares: its settings and catalogue, its Amazon Pay calls,
// its store and its clock. Owned by Shop; each feature holds a reference.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "shop_model/amazon/amazon_pay.hpp"
#include "shop_model/domain/model.hpp"
#include "shop_model/store/shop_store.hpp"

namespace shop_model {

template <class T>
using ShopResult = core::Result<T, std::string>;

struct ShopContext {
  ShopContext(ShopSettings s, std::vector<Product> products, core::AmazonPayClient& client,
              ShopStore& shop_store, const core::Clock& shop_clock, std::uint64_t seed,
              Waiter& waiter)
      : settings(std::move(s)),
        catalog(std::move(products)),
        amazon(client, seed, waiter),
        store(shop_store),
        clock(shop_clock) {}

  ShopSettings settings;
  std::vector<Product> catalog;
  AmazonPayApi amazon;
  ShopStore& store;
  const core::Clock& clock;
  // Orders an admin operation has loaded and not saved yet (it may be waiting to retry an
  // Amazon call). A notification for one of them is refused so Amazon delivers it again
  // later: applied now, it would be overwritten by the operation's save (a lost update).
  std::set<std::string> orders_being_changed;

  const Product* product(const std::string& code) const;
  // "https://" + the shop's domain + path.
  std::string url(const std::string& path) const;
  // Reserves the next 受注番号 ("1001", "1002", ...).
  std::string reserve_order_number();
};

}  // namespace shop_model
