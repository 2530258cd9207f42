#include "scenarios/matcher.hpp"

#include <nlohmann/json.hpp>

#include <fmt/core.h>

namespace scenarios {
namespace {

using nlohmann::json;

std::string show(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string where(const std::string& path) {
  return path.empty() ? "(root)" : path;
}

bool is_matcher(const Value& v) {
  return v.is_map() && v.entries().size() == 1 && !v.entries().front().key.empty() &&
         v.entries().front().key[0] == '$';
}

bool is_empty(const json& a) {
  return a.is_null() || (a.is_string() && a.get_ref<const std::string&>().empty()) ||
         ((a.is_array() || a.is_object()) && a.empty());
}

bool scalar_equal(const Value& expected, const json& actual) {
  json e = to_json(expected);
  if (e.is_number() && actual.is_number()) {
    if (e.is_number_float() || actual.is_number_float())
      return e.get<double>() == actual.get<double>();
    if (e.is_number_unsigned() || actual.is_number_unsigned()) {
      // Signed/unsigned mix: equal only when both are non-negative and the same magnitude.
      if ((e.is_number_integer() && !e.is_number_unsigned() && e.get<std::int64_t>() < 0) ||
          (actual.is_number_integer() && !actual.is_number_unsigned() &&
           actual.get<std::int64_t>() < 0))
        return false;
      return e.get<std::uint64_t>() == actual.get<std::uint64_t>();
    }
    return e.get<std::int64_t>() == actual.get<std::int64_t>();
  }
  return e == actual;
}

std::optional<std::string> mismatch(const std::string& path, const std::string& expected,
                                    const json& actual) {
  return fmt::format("{}: expected {}, got {}", where(path), expected, show(actual));
}

std::optional<std::string> match_matcher(const std::string& name, const Value& arg,
                                         const json& actual, const std::string& path) {
  bool flag = arg.as_bool().value_or(true);
  if (name == "$contains") {
    if (actual.is_string()) {
      if (actual.get_ref<const std::string&>().find(arg.text()) != std::string::npos)
        return std::nullopt;
      return mismatch(path, fmt::format("text containing \"{}\"", arg.text()), actual);
    }
    if (actual.is_array()) {
      for (const json& item : actual)
        if (!match(arg, item)) return std::nullopt;
      return mismatch(path, fmt::format("a list containing {}", show(to_json(arg))), actual);
    }
    return mismatch(path, fmt::format("a text or list containing {}", show(to_json(arg))), actual);
  }
  if (name == "$not") {
    if (match(arg, actual)) return std::nullopt;
    return mismatch(path, fmt::format("anything but {}", show(to_json(arg))), actual);
  }
  if (name == "$empty") {
    if (is_empty(actual) == flag) return std::nullopt;
    return mismatch(path, flag ? "empty" : "not empty", actual);
  }
  if (name == "$any_of") {
    for (const Value& option : arg.items())
      if (!match(option, actual)) return std::nullopt;
    return mismatch(path, fmt::format("one of {}", show(to_json(arg))), actual);
  }
  if (name == "$absent") {
    if (actual.is_null() == flag) return std::nullopt;
    return mismatch(path, flag ? "absent (missing or null)" : "present (not null)", actual);
  }
  if (name == "$present") {
    // Present means there is something to see: "" or [] is how a view shows nothing.
    bool present = !actual.is_null() && !is_empty(actual);
    if (present == flag) return std::nullopt;
    return mismatch(path, flag ? "present (not null, not empty)" : "missing, null or empty",
                    actual);
  }
  return fmt::format("{}: unknown matcher {}", where(path), name);
}

}  // namespace

json to_json(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null:
      return nullptr;
    case Value::Kind::Scalar:
      if (v.quoted()) return v.text();
      if (auto b = v.as_bool()) return *b;
      if (auto i = v.as_int()) return *i;
      if (auto d = v.as_number()) return *d;
      return v.text();
    case Value::Kind::List: {
      json out = json::array();
      for (const Value& i : v.items()) out.push_back(to_json(i));
      return out;
    }
    case Value::Kind::Map: {
      json out = json::object();
      for (const MapEntry& e : v.entries()) out[e.key] = to_json(e.value);
      return out;
    }
  }
  return nullptr;
}

std::optional<std::string> match(const Value& expected, const json& actual,
                                 const std::string& path) {
  if (is_matcher(expected)) {
    const MapEntry& m = expected.entries().front();
    return match_matcher(m.key, m.value, actual, path);
  }
  switch (expected.kind()) {
    case Value::Kind::Map: {
      if (!actual.is_object()) return mismatch(path, "an object", actual);
      for (const MapEntry& e : expected.entries()) {
        std::string child = path.empty() ? e.key : path + "." + e.key;
        auto it = actual.find(e.key);
        if (it == actual.end()) {
          // A missing key reads as null for matchers ($absent, $empty, $not, ...).
          if (is_matcher(e.value)) {
            if (auto m = match(e.value, json(nullptr), child)) return m;
            continue;
          }
          return fmt::format("{}: missing (expected {})", child, show(to_json(e.value)));
        }
        if (auto m = match(e.value, *it, child)) return m;
      }
      return std::nullopt;
    }
    case Value::Kind::List: {
      if (!actual.is_array())
        return mismatch(path, fmt::format("a list of {}", expected.items().size()), actual);
      if (actual.size() != expected.items().size())
        return mismatch(
            path, fmt::format("{} element(s) {}", expected.items().size(), show(to_json(expected))),
            actual);
      for (size_t i = 0; i < expected.items().size(); ++i)
        if (auto m = match(expected.items()[i], actual[i], fmt::format("{}[{}]", path, i)))
          return m;
      return std::nullopt;
    }
    case Value::Kind::Null:
    case Value::Kind::Scalar:
      if (scalar_equal(expected, actual)) return std::nullopt;
      return mismatch(path, show(to_json(expected)), actual);
  }
  return std::nullopt;
}

}  // namespace scenarios
