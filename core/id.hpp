// Distinct identifier types: a ChargeId cannot be passed where a RefundId is expected.
#pragma once

#include <compare>
#include <functional>
#include <string>
#include <utility>

namespace core {

template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}
  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }
  auto operator<=>(const Id&) const = default;

 private:
  std::string value_;
};

}  // namespace core

template <class Tag>
struct std::hash<core::Id<Tag>> {
  size_t operator()(const core::Id<Tag>& id) const { return std::hash<std::string>{}(id.str()); }
};
