// Matrix expansion: one scenario per combination, ${variables} substituted everywhere, ids
// suffixed with the bindings, and mistakes reported once with their position.
#include <gtest/gtest.h>

#include "scenarios/tests/test_support.hpp"

namespace scenarios {
namespace {

using testing::errors_of;
using testing::load;

const char* kMatrix = R"(id: m
title: every variant × product
rules: [AVAIL-001]
matrix:
  variant: [CC_NONE, CC_MIGRATING, CC_LIVE]
  product: [normal, reservation]
shop: {variant: "${variant}", domain: "${variant}.example"}
products:
  - {code: "${product}", name: "商品 ${product}", price: 100}
steps:
  - customer.add_to_cart: {product: "${product}"}
  - expect.screen: {lines: [{product_code: "${product}"}], error: "$literal {kept}"}
)";

TEST(Matrix, OneScenarioPerCombinationInOrder) {
  LoadResult r = load(kMatrix);
  ASSERT_TRUE(r.ok()) << errors_of(r);
  ASSERT_EQ(r.scenarios.size(), 6u);
  std::vector<std::string> ids;
  for (const Scenario& s : r.scenarios) ids.push_back(s.result_id);
  EXPECT_EQ(
      ids,
      (std::vector<std::string>{
          "m[variant=CC_NONE,product=normal]", "m[variant=CC_NONE,product=reservation]",
          "m[variant=CC_MIGRATING,product=normal]", "m[variant=CC_MIGRATING,product=reservation]",
          "m[variant=CC_LIVE,product=normal]", "m[variant=CC_LIVE,product=reservation]"}));
  EXPECT_EQ(r.scenarios[0].id, "m");
  EXPECT_EQ(r.scenarios[3].binding_text(), "variant=CC_MIGRATING,product=reservation");
}

TEST(Matrix, SubstitutesInShopProductsAndSteps) {
  LoadResult r = load(kMatrix);
  ASSERT_TRUE(r.ok()) << errors_of(r);
  const Scenario& s = r.scenarios[3];  // CC_MIGRATING × reservation
  EXPECT_EQ(s.shop.find("variant")->text(), "CC_MIGRATING");
  EXPECT_EQ(s.shop.find("domain")->text(), "CC_MIGRATING.example");
  EXPECT_EQ(s.products.items()[0].find("code")->text(), "reservation");
  EXPECT_EQ(s.products.items()[0].find("name")->text(), "商品 reservation");
  EXPECT_EQ(s.steps[0].params.str("product"), "reservation");
  EXPECT_EQ(s.steps[0].text, "customer.add_to_cart {product: \"reservation\"}");
  ASSERT_EQ(s.steps[1].fields.size(), 2u);
  EXPECT_EQ(s.steps[1].fields[0].value.items()[0].find("product_code")->text(), "reservation");
  EXPECT_EQ(s.steps[1].fields[1].value.text(), "$literal {kept}");
  EXPECT_EQ(s.title, "every variant × product");  // titles are not substituted
}

TEST(Matrix, SubstitutedValuesAreValidated) {
  // CC_OLD only fails once substituted; reported once, at the template's position.
  LoadResult r = load(R"(id: m
title: t
rules: [AVAIL-001]
matrix: {variant: [CC_NONE, CC_OLD, CC_WORSE]}
shop: {variant: "${variant}"}
steps:
  - customer.view_cart
  - clock.advance: "${nope}"
)");
  EXPECT_EQ(
      errors_of(r),
      "t.yaml:5:17: shop.variant must be one of CC_NONE, CC_MIGRATING, CC_LIVE (got \"CC_OLD\")\n"
      "t.yaml:5:17: shop.variant must be one of CC_NONE, CC_MIGRATING, CC_LIVE (got \"CC_WORSE\")\n"
      "t.yaml:8:20: unknown matrix variable '${nope}' (matrix defines: variant)\n"
      "t.yaml:8:20: clock.advance: 'by' must be a time span like 30s, 15m, 24h, 30d, 2w, 1d12h "
      "or 13mo (got \"${nope}\")\n");
  EXPECT_TRUE(r.scenarios.empty());
}

TEST(Matrix, MalformedMatrix) {
  LoadResult r = load(R"(id: m
title: t
rules: [AVAIL-001]
matrix: {1x: [a], empty: [], nested: [[a]]}
steps: [customer.view_cart]
)");
  EXPECT_EQ(errors_of(r),
            "t.yaml:4:10: matrix variable '1x' must be [A-Za-z_][A-Za-z0-9_]*\n"
            "t.yaml:4:26: matrix variable 'empty' needs a non-empty list of values (got a list)\n"
            "t.yaml:4:39: matrix values must be scalars (got a list)\n");
}

TEST(Matrix, VariablesOutsideAMatrix) {
  LoadResult r =
      load("id: m\ntitle: t\nrules: [AVAIL-001]\nsteps:\n  - customer.open_url: \"${u}\"\n");
  EXPECT_EQ(errors_of(r),
            "t.yaml:5:24: unknown matrix variable '${u}' (the scenario has no matrix)\n");
}

}  // namespace
}  // namespace scenarios
