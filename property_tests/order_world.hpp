// The system under test of the order property: one futureshop order on the reference shop,
// paid with Amazon Pay on the in-process mock, with Seller Central and Amazon's notifications
// in play. Shop and mock share one simulated timeline (lockstep, like the scenario runner):
// the mock delivers each notification to Shop::receive_notification while its clock advances,
// after the shop's clock has moved to the delivery instant.
//
// Every operation returns one line saying what it did and what came back; the lines of a case
// form its log, printed with any failure. The checks return "" or what is wrong.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "mock_amazon/control/control_client.hpp"
#include "mock_amazon/in_process_client.hpp"
#include "mock_amazon/mock.hpp"
#include "shop_model/shop.hpp"
#include "shop_model/store/shop_store.hpp"

namespace property_tests {

using core::Duration;
using core::Instant;
using core::Yen;

// A deliberately wrong expectation, for the self-check (the property must catch it).
enum class OrderFlaw {
  None,
  // Expects the shop's amazon_refunded to count only futureshop's own refunds, as if Seller
  // Central refunds never reached the shop.
  SellerCentralRefundsInvisible,
};

// Amazon's side of the order, from GET /__mock/objects.
struct AmazonCharge {
  std::string id, state;
  Yen amount, captured, refunded;  // chargeAmount, captureAmount, refundedAmount
};
struct AmazonRefund {
  std::string id, charge_id, state;
  Yen amount;
};
struct AmazonSide {
  std::string permission_state;
  std::vector<AmazonCharge> charges;  // the order's permission's, in creation order
  std::vector<AmazonRefund> refunds;
};

// What the cases went through, over the whole run ("notification answered 200": 812), so a
// passing run shows it exercised the interesting paths.
std::map<std::string, int>& order_events();

class OrderWorld {
 public:
  OrderWorld(Instant start, std::uint64_t seed, Yen price, OrderFlaw flaw);
  ~OrderWorld();
  OrderWorld(const OrderWorld&) = delete;
  OrderWorld& operator=(const OrderWorld&) = delete;

  // "" once the order is placed through Amazon's hosted pages; else why not.
  const std::string& setup_error() const { return setup_error_; }

  // ---- futureshop's 受注管理 (order 1001)
  std::string capture();
  std::string reauthorize();
  std::string change_amount(int permille);  // the new total: permille / 1000 of the current one
  std::string cancel_order(bool amazon_checkbox);
  std::string change_payment_method(bool amazon_checkbox);
  std::string set_payment_not_required(bool amazon_checkbox);
  std::string open_order();

  // ---- Seller Central; `pick` chooses one of the permission's Charges: odd picks one in the
  // state the action needs when there is one, even picks any (modulo their number)
  std::string sc_capture(int pick, int permille);  // 0: the whole chargeAmount
  // permille of what the Charge may still refund (ceiling − refunds); above 1000 is refused.
  std::string sc_refund(int pick, int permille);
  std::string sc_cancel(int pick);
  std::string sc_change_amount(int pick, int permille);
  std::string sc_close(bool cancel_pending);
  std::string sc_increase(Yen amount, bool capture);

  // ---- notifications and time
  std::string chaos(const std::string& mode, int count, std::optional<Duration> delay);
  std::string advance(Duration by);
  // Clears chaos, lets pending refunds and captures settle and every notification arrive,
  // then opens the order (a status read).
  std::string drain();

  // After every command: the world did what was asked (clock, drain), Amazon's refund allowance,
  // nothing refunded twice by the shop, no futureshop refund on a Charge Seller Central had
  // refunded part of.
  std::string check_step();
  // After drain(): per Charge, the shop's figures equal Amazon's.
  std::string check_drained();

  // Ends a command: records its log line and what the shop's refunds look like now.
  void end_step(const std::string& line);
  std::string log() const;
  bool drop_chaos_used() const { return drop_chaos_used_; }

 private:
  AmazonSide amazon();
  std::optional<AmazonCharge> picked(int pick, AmazonSide& side, const std::string& prefer);
  std::string advance_to(Instant target);
  std::string drain_notifications();
  // Records why the world could not do what was asked (reported by check_step); returns out.
  std::string trouble(const std::string& out, const std::string& why);
  core::HttpResponse deliver(const core::HttpRequest& request);
  std::string shop_answer(const shop_model::ShopResult<shop_model::OrderDetailView>& r);
  shop_model::Order order();

  OrderFlaw flaw_;
  core::SimulatedClock clock_;
  std::unique_ptr<mock_amazon::Mock> mock_;
  std::unique_ptr<mock_amazon::InProcessClient> client_;
  std::unique_ptr<mock_amazon::control::ControlClient> control_;
  std::unique_ptr<shop_model::ShopStore> store_;
  std::unique_ptr<shop_model::Shop> shop_;
  std::string setup_error_;
  std::string trouble_;  // the clock did not settle, notifications kept pending, …
  std::string permission_id_;
  Instant delivery_time_;
  int step_ = 0;
  bool drop_chaos_used_ = false;
  std::vector<std::string> log_;
  std::vector<std::string> delivery_errors_;
  // Charge id → the first step at which Seller Central's refund on it was accepted, and at
  // which one was seen Refunded.
  std::map<std::string, int> sc_refund_accepted_at_;
  std::map<std::string, int> sc_refund_settled_at_;
  // Charge → the step after which the shop knew of a Seller Central refund on it.
  std::map<std::string, int> sc_refund_known_at_;
  // Refund id → the step at which the shop first held it.
  std::map<std::string, int> shop_refund_seen_at_;
  std::vector<std::string> sc_refund_ids_;
  std::set<std::string> known_sc_charges_;  // Seller Central Charges the shop holds
};

}  // namespace property_tests
