#include "shop_model/domain/points.hpp"

#include <array>
#include <utility>

namespace shop_model {
namespace {

constexpr std::array<std::pair<PointsRecipient, std::string_view>, 4> kRecipients = {{
    {PointsRecipient::Guest, "guest"},
    {PointsRecipient::RegisteredWithOrder, "registered_with_order"},
    {PointsRecipient::LoggedInMember, "logged_in_member"},
    {PointsRecipient::SubscriptionOrder, "subscription_order"},
}};

bool grants_points(const ShopSettings& settings, PointsRecipient recipient) {
  if (!settings.point_function) return false;  // PTS-005
  switch (recipient) {
    case PointsRecipient::Guest:
      return false;  // PTS-004: no member to give them to
    // PTS-001/003: without コマースクリエイター the buyer is not yet a member when buying
    // (CC_MIGRATING behaves as CC_NONE, decision 1).
    case PointsRecipient::RegisteredWithOrder:
      return settings.variant == CcVariant::Live;
    case PointsRecipient::LoggedInMember:
      return true;  // PTS-002
    case PointsRecipient::SubscriptionOrder:
      return false;  // SUB-016: neither used nor granted
  }
  return false;
}

}  // namespace

std::string_view name(PointsRecipient r) {
  for (const auto& [value, text] : kRecipients)
    if (value == r) return text;
  return "?";
}

std::int64_t purchase_points(const ShopSettings& settings, PointsRecipient recipient, Yen total) {
  if (!grants_points(settings, recipient) || total <= Yen{0}) return 0;
  return total.value() * settings.point_rate_percent / 100;
}

std::optional<Yen> coupon_discount(const ShopSettings& settings, const std::string& code,
                                   Yen total) {
  if (settings.coupon_code.empty() || code != settings.coupon_code) return std::nullopt;
  return settings.coupon_discount < total ? settings.coupon_discount : total;
}

void settle_order_for_member(Order& order, Member* member, PointsRecipient recipient,
                             const ShopSettings& settings) {
  order.granted_points = purchase_points(settings, recipient, order.total);
  if (!member) return;
  // A member's record always has both: the newsletter as chosen (not chosen = 希望しない), and
  // モバイルメール 受信しない (no screen of the Amazon Pay checkout asks for it).
  order.newsletter = member->newsletter.value_or(false);
  order.mobile_mail = false;
  member->points += order.granted_points - order.used_points;
}

}  // namespace shop_model
