// Internal to transport/*_codec.cpp: reading request bodies field by field with Amazon's
// validation errors, and the JSON pieces every resource's encoding shares.
#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "mock_amazon/transport/api_codec.hpp"

namespace mock_amazon::api::detail {

using R = ReasonCode;

// Reads a JSON object field by field, keeping the first validation error in Amazon's terms.
class Reader {
 public:
  Reader(const json& obj, std::string prefix) : obj_(obj), prefix_(std::move(prefix)) {}

  bool ok() const { return !error_; }
  const AmazonError& error() const { return *error_; }

  // Fails with UnrecognizedField for any key not in `allowed`.
  void only(std::initializer_list<const char*> allowed) {
    if (!ok() || !obj_.is_object()) return;
    std::set<std::string> names(allowed.begin(), allowed.end());
    for (const auto& [key, _] : obj_.items())
      if (!names.count(key)) {
        fail(R::UnrecognizedField, "The field '" + full(key) + "' is invalid for this API.");
        return;
      }
  }

  bool has(const char* key) const {
    return obj_.is_object() && obj_.contains(key) && !obj_.at(key).is_null();
  }

  std::optional<std::string> str(const char* key, size_t max_len = 0) {
    if (!ok() || !has(key)) return std::nullopt;
    const json& v = obj_.at(key);
    if (!v.is_string()) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + "' must be a string.");
      return std::nullopt;
    }
    std::string s = v.get<std::string>();
    if (max_len && utf8_length(s) > max_len) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + "' is longer than " +
                                         std::to_string(max_len) + " characters.");
      return std::nullopt;
    }
    return s;
  }

  std::string required_str(const char* key, size_t max_len = 0) {
    if (ok() && !has(key)) missing(key);
    return str(key, max_len).value_or("");
  }

  std::optional<bool> boolean(const char* key) {
    if (!ok() || !has(key)) return std::nullopt;
    const json& v = obj_.at(key);
    if (!v.is_boolean()) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + "' must be true or false.");
      return std::nullopt;
    }
    return v.get<bool>();
  }

  // A Price object {amount, currencyCode}; amounts may arrive as strings or numbers.
  std::optional<Yen> price(const char* key) {
    if (!ok() || !has(key)) return std::nullopt;
    const json& v = obj_.at(key);
    if (!v.is_object()) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + "' must be an object.");
      return std::nullopt;
    }
    Reader p(v, full(key));
    p.only({"amount", "currencyCode"});
    if (p.ok() && !p.has("amount")) p.missing("amount");
    if (p.ok() && !p.has("currencyCode")) p.missing("currencyCode");
    if (!p.ok()) return absorb(p), std::nullopt;
    auto yen = decode_amount(v.at("amount"), full(key) + ".amount");
    if (!yen) {
      error_ = yen.error();
      return std::nullopt;
    }
    const json& currency = v.at("currencyCode");
    if (!currency.is_string()) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + ".currencyCode' must be a string.");
      return std::nullopt;
    }
    std::string code = currency.get<std::string>();
    if (code != "JPY") {
      bool looks_like_currency = code.size() == 3 && std::isupper(static_cast<unsigned char>(code[0])) &&
                                 std::isupper(static_cast<unsigned char>(code[1])) &&
                                 std::isupper(static_cast<unsigned char>(code[2]));
      if (looks_like_currency)
        fail(R::CurrencyMismatch, "Currency " + code + " does not match the ledger currency JPY.");
      else
        fail(R::InvalidParameterValue, "'" + code + "' is not a valid currency code.");
      return std::nullopt;
    }
    return yen.value();
  }

  Yen required_price(const char* key) {
    if (ok() && !has(key)) missing(key);
    return price(key).value_or(Yen{0});
  }

  // A nested object; nullopt (and no error) when absent or null.
  std::optional<Reader> object(const char* key) {
    if (!ok() || !has(key)) return std::nullopt;
    if (!obj_.at(key).is_object()) {
      fail(R::InvalidParameterValue, "The value for '" + full(key) + "' must be an object.");
      return std::nullopt;
    }
    return Reader(obj_.at(key), full(key));
  }

  void absorb(const Reader& nested) {
    if (ok() && !nested.ok()) error_ = nested.error();
  }

  void missing(const char* key) {
    fail(R::MissingParameterValue, "Value is missing for the required parameter " + full(key));
  }

  void fail(ReasonCode code, std::string message) {
    if (ok()) error_ = AmazonError{code, std::move(message)};
  }

  const json& raw(const char* key) const { return obj_.at(key); }

 private:
  static size_t utf8_length(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
      if ((c & 0xC0) != 0x80) ++n;
    return n;
  }
  std::string full(const std::string& key) const {
    return prefix_.empty() ? key : prefix_ + "." + key;
  }

  const json& obj_;
  std::string prefix_;
  std::optional<AmazonError> error_;
};


template <class T>
Outcome<T> finish(const Reader& r, T value) {
  if (!r.ok()) return core::fail(r.error());
  return value;
}

Outcome<void> require_object(const json& body);
MerchantMetadata read_merchant_metadata(Reader& r);
RecurringMetadata read_recurring(Reader& r);

json price(Yen y);
json opt_price(const std::optional<Yen>& y);
json opt(const std::optional<std::string>& s);
json ts(Instant t);
json merchant_metadata(const MerchantMetadata& m);
json recurring(const std::optional<RecurringMetadata>& m);
json address(const Address& a);

// The buyer's personal data and payment preference, as the resources show them.
struct BuyerView {
  json buyer = nullptr, shipping = nullptr, billing = nullptr, preferences = nullptr;
};
BuyerView buyer_view(const BuyerSelection& sel);

json status_details(std::string_view state, const std::optional<ReasonCode>& reason,
                    Instant updated);

}  // namespace mock_amazon::api::detail
