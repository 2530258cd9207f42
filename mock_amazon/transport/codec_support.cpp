#include "mock_amazon/transport/codec_support.hpp"

#include <cmath>

namespace mock_amazon::api {
namespace detail {


Outcome<void> require_object(const json& body) {
  if (!body.is_object())
    return core::fail(AmazonError{R::InvalidRequestFormat, "The request body must be a JSON object."});
  return {};
}

MerchantMetadata read_merchant_metadata(Reader& r) {
  MerchantMetadata m;
  r.only({"merchantReferenceId", "merchantStoreName", "noteToBuyer", "customInformation"});
  m.merchant_reference_id = r.str("merchantReferenceId", 256);
  m.merchant_store_name = r.str("merchantStoreName", 50);
  m.note_to_buyer = r.str("noteToBuyer", 255);
  m.custom_information = r.str("customInformation", 4096);
  return m;
}

RecurringMetadata read_recurring(Reader& r) {
  RecurringMetadata m;
  r.only({"frequency", "amount"});
  if (auto f = r.object("frequency")) {
    f->only({"unit", "value"});
    m.frequency_unit = f->str("unit");
    if (f->has("value")) {
      const json& v = f->raw("value");
      if (v.is_string()) m.frequency_value = v.get<std::string>();
      else if (v.is_number_unsigned())
        m.frequency_value = std::to_string(v.get<std::uint64_t>());
      else if (v.is_number_integer()) m.frequency_value = std::to_string(v.get<long long>());
      else f->fail(R::InvalidParameterValue, "recurringMetadata.frequency.value must be a number");
    }
    static const std::set<std::string> units = {"Year", "Month", "Week", "Day", "Variable"};
    if (f->ok() && m.frequency_unit && !units.count(*m.frequency_unit))
      f->fail(R::InvalidParameterValue,
              "recurringMetadata.frequency.unit must be Year, Month, Week, Day or Variable");
    r.absorb(*f);
  }
  m.amount = r.price("amount");
  return m;
}

json price(Yen y) { return json{{"amount", y.to_string()}, {"currencyCode", "JPY"}}; }
json opt_price(const std::optional<Yen>& y) { return y ? price(*y) : json(nullptr); }
json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json ts(Instant t) { return core::format_amazon(t); }

json merchant_metadata(const MerchantMetadata& m) {
  return json{{"merchantReferenceId", opt(m.merchant_reference_id)},
              {"merchantStoreName", opt(m.merchant_store_name)},
              {"noteToBuyer", opt(m.note_to_buyer)},
              {"customInformation", opt(m.custom_information)}};
}

json recurring(const std::optional<RecurringMetadata>& m) {
  if (!m) return nullptr;
  json freq = nullptr;
  if (m->frequency_unit || m->frequency_value)
    freq = json{{"unit", opt(m->frequency_unit)}, {"value", opt(m->frequency_value)}};
  return json{{"frequency", freq}, {"amount", opt_price(m->amount)}};
}

json address(const Address& a) {
  return json{{"name", a.name},
              {"addressLine1", a.address_line1},
              {"addressLine2", opt(a.address_line2)},
              {"addressLine3", opt(a.address_line3)},
              {"city", opt(a.city)},
              {"county", opt(a.county)},
              {"district", opt(a.district)},
              {"stateOrRegion", a.state_or_region},
              {"postalCode", a.postal_code},
              {"countryCode", a.country_code},
              {"phoneNumber", a.phone_number}};
}

BuyerView buyer_view(const BuyerSelection& sel) {
  BuyerView v;
  const SandboxBuyer* b = find_sandbox_buyer(sel.buyer);
  if (!b) return v;
  v.buyer = json{{"buyerId", b->buyer_id},
                 {"name", b->name},
                 {"email", b->email},
                 {"phoneNumber", opt(b->phone_number)},
                 {"primeMembershipTypes", nullptr}};
  if (const SandboxAddress* a = b->find_address(sel.address)) {
    v.shipping = address(a->address);
    v.billing = address(a->address);
  }
  if (const SandboxInstrument* i = b->find_instrument(sel.instrument))
    v.preferences = json::array({json{{"paymentDescriptor", payment_descriptor(*i)}}});
  return v;
}

json status_details(std::string_view state, const std::optional<ReasonCode>& reason,
                    Instant updated) {
  return json{{"state", std::string(state)},
              {"reasonCode", reason ? json(std::string(name(*reason))) : json(nullptr)},
              {"reasonDescription", nullptr},
              {"lastUpdatedTimestamp", ts(updated)}};
}

}  // namespace detail

using namespace detail;  // NOLINT: the shared pieces, in this file only

namespace {

// Whole yen from a JSON string or number; nullopt for fractions, text, and values beyond
// Yen::kMaxParsed (which also covers 1e300, 18446744073709551615 and 5,000-digit numbers:
// the parser reads those as float or unsigned, never wrapping them here).
std::optional<Yen> whole_yen(const json& v) {
  if (v.is_string()) return Yen::parse(v.get<std::string>());
  if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(Yen::kMaxParsed)) return std::nullopt;
    return Yen{static_cast<std::int64_t>(u)};
  }
  if (v.is_number_integer()) {
    auto i = v.get<std::int64_t>();
    if (i < -Yen::kMaxParsed || i > Yen::kMaxParsed) return std::nullopt;
    return Yen{i};
  }
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (!(std::fabs(d) <= static_cast<double>(Yen::kMaxParsed)) || std::floor(d) != d)
      return std::nullopt;  // also NaN
    return Yen{static_cast<std::int64_t>(d)};
  }
  return std::nullopt;
}

}  // namespace

