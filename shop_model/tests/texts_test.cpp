// The texts the seed prescribes are byte-identical to the seed (the copy committed under
// reports/catalogue/source/).
#include "shop_model/domain/texts.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "shop_model/domain/rules.hpp"

namespace shop_model {
namespace {

std::vector<std::string> seed_lines() {
  const char* root = std::getenv("APC_SOURCE_DIR");
  std::string path = std::string(root ? root : ".") +
                     "/reports/catalogue/source/000_b327f92b3a0f42c5.txt";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(' ');
  size_t e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The text inside 「」 on seed line n.
std::string bracketed(const std::vector<std::string>& lines, int n) {
  std::string line = trim(lines.at(static_cast<size_t>(n - 1)));
  const std::string open = "「", close = "」";
  auto b = line.find(open);
  auto e = line.find(close, b);
  return line.substr(b + open.size(), e - b - open.size());
}

TEST(Texts, AuthorizationLabelsMatchTheSeedTable) {
  auto lines = seed_lines();
  const auto& statuses = all_authorization_statuses();
  ASSERT_EQ(statuses.size(), 13u);
  for (int i = 0; i < 13; ++i) {
    std::string row = lines.at(static_cast<size_t>(317 + i));  // L318-L330
    EXPECT_EQ(row.substr(0, row.find(' ')), name(statuses[static_cast<size_t>(i)])) << "L" << 318 + i;
  }
}

TEST(Texts, ReauthorizationMessagesAreByteExact) {
  auto lines = seed_lines();
  EXPECT_EQ(bracketed(lines, 514), texts::kReauthFailedChangeMethodM1);
  EXPECT_EQ(bracketed(lines, 516), texts::kReauthFailedChangeMethodM2);
  EXPECT_EQ(bracketed(lines, 518), texts::kReauthFailedBuyerSettingsM3);
  EXPECT_NE(std::string(texts::kReauthFailedChangeMethodM1).find("。 こ"), std::string::npos);
}

TEST(Texts, AddressMessageAndUrlsAreExact) {
  auto lines = seed_lines();
  EXPECT_EQ(bracketed(lines, 140), texts::kAddressUnusable);
  EXPECT_EQ(trim(lines.at(544)), texts::kOrderHistoryUrlTemplate);
  EXPECT_EQ(trim(lines.at(556)), texts::kAmazonMypageNormal);
  EXPECT_EQ(trim(lines.at(560)), texts::kAmazonMypageSubscription);
  EXPECT_NE(lines.at(58).find(texts::kAnalyticsReferralExclusions[0]), std::string::npos);
  EXPECT_NE(lines.at(59).find(texts::kAnalyticsReferralExclusions[1]), std::string::npos);
}

TEST(Texts, ShopMemoLinesMatchTheSeedTable) {  // MEMO-002..004 (L227-L229)
  auto lines = seed_lines();
  auto memo = [&](int n) {
    std::string row = trim(lines.at(static_cast<size_t>(n - 1)));
    return row.substr(row.find(' ') + 1);
  };
  EXPECT_EQ(memo(227), texts::kMemoGiftCard);
  EXPECT_EQ(memo(228), texts::kMemoGiftCardAndMethod);
  EXPECT_EQ(memo(229), texts::kMemoAccountMethod);
}

}  // namespace
}  // namespace shop_model
