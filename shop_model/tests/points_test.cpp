// Pure rules of customer fields, purchase points, coupons and the order mails' two flags.
#include <gtest/gtest.h>

#include "shop_model/domain/customer_fields.hpp"
#include "shop_model/domain/order_mails.hpp"
#include "shop_model/domain/points.hpp"

namespace shop_model {
namespace {

ShopSettings points_on(CcVariant variant) {
  ShopSettings s;
  s.variant = variant;
  s.point_function = true;
  s.point_rate_percent = 1;
  return s;
}

TEST(Points, RegistrationAtPurchaseEarnsOnlyWithCommerceCreator) {
  EXPECT_EQ(
      purchase_points(points_on(CcVariant::None), PointsRecipient::RegisteredWithOrder, Yen{5000}),
      0);
  EXPECT_EQ(purchase_points(points_on(CcVariant::Migrating), PointsRecipient::RegisteredWithOrder,
                            Yen{5000}),
            0);
  EXPECT_EQ(
      purchase_points(points_on(CcVariant::Live), PointsRecipient::RegisteredWithOrder, Yen{5000}),
      50);
}

TEST(Points, MembersEarnGuestsAndSubscriptionsDoNot) {
  for (CcVariant v : {CcVariant::None, CcVariant::Migrating, CcVariant::Live}) {
    EXPECT_EQ(purchase_points(points_on(v), PointsRecipient::LoggedInMember, Yen{4999}), 49);
    EXPECT_EQ(purchase_points(points_on(v), PointsRecipient::Guest, Yen{5000}), 0);
    EXPECT_EQ(purchase_points(points_on(v), PointsRecipient::SubscriptionOrder, Yen{5000}), 0);
  }
  ShopSettings off = points_on(CcVariant::Live);
  off.point_function = false;
  EXPECT_EQ(purchase_points(off, PointsRecipient::LoggedInMember, Yen{5000}), 0);
}

TEST(Points, SettlingAnOrderMovesTheBalanceAndKeepsGuestFlagsUnset) {
  ShopSettings s = points_on(CcVariant::Live);
  Order guest_order;
  guest_order.total = Yen{5000};
  settle_order_for_member(guest_order, nullptr, PointsRecipient::Guest, s);
  EXPECT_FALSE(guest_order.newsletter.has_value());
  EXPECT_FALSE(guest_order.mobile_mail.has_value());
  EXPECT_EQ(guest_order.granted_points, 0);

  Member m;
  m.points = 20;
  m.newsletter = true;
  Order o;
  o.total = Yen{4990};
  o.used_points = 10;
  settle_order_for_member(o, &m, PointsRecipient::LoggedInMember, s);
  EXPECT_EQ(o.granted_points, 49);
  EXPECT_EQ(m.points, 59);
  EXPECT_EQ(o.newsletter, std::optional<bool>(true));
  EXPECT_EQ(o.mobile_mail, std::optional<bool>(false));
}

TEST(Coupons, OnlyTheShopsCodeAndNeverMoreThanTheTotal) {
  ShopSettings s;
  EXPECT_FALSE(coupon_discount(s, "SPRING", Yen{5000}));
  s.coupon_code = "SPRING";
  s.coupon_discount = Yen{500};
  EXPECT_EQ(coupon_discount(s, "SPRING", Yen{5000}), Yen{500});
  EXPECT_EQ(coupon_discount(s, "SPRING", Yen{300}), Yen{300});
  EXPECT_FALSE(coupon_discount(s, "WINTER", Yen{5000}));
}

TEST(CustomerFields, MissingRequiredInTableOrder) {
  CustomerFieldUses uses = {{CustomerField::Company, FieldUse::Required},
                            {CustomerField::BirthDate, FieldUse::Required},
                            {CustomerField::Gender, FieldUse::Used}};
  EXPECT_EQ(missing_required(uses, {}),
            (std::vector<CustomerField>{CustomerField::BirthDate, CustomerField::Company}));
  EXPECT_EQ(missing_required(
                uses, {{CustomerField::BirthDate, "1990-04-01"}, {CustomerField::Company, ""}}),
            std::vector<CustomerField>{CustomerField::Company});
  EXPECT_EQ(parse_customer_field("phone2"), CustomerField::Phone2);
  EXPECT_EQ(label(CustomerField::BirthDate), "生年月日");
}

TEST(OrderMails, GuestFlagsRenderBlankInEveryKind) {
  ShopSettings s;
  Order o;
  o.number = "1001";
  for (MailKind k : {MailKind::OrderConfirmation, MailKind::Thanks, MailKind::Arbitrary}) {
    EXPECT_EQ(parse_mail_kind(name(k)), k);
    EXPECT_EQ(render_order_mail_text(k, "[$MAILMAGAZINE$][$MOBILEMAIL$]", s, o), "[][]");
    EXPECT_NE(render_order_mail_text(k, std::nullopt, s, o).find("メールマガジンの購読: \n"),
              std::string::npos);
  }
  o.newsletter = false;
  o.mobile_mail = true;
  EXPECT_EQ(render_order_mail_text(MailKind::Thanks, "[$MAILMAGAZINE$][$MOBILEMAIL$]", s, o),
            "[希望しない][受信する]");
}

}  // namespace
}  // namespace shop_model
