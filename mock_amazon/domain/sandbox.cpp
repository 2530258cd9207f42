#include "mock_amazon/domain/sandbox.hpp"

namespace mock_amazon {
namespace {

SandboxInstrument card(const char* last4, const char* brand, CardBehaviour b) {
  return SandboxInstrument{std::string("card-") + last4, InstrumentKind::Card, brand, last4, b};
}

std::vector<SandboxInstrument> all_simulation_cards() {
  using B = CardBehaviour;
  return {card("1111", "Visa", B::Succeed),
          card("0005", "American Express", B::Succeed),
          card("4444", "Mastercard", B::Succeed),
          card("9424", "Diners Club", B::Succeed),
          card("0000", "JCB", B::Succeed),
          card("3064", "Visa", B::BuyerCancel),
          card("3434", "Mastercard", B::Decline),
          card("0701", "Visa", B::PendingThenAuthorized),
          card("4354", "Mastercard", B::PendingThenHardDeclined)};
}

std::vector<SandboxBuyer> make_buyers() {
  std::vector<SandboxBuyer> buyers;

  SandboxBuyer taro;
  taro.key = "taro";
  taro.buyer_id = "amzn1.account.AFTAROSANDBOX0000000000000001";
  taro.name = "山田太郎";
  taro.email = "taro@example.jp";
  taro.phone_number = "0312345678";
  taro.gift_card_balance = core::Yen{50'000};
  taro.addresses = {
      {"home", "Tokyo address, prefecture in kanji, hyphenated postal code, 10-digit phone",
       Address{"山田太郎", "渋谷区渋谷1-2-3", "サンプルビル101", std::nullopt, std::nullopt,
               std::nullopt, std::nullopt, "東京都", "150-0002", "JP", "0312345678"}},
      {"office", "Osaka address, romanised prefecture, postal code without hyphen",
       Address{"山田太郎", "大阪市北区梅田1-1-1", std::nullopt, std::nullopt, std::nullopt,
               std::nullopt, std::nullopt, "Osaka", "5300001", "JP", "06-6123-4567"}},
      {"short-phone", "unusable for the shop: the phone number has only 9 digits",
       Address{"山田太郎", "目黒区下目黒1-8-1", std::nullopt, std::nullopt, std::nullopt,
               std::nullopt, std::nullopt, "東京都", "1530064", "JP", "031234567"}},
      {"short-postal", "unusable for the shop: the postal code has only 6 digits",
       Address{"山田太郎", "目黒区下目黒1-8-1", std::nullopt, std::nullopt, std::nullopt,
               std::nullopt, std::nullopt, "東京都", "153-006", "JP", "0312345678"}},
      {"unknown-prefecture", "unusable for the shop: the region is not one of the 47 prefectures",
       Address{"山田太郎", "目黒区下目黒1-8-1", std::nullopt, std::nullopt, std::nullopt,
               std::nullopt, std::nullopt, "Tokio", "1530064", "JP", "0312345678"}},
  };
  taro.instruments = all_simulation_cards();
  taro.instruments.push_back({"giftcard", InstrumentKind::GiftCard, "", "", CardBehaviour::Succeed});
  taro.instruments.push_back(
      {"giftcard+card-1111", InstrumentKind::GiftCardAndCard, "Visa", "1111", CardBehaviour::Succeed});
  buyers.push_back(taro);

  SandboxBuyer hanako;
  hanako.key = "hanako";
  hanako.buyer_id = "amzn1.account.AFHANAKOSANDBOX00000000000002";
  hanako.name = "佐藤花子";
  hanako.email = "hanako@example.jp";
  hanako.gift_card_balance = core::Yen{3'000};
  hanako.addresses = {
      {"home", "Yokohama address, 11-digit mobile number",
       Address{"佐藤花子", "横浜市西区高島2-1-1", "ハマビル5F", std::nullopt, std::nullopt,
               std::nullopt, std::nullopt, "神奈川県", "220-0011", "JP", "090-1234-5678"}},
  };
  hanako.instruments = {card("1111", "Visa", CardBehaviour::Succeed),
                        card("4444", "Mastercard", CardBehaviour::Succeed),
                        {"giftcard", InstrumentKind::GiftCard, "", "", CardBehaviour::Succeed},
                        {"giftcard+card-4444", InstrumentKind::GiftCardAndCard, "Mastercard",
                         "4444", CardBehaviour::Succeed}};
  buyers.push_back(hanako);
  return buyers;
}

}  // namespace

const SandboxAddress* SandboxBuyer::find_address(const std::string& k) const {
  for (const auto& a : addresses)
    if (a.key == k) return &a;
  return nullptr;
}

const SandboxInstrument* SandboxBuyer::find_instrument(const std::string& k) const {
  for (const auto& i : instruments)
    if (i.key == k) return &i;
  return nullptr;
}

const std::vector<SandboxBuyer>& sandbox_buyers() {
  static const std::vector<SandboxBuyer> buyers = make_buyers();
  return buyers;
}

const SandboxBuyer* find_sandbox_buyer(const std::string& key) {
  for (const auto& b : sandbox_buyers())
    if (b.key == key) return &b;
  return nullptr;
}

std::string payment_descriptor(const SandboxInstrument& instrument) {
  switch (instrument.kind) {
    case InstrumentKind::Card:
      return instrument.brand + " ****" + instrument.last4 + " (Amazon Pay)";
    case InstrumentKind::GiftCard:
      return "Amazon ギフトカード";
    case InstrumentKind::GiftCardAndCard:
      return instrument.brand + " ****" + instrument.last4 + " (Amazon Pay) + Amazon gift card";
  }
  return "";
}

}  // namespace mock_amazon
