// Typed step parameters. A step's parameters are a plain struct P whose fields are described
// once, with member pointers (`required("order", &P::order, "…")`). That one description
// gives the ParamSpecs the validator, the JSON Schema and the README read, and fills a P for
// the step's handler, so handlers never look a parameter up by name and the four cannot
// drift apart. Defaults are the struct's own member initializers.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/time.hpp"
#include "scenarios/registry.hpp"
#include "scenarios/value.hpp"

namespace scenarios {

// References the runner resolves against the scenario's own objects.
struct OrderRef {
  std::string text;  // "#1" (the n-th order of the scenario), "last", or an order number
};
struct MemberRef {
  std::string text;  // "#1", "last", or a member id
};
struct SubscriptionRef {
  std::string text;  // "#1" (the n-th application of the scenario), "last", or a 申込番号
};
// The parameters of the many steps that take only an order, only a member, or an order and
// one of its Charges (1-based, in creation order).
struct OrderOnly {
  OrderRef order;
};
struct MemberOnly {
  MemberRef member;
};
struct OrderCharge {
  OrderRef order;
  std::int64_t charge = 1;
};
struct ProductCode {
  std::string text;  // a code of the scenario's catalogue
};
// "POST /v2/charges" or "/v2/chargePermissions": one pattern or a list of them.
struct CallPatterns {
  std::vector<std::string> items;
};
// A value or a $-matcher, matched against actual JSON.
struct Expectation {
  Value value;
};
// A mapping matched against Amazon's raw JSON.
struct RawMatch {
  Value value;
};

// How a member type is validated, documented and read from a validated Value.
template <class M>
struct ParamTraits;

template <>
struct ParamTraits<std::string> {
  static constexpr ParamType kType = ParamType::String;
  static void read(const Value& v, std::string& out) { out = v.text(); }
  static std::string show(const std::string& s) { return s.empty() ? "\"\"" : s; }
};
template <>
struct ParamTraits<std::int64_t> {
  static constexpr ParamType kType = ParamType::Int;
  static void read(const Value& v, std::int64_t& out) { out = v.as_int().value_or(0); }
  static std::string show(std::int64_t n) { return std::to_string(n); }
};
template <>
struct ParamTraits<bool> {
  static constexpr ParamType kType = ParamType::Bool;
  static void read(const Value& v, bool& out) { out = v.as_bool().value_or(false); }
  static std::string show(bool b) { return b ? "true" : "false"; }
};
template <>
struct ParamTraits<core::TimeSpan> {
  static constexpr ParamType kType = ParamType::Span;
  static void read(const Value& v, core::TimeSpan& out) {
    out = core::parse_time_span(v.text()).value_or(core::TimeSpan{});
  }
};
template <>
struct ParamTraits<core::Duration> {
  static constexpr ParamType kType = ParamType::Duration;
  static void read(const Value& v, core::Duration& out) {
    out = core::parse_duration(v.text()).value_or(core::Duration{0});
  }
};
template <>
struct ParamTraits<core::Instant> {
  static constexpr ParamType kType = ParamType::Timestamp;
  static void read(const Value& v, core::Instant& out) {
    out = core::parse_instant(v.text()).value_or(core::Instant{});
  }
};
template <>
struct ParamTraits<OrderRef> {
  static constexpr ParamType kType = ParamType::OrderRef;
  static void read(const Value& v, OrderRef& out) { out.text = v.text(); }
};
template <>
struct ParamTraits<MemberRef> {
  static constexpr ParamType kType = ParamType::MemberRef;
  static void read(const Value& v, MemberRef& out) { out.text = v.text(); }
};
template <>
struct ParamTraits<SubscriptionRef> {
  static constexpr ParamType kType = ParamType::SubscriptionRef;
  static void read(const Value& v, SubscriptionRef& out) { out.text = v.text(); }
};
template <>
struct ParamTraits<ProductCode> {
  static constexpr ParamType kType = ParamType::ProductRef;
  static void read(const Value& v, ProductCode& out) { out.text = v.text(); }
};
template <>
struct ParamTraits<std::vector<std::string>> {
  static constexpr ParamType kType = ParamType::StringList;
  static void read(const Value& v, std::vector<std::string>& out) {
    out.clear();
    for (const Value& i : v.items()) out.push_back(i.text());
  }
};
template <>
struct ParamTraits<CallPatterns> {
  static constexpr ParamType kType = ParamType::Patterns;
  static void read(const Value& v, CallPatterns& out) {
    out.items.clear();
    if (v.is_scalar()) out.items.push_back(v.text());
    for (const Value& i : v.items()) out.items.push_back(i.text());
  }
};
template <>
struct ParamTraits<Expectation> {
  static constexpr ParamType kType = ParamType::Expected;
  static void read(const Value& v, Expectation& out) { out.value = v; }
};
template <>
struct ParamTraits<RawMatch> {
  static constexpr ParamType kType = ParamType::Object;
  static void read(const Value& v, RawMatch& out) { out.value = v; }
};

// One described field of P.
template <class P>
struct FieldSpec {
  ParamSpec spec;
  std::function<void(const Value&, P&)> read;
};

template <class M>
struct IsOptional : std::false_type {};
template <class M>
struct IsOptional<std::optional<M>> : std::true_type {};

// The spec of a parameter of type M: its ParamType and, for enums, the accepted names.
template <class M>
ParamSpec spec_of(std::string name, std::string doc) {
  ParamSpec spec;
  spec.name = std::move(name);
  spec.type = ParamTraits<M>::kType;
  spec.doc = std::move(doc);
  if constexpr (requires { ParamTraits<M>::choices(); }) spec.choices = ParamTraits<M>::choices();
  return spec;
}

// A required parameter.
template <class P, class M>
FieldSpec<P> required(std::string name, M P::*member, std::string doc) {
  FieldSpec<P> f;
  f.spec = spec_of<M>(std::move(name), std::move(doc));
  f.spec.required = true;
  f.read = [member](const Value& v, P& p) { ParamTraits<M>::read(v, p.*member); };
  return f;
}

// An optional parameter: the member's initializer is the default, shown in the docs.
template <class P, class M>
FieldSpec<P> optional(std::string name, M P::*member, std::string doc) {
  FieldSpec<P> f = required(std::move(name), member, std::move(doc));
  f.spec.required = false;
  if constexpr (requires(const M& m) { ParamTraits<M>::show(m); })
    f.spec.default_value = ParamTraits<M>::show(P{}.*member);
  return f;
}

// An optional parameter without a default: absent stays nullopt.
template <class P, class M>
FieldSpec<P> optional(std::string name, std::optional<M> P::*member, std::string doc) {
  FieldSpec<P> f;
  f.spec = spec_of<M>(std::move(name), std::move(doc));
  f.read = [member](const Value& v, P& p) {
    M m{};
    ParamTraits<M>::read(v, m);
    p.*member = std::move(m);
  };
  return f;
}

// Traits of an enum with one name table: `table()` lists (value, name) in documentation order.
template <class E, class Table>
struct EnumParamTraits {
  static constexpr ParamType kType = ParamType::Enum;
  static void read(const Value& v, E& out) {
    for (const auto& [value, name] : Table::table())
      if (v.text() == name) out = value;
  }
  static std::string show(E e) {
    for (const auto& [value, name] : Table::table())
      if (value == e) return std::string(name);
    return "?";
  }
  static std::vector<std::string> choices() {
    std::vector<std::string> out;
    for (const auto& [value, name] : Table::table()) out.emplace_back(name);
    return out;
  }
};

// The parameter is one of `choices` (validated; the member holds the chosen text).
template <class P>
FieldSpec<P> with_choices(FieldSpec<P> f, std::vector<std::string> choices) {
  f.spec.type = ParamType::Enum;
  f.spec.choices = std::move(choices);
  return f;
}

// An expectation key: a $-matcher may stand for the value.
template <class P>
FieldSpec<P> matchable(FieldSpec<P> f) {
  f.spec.matcher_ok = true;
  return f;
}

// An expectation key: a value of type `type` (validated as such), a $-matcher, or null.
template <class P>
FieldSpec<P> expectation(std::string name, std::optional<Expectation> P::*member, ParamType type,
                         std::string doc) {
  FieldSpec<P> f = matchable(optional(std::move(name), member, std::move(doc)));
  f.spec.type = type;
  return f;
}

// Fills a P from validated parameters: given keys are read; absent ones keep P's defaults.
// A null value is absent, except for an expectation, where it expects null.
template <class P>
P decode_params(const std::vector<FieldSpec<P>>& fields, const std::vector<MapEntry>& given) {
  P p{};
  for (const FieldSpec<P>& f : fields)
    for (const MapEntry& e : given)
      if (e.key == f.spec.name && (!e.value.is_null() || f.spec.matcher_ok)) f.read(e.value, p);
  return p;
}

template <class P>
std::vector<ParamSpec> param_specs(const std::vector<FieldSpec<P>>& fields) {
  std::vector<ParamSpec> out;
  for (const FieldSpec<P>& f : fields) out.push_back(f.spec);
  return out;
}

}  // namespace scenarios
