// nlohmann-json support for the core vocabulary. Include only in codec translation units:
// <nlohmann/json.hpp> is the most expensive header in the build.
#pragma once

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

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

namespace core {

// What a JSON text writer does with bytes that are not UTF-8: what dump() does by default
// (throw), or what the mock's answers do (replace them with U+FFFD).
enum class InvalidUtf8 { Throw, Replace };

// Appends `s` as a JSON string, byte for byte as nlohmann's dump() writes it: plain printable
// ASCII is copied, anything else goes through the library (its escapes and its UTF-8 check).
// For writers that spell an object's text directly (api::encode_text, the store's rows).
inline void append_json_string(std::string& out, std::string_view s, InvalidUtf8 invalid) {
  const bool plain = std::all_of(s.begin(), s.end(), [](char ch) {
    return ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\';
  });
  if (plain) {
    out += '"';
    out += s;
    out += '"';
    return;
  }
  out += nlohmann::json(std::string(s))
             .dump(-1, ' ', false,
                   invalid == InvalidUtf8::Replace ? nlohmann::json::error_handler_t::replace
                                                   : nlohmann::json::error_handler_t::strict);
}

// ... or null when there is none.
inline void append_json_string(std::string& out, const std::optional<std::string>& s,
                               InvalidUtf8 invalid) {
  if (s)
    append_json_string(out, std::string_view(*s), invalid);
  else
    out += "null";
}

}  // namespace core