Outcome<Yen> decode_amount(const json& value, const std::string& field) {
  auto yen = whole_yen(value);
  if (!yen)
    return core::fail(
        AmazonError{R::InvalidParameterValue,
                    "The value for '" + field + "' is not a valid JPY amount (whole yen, at most " +
                        std::to_string(Yen::kMaxParsed) + "; JPY has no decimal places)."});
  if (*yen <= Yen{0})
    return core::fail(AmazonError{R::InvalidParameterValue,
                                  "The value for '" + field + "' must be greater than 0."});
  return *yen;
}

json encode_buyer(const SandboxBuyer& b) {
  json addresses = json::array();
  for (const auto& a : b.addresses) addresses.push_back(json{{"key", a.key}, {"note", a.note}, {"address", address(a.address)}});
  json instruments = json::array();
  for (const auto& i : b.instruments) {
    const char* behaviour = "succeeds";
    switch (i.behaviour) {
      case CardBehaviour::Succeed: behaviour = "succeeds"; break;
      case CardBehaviour::BuyerCancel: behaviour = "checkout canceled by the buyer (BuyerCanceled)"; break;
      case CardBehaviour::Decline: behaviour = "declined (checkout Canceled/Declined)"; break;
      case CardBehaviour::PendingThenAuthorized: behaviour = "pending, then Authorized"; break;
      case CardBehaviour::PendingThenHardDeclined: behaviour = "pending, then Declined/HardDeclined"; break;
    }
    instruments.push_back(json{{"key", i.key},
                               {"paymentDescriptor", payment_descriptor(i)},
                               {"behaviour", behaviour}});
  }
  return json{{"key", b.key},
              {"buyerId", b.buyer_id},
              {"name", b.name},
              {"email", b.email},
              {"giftCardBalance", price(b.gift_card_balance)},
              {"addresses", addresses},
              {"paymentMethods", instruments}};
}

json encode_buyer_profile(const SandboxBuyer& b) {
  const Address& a = b.addresses.front().address;
  return json{{"buyerId", b.buyer_id},
              {"name", b.name},
              {"email", b.email},
              {"postalCode", a.postal_code},
              {"countryCode", a.country_code},
              {"phoneNumber", opt(b.phone_number)},
              {"shippingAddress", address(a)},
              {"billingAddress", nullptr},
              {"primeMembershipTypes", nullptr}};
}

json encode_error(const AmazonError& e) {
  return json{{"reasonCode", std::string(name(e.code))}, {"message", e.message}};
}

json encode_change(const Change& c) {
  return json{{"at", core::format_iso(c.at)},
              {"resource", c.resource},
              {"id", c.id},
              {"from", c.from.empty() ? json(nullptr) : json(c.from)},
              {"to", c.to},
              {"reason", c.reason.empty() ? json(nullptr) : json(c.reason)},
              {"actor", std::string(name(c.actor))}};
}

}  // namespace mock_amazon::api
