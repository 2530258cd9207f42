#include "scenarios/shapes.hpp"

#include <utility>
#include <variant>

#include "scenarios/steps/context.hpp"
#include "shop_model/views.hpp"

namespace scenarios {
namespace {

using nlohmann::json;
using shop_model::Screen;

// A view with one element in each of its lists, so nested keys have a shape too.
template <class V>
V sample() {
  return V{};
}
template <>
shop_model::CartView sample() {
  shop_model::CartView v;
  v.lines.emplace_back();
  return v;
}
template <>
shop_model::OrderDetailView sample() {
  shop_model::OrderDetailView v;
  v.charges.emplace_back();
  v.amount_changes.emplace_back();
  return v;
}

// Adds the keys of `from` to `into` (objects merge; the first sample of a key wins).
void merge(json& into, const json& from) {
  for (auto it = from.begin(); it != from.end(); ++it)
    if (!into.contains(it.key())) into[it.key()] = it.value();
}

template <size_t... I>
std::vector<json> screen_shapes(std::index_sequence<I...>) {
  return {shop_model::to_json(
      shop_model::Page{"", Screen{sample<std::variant_alternative_t<I, Screen>>()}})...};
}

std::vector<json> all_screens() {
  return screen_shapes(std::make_index_sequence<std::variant_size_v<Screen>>{});
}

}  // namespace

std::optional<json> field_shape(FieldShape shape, const std::optional<std::string>& screen) {
  switch (shape) {
    case FieldShape::None:
      return std::nullopt;
    case FieldShape::OrderDetail:
      return shop_model::to_json(sample<shop_model::OrderDetailView>());
    case FieldShape::Member:
      return member_json(shop_model::Member{});
    case FieldShape::Subscription:
      return shop_model::to_json(shop_model::SubscriptionView{});
    case FieldShape::Notifications:
      return notification_journal_view(json{{"notifications", json::array({json::object()})}});
    case FieldShape::Screen: {
      json all = json::object();
      for (const json& s : all_screens()) {
        if (screen && s.value("screen", "") == *screen) return s;
        merge(all, s);
      }
      if (screen) return std::nullopt;
      return all;
    }
  }
  return std::nullopt;
}

std::vector<std::string> screen_names() {
  std::vector<std::string> out;
  for (const json& s : all_screens()) out.push_back(s.value("screen", ""));
  return out;
}

}  // namespace scenarios
