#include "core/time.hpp"

#include <gtest/gtest.h>

namespace core {
namespace {

Instant at(const char* text) { return parse_instant(text).value(); }

TEST(Time, FormatsAmazonIsoAndHttpForms) {
  Instant t = at("2024-01-31T12:05:01Z");
  EXPECT_EQ(format_amazon(t), "20240131T120501Z");
  EXPECT_EQ(format_iso(t), "2024-01-31T12:05:01Z");
  EXPECT_EQ(format_http_date(t), "Wed, 31 Jan 2024 12:05:01 GMT");
  EXPECT_EQ(format_jst(t), "2024-01-31 21:05:01 JST");
}

TEST(Time, ParsesEveryAcceptedForm) {
  EXPECT_EQ(at("20240131T120501Z"), at("2024-01-31T12:05:01Z"));
  EXPECT_EQ(at("2024-01-31T21:05:01+09:00"), at("2024-01-31T12:05:01Z"));
  EXPECT_EQ(at("2024-01-31T12:05:01.123Z"), at("2024-01-31T12:05:01Z"));
  EXPECT_EQ(at("2024-01-31"), at("2024-01-31T00:00:00Z"));
  EXPECT_FALSE(parse_instant("2024-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_instant("yesterday"));
  EXPECT_FALSE(parse_instant("2024-01-31T12:05:01"));  // a zone is required
}

TEST(Time, RefusesOutOfRangeFields) {
  EXPECT_FALSE(parse_instant("2026-02-01T00:00:60Z"));  // no leap seconds
  EXPECT_FALSE(parse_instant("2026-02-01T00:00:00+99:99"));
  EXPECT_FALSE(parse_instant("2026-02-01T00:00:00+14:01"));
  EXPECT_FALSE(parse_instant("2026-02-01T00:00:00+09:60"));
  EXPECT_TRUE(parse_instant("2026-02-01T00:00:00+14:00"));
  EXPECT_TRUE(parse_instant("2026-02-01T00:00:00-12:00"));
  EXPECT_FALSE(parse_instant("0001-01-01T00:00:00Z"));
  EXPECT_FALSE(parse_instant("19691231T235959Z"));
  EXPECT_TRUE(parse_instant("9999-12-31"));
}

TEST(Time, AddMonthsClampsToMonthEndInJst) {
  // 2024-01-31 10:00 JST + 1 month = 2024-02-29 10:00 JST (leap year).
  EXPECT_EQ(add_months(at("2024-01-31T01:00:00Z"), 1), at("2024-02-29T01:00:00Z"));
  // 13 months, the Charge Permission lifetime.
  EXPECT_EQ(add_months(at("2024-01-15T03:00:00Z"), 13), at("2025-02-15T03:00:00Z"));
  // 2024-03-31 20:00 UTC is already April 1st in Japan.
  EXPECT_EQ(add_months(at("2024-03-31T20:00:00Z"), 1), at("2024-04-30T20:00:00Z"));
}

TEST(Time, StartOfJstMonth) {
  EXPECT_EQ(start_of_jst_month(at("2024-03-31T20:00:00Z")), at("2024-03-31T15:00:00Z"));
  EXPECT_EQ(start_of_jst_month(at("2024-03-15T00:00:00Z")), at("2024-02-29T15:00:00Z"));
}

TEST(Time, ParsesSpans) {
  EXPECT_EQ(parse_duration("30d"), Duration{30 * 86400});
  EXPECT_EQ(parse_duration("1d12h"), Duration{36 * 3600});
  EXPECT_EQ(parse_duration("90s"), Duration{90});
  EXPECT_EQ(parse_duration("2w"), Duration{14 * 86400});
  EXPECT_FALSE(parse_duration("13mo"));  // months are not a fixed duration
  auto span = parse_time_span("13mo");
  ASSERT_TRUE(span);
  EXPECT_EQ(span->months, 13);
  EXPECT_FALSE(parse_time_span("3 parsecs"));
  EXPECT_FALSE(parse_time_span(""));
  // At most 100 years: beyond, a typo would wrap the calendar.
  EXPECT_TRUE(parse_time_span("1200mo"));
  EXPECT_FALSE(parse_time_span("400000mo"));
  EXPECT_FALSE(parse_time_span("99999999d"));
  EXPECT_FALSE(parse_time_span(std::string(200, '1') + "d"));
  std::string many;
  for (int i = 0; i < 30; ++i) many += "100000000mo";
  EXPECT_FALSE(parse_time_span(many));  // no int overflow on the way
  EXPECT_EQ(parse_duration("36525d"), kMaxSpan);
  EXPECT_FALSE(parse_duration("36526d"));
  EXPECT_EQ(format_duration(Duration{30 * 86400 - 1}), "29d23h59m59s");
}

}  // namespace
}  // namespace core
