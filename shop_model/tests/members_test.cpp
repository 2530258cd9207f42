// Members: registration at checkout, the order history link, 退会, Amazonログイン, passwords,
// the search and the downloads.
#include "shop_model/members/member_texts.hpp"
#include "shop_model/tests/shop_test_support.hpp"

namespace shop_model {
namespace {

using nlohmann::json;
using testing_support::World;

TEST(Shop, OrderHistoryLinkOnlyForActiveOwner) {
  World w;
  PlaceOrderInput in;
  in.register_member = true;
  in.newsletter = true;
  w.buy("normal", "card-1111", "home", in);
  auto member = w.shop().logged_in_member();
  ASSERT_TRUE(member);
  std::string mail =
      w.shop().render_thanks_mail("1001", "詳細: https://{@domain}/my/orders/$REQNUM$").value();
  EXPECT_EQ(mail, "詳細: https://shop.example/my/orders/1001");
  auto page = w.shop().navigate("https://shop.example/my/orders/1001");
  ASSERT_TRUE(std::holds_alternative<MyOrderView>(page.screen));
  EXPECT_EQ(std::get<MyOrderView>(page.screen).amazon_pay_mypage_link, texts::kAmazonMypageNormal);
  ASSERT_TRUE(w.shop().withdraw_member(*member).ok());
  EXPECT_TRUE(std::holds_alternative<NotFoundView>(
      w.shop().navigate("https://shop.example/my/orders/1001").screen));
}

// [amazonでログイン] → Amazon's sign-in as `buyer` → the shop's return page.
Page amazon_login(World& w, const std::string& buyer) {
  Page page = w.shop().press_amazon_login();
  const auto& amazon = std::get<AmazonPageView>(page.screen);
  auto signed_in = w.control().sign_in_for_login(buyer, amazon.sign_in_return_url);
  EXPECT_TRUE(signed_in.ok());
  return w.shop().navigate(mock_amazon::control::redirect_url(signed_in.value()));
}

ShopSettings variant(CcVariant v) {
  ShopSettings s;
  s.variant = v;
  return s;
}

TEST(Members, PasswordsAreStoredOnlyAsSaltedHashes) {
  World w;
  auto one = w.shop().add_member({"one@example.jp", "一郎", "same-pass", std::nullopt}).value();
  auto two = w.shop().add_member({"two@example.jp", "二郎", "same-pass", std::nullopt}).value();
  EXPECT_TRUE(one.has_password);
  EXPECT_EQ(one.password_hash.find("same-pass"), std::string::npos);
  EXPECT_NE(one.password_salt, two.password_salt);
  EXPECT_NE(one.password_hash, two.password_hash);
  EXPECT_TRUE(std::holds_alternative<MyPageView>(
      w.shop().log_in_with_password("one@example.jp", "same-pass").screen));
  auto wrong = w.shop().log_in_with_password("one@example.jp", "other");
  EXPECT_EQ(std::get<LoginView>(wrong.screen).error, member_texts::kWrongPassword);
}

TEST(Members, NonCcAmazonLoginLinksOnRegistrationOnly) {
  World w(variant(CcVariant::None));
  Page page = amazon_login(w, "taro");
  ASSERT_TRUE(std::holds_alternative<LoginView>(page.screen));
  EXPECT_TRUE(std::get<LoginView>(page.screen).amazon_logged_in);
  EXPECT_FALSE(w.shop().logged_in_member());
  page = w.shop().register_member({"t@example.jp", "太郎", "pw", std::nullopt});
  ASSERT_TRUE(std::holds_alternative<MyPageView>(page.screen));
  auto m = w.shop().member("M0001").value();
  EXPECT_EQ(m.amazon_buyer_id, "amzn1.account.AFTAROSANDBOX0000000000000001");
  EXPECT_EQ(m.amazon_linked_at, m.registered_at);
}

TEST(Members, LogOutSignsOutAtAmazon) {
  World w(variant(CcVariant::Live));
  amazon_login(w, "hanako");
  w.shop().log_out();
  json journal = json::parse(w.control().sign_ins().value().body)["signIns"];
  ASSERT_EQ(journal.size(), 1u);
  EXPECT_FALSE(journal[0]["signedOutAt"].is_null());
  EXPECT_FALSE(w.shop().logged_in_member());
}

TEST(Members, CcGuestWithTheEmailOfAMemberIsRefused) {
  World w(variant(CcVariant::Live));
  ASSERT_TRUE(w.shop().add_member({"taro@example.jp", "太郎", "pw", std::nullopt}).ok());
  Page page = amazon_login(w, "taro");
  EXPECT_EQ(std::get<LoginView>(page.screen).error, member_texts::kLogInFirst);
  EXPECT_FALSE(w.shop().member("M0001")->amazon_buyer_id);
  EXPECT_EQ(w.store().member_ids().size(), 1u);
}

TEST(Members, ExportsHaveTheLinkTimestampOnlyForLinkedMembers) {
  World w(variant(CcVariant::Live));
  ASSERT_TRUE(w.shop().add_member({"a,b@example.jp", "一郎", "pw", true}).ok());
  amazon_login(w, "taro");
  std::string csv = w.shop().export_members(MemberExport::SearchResult, AmazonLinkCriterion::Any);
  EXPECT_EQ(csv,
            "会員ID,氏名,メールアドレス1,メルマガ受信可否,登録日時,AmazonID連携日時\r\n"
            "M0001,一郎,\"a,b@example.jp\",1,2026/01/05 09:00:00,\r\n"
            "M0002,山田太郎,taro@example.jp,,2026/01/05 09:00:00,2026/01/05 09:00:00\r\n");
  auto found = w.shop().search_members(AmazonLinkCriterion::Linked);
  EXPECT_EQ(std::get<MemberSearchView>(found.screen).member_ids, std::vector<std::string>{"M0002"});
}

}  // namespace
}  // namespace shop_model
