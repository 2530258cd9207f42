// api::encode_text writes a Charge's answer directly; it must be the very text of
// encode(view).dump() as answers write it (invalid UTF-8 replaced), for every Charge. The
// store's charge_row likewise writes the text of nlohmann::json(charge).dump().
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "mock_amazon/store/store.hpp"
#include "mock_amazon/transport/api_codec.hpp"

namespace mock_amazon {
namespace {

// Inside a property: a value of `gen`, or none.
template <class T>
std::optional<T> maybe(const rc::Gen<T>& gen) {
  if (*rc::gen::arbitrary<bool>()) return *gen;
  return std::nullopt;
}

// Any bytes: ASCII, quotes, control characters, UTF-8 and broken UTF-8; mostly valid UTF-8,
// so that a whole Charge of such texts is often storable.
rc::Gen<std::string> any_text() {
  return rc::gen::weightedOneOf<std::string>({
      {1, rc::gen::arbitrary<std::string>()},
      {6,
       rc::gen::container<std::string>(rc::gen::elementOf(std::string("aZ0 \"\\/\n\t\x01\x7f")))},
      {3, rc::gen::element<std::string>("ラベル", "\xe3\x83", "\xff\xfe", "Web", "back\\slash",
                                        "quo\"te", "tab\tnew\nline", "\x1f")},
  });
}
std::optional<std::string> text() {
  return maybe(any_text());
}

rc::Gen<Yen> yen() {
  return rc::gen::map(rc::gen::inRange<std::int64_t>(0, 20'000'000),
                      [](std::int64_t v) { return Yen{v}; });
}

rc::Gen<Instant> instant() {
  return rc::gen::map(rc::gen::inRange<std::int64_t>(0, 4'000'000'000),
                      [](std::int64_t s) { return Instant{core::Duration{s}}; });
}

rc::Gen<ChargeState> state() {
  return rc::gen::element(ChargeState::AuthorizationInitiated, ChargeState::Authorized,
                          ChargeState::CaptureInitiated, ChargeState::Captured,
                          ChargeState::Canceled, ChargeState::Declined);
}

rc::Gen<ReasonCode> reason() {
  return rc::gen::element(ReasonCode::Expired, ReasonCode::HardDeclined, ReasonCode::SoftDeclined,
                          ReasonCode::AmazonRejected);
}

// Inside a property: any Charge (every member set or not, any text).
Charge any_charge() {
  Charge c;
  c.id = ChargeId{*rc::gen::element<std::string>("S03-1234567-7654321-C123456", "C\"1")};
  c.charge_permission_id = ChargePermissionId{"S03-1234567-7654321"};
  c.charge_amount = *yen();
  c.capture_amount = maybe(yen());
  c.refunded_amount = *yen();
  c.refund_count = *rc::gen::inRange(0, 30);
  c.refund_requested = *yen();
  c.soft_descriptor = text();
  c.merchant_metadata = {text(), text(), text(), text()};
  c.provider_reference_id = text();
  c.platform_id = text();
  c.charge_initiator = text();
  c.channel = *any_text();
  c.state = *state();
  c.reason = maybe(reason());
  c.last_updated = *instant();
  c.created = *instant();
  c.expires = *instant();
  c.authorized_at = maybe(instant());
  c.pending_decline = maybe(reason());
  c.capture_on_approval = *rc::gen::arbitrary<bool>();
  return c;
}

// The store's row: the same text, or (invalid UTF-8) the same refusal.
TEST(ChargeText, RowIsTheTextOfTheStoredJson) {
  const bool ok = rc::check([] {
    const Charge c = any_charge();
    std::optional<std::string> via_json;
    try {
      via_json = charge_row_via_json(c);
    } catch (const nlohmann::json::exception&) {
    }
    if (via_json) {
      RC_ASSERT(charge_row(c) == *via_json);
    } else {
      RC_ASSERT_THROWS_AS(charge_row(c), nlohmann::json::exception);
    }
  });
  EXPECT_TRUE(ok);
}

TEST(ChargeText, IsTheTextOfTheJsonTree) {
  const bool ok = rc::check([] {
    const ChargeView view{any_charge(), *rc::gen::element<std::string>("Sandbox", "Live")};
    const std::string tree =
        api::encode(view).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    RC_ASSERT(api::encode_text(view).text == tree);
  });
  EXPECT_TRUE(ok);
}

}  // namespace
}  // namespace mock_amazon
