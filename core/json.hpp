// nlohmann-json support for the core vocabulary. Include only in codec translation units:
// <nlohmann/json.hpp> is the most expensive header in the build.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "core/id.hpp"
#include "core/money.hpp"
#include "core/time.hpp"

namespace nlohmann {

template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v) j = *v;
    else j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null()) v.reset();
    else v = j.get<T>();
  }
};

template <>
struct adl_serializer<core::Yen> {
  static void to_json(json& j, const core::Yen& v) { j = v.value(); }
  static void from_json(const json& j, core::Yen& v) { v = core::Yen{j.get<std::int64_t>()}; }
};

template <>
struct adl_serializer<core::Instant> {
  static void to_json(json& j, const core::Instant& v) {
    j = static_cast<std::int64_t>(v.time_since_epoch().count());
  }
  static void from_json(const json& j, core::Instant& v) {
    v = core::Instant{core::Duration{j.get<std::int64_t>()}};
  }
};

template <class Tag>
struct adl_serializer<core::Id<Tag>> {
  static void to_json(json& j, const core::Id<Tag>& v) { j = v.str(); }
  static void from_json(const json& j, core::Id<Tag>& v) { v = core::Id<Tag>{j.get<std::string>()}; }
};

}  // namespace nlohmann
