// Sandbox buyers: the fixture the hosted pages offer (documented in mock_amazon/README.md).
//
// Card endings follow Amazon's sandbox simulations (fact sheet §9.2): 1111, 0005, 4444,
// 9424 and 0000 succeed; 3064 is canceled by the buyer; 3434 is declined; 0701 is pending
// and then authorized; 4354 is pending and then hard-declined (about 30 s later).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"

namespace mock_amazon {

struct Address {
  std::string name;
  std::string address_line1;
  std::optional<std::string> address_line2;
  std::optional<std::string> address_line3;
  std::optional<std::string> city;
  std::optional<std::string> county;
  std::optional<std::string> district;
  std::string state_or_region;
  std::string postal_code;
  std::string country_code = "JP";
  std::string phone_number;
};

enum class InstrumentKind { Card, GiftCard, GiftCardAndCard };

// What the buyer's card does when used at checkout.
enum class CardBehaviour { Succeed, BuyerCancel, Decline, PendingThenAuthorized, PendingThenHardDeclined };

struct SandboxAddress {
  std::string key;
  std::string note;  // why the fixture has it
  Address address;
};

struct SandboxInstrument {
  std::string key;  // "card-1111", "giftcard", "giftcard+card-1111"
  InstrumentKind kind = InstrumentKind::Card;
  std::string brand;  // card part: "Visa"
  std::string last4;  // card part
  CardBehaviour behaviour = CardBehaviour::Succeed;
};

struct SandboxBuyer {
  std::string key;       // "taro"
  std::string buyer_id;  // amzn1.account.…
  std::string name;
  std::string email;
  std::optional<std::string> phone_number;
  core::Yen gift_card_balance;
  std::vector<SandboxAddress> addresses;
  std::vector<SandboxInstrument> instruments;

  const SandboxAddress* find_address(const std::string& k) const;
  const SandboxInstrument* find_instrument(const std::string& k) const;
};

const std::vector<SandboxBuyer>& sandbox_buyers();
const SandboxBuyer* find_sandbox_buyer(const std::string& key);

// Amazon's paymentDescriptor text for an instrument (fact sheet §10; the gift-card forms
// are the fact sheet's suggested values, an assumption listed in the README).
std::string payment_descriptor(const SandboxInstrument& instrument);

}  // namespace mock_amazon
