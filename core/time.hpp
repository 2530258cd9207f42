// Time vocabulary shared by every layer.
//
// Instants are whole seconds since the Unix epoch in UTC: Amazon Pay's timestamps have
// one-second resolution, and whole seconds keep transcripts byte-identical between runs.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace core {

using Instant = std::chrono::sys_seconds;
using Duration = std::chrono::seconds;

inline constexpr Duration kMinute{60};
inline constexpr Duration kHour{3600};
inline constexpr Duration kDay{86400};

// Japan Standard Time offset. Calendar arithmetic (months, "this calendar month") is done in
// JST because every shop and buyer of this harness lives in Japan.
inline constexpr Duration kJstOffset{9 * 3600};

// Amazon Pay's compact form: 20240131T120501Z.
std::string format_amazon(Instant t);
// Extended ISO-8601 UTC: 2024-01-31T12:05:01Z.
std::string format_iso(Instant t);
// RFC 7231 IMF-fixdate for the HTTP Date header: Wed, 31 Jan 2024 12:05:01 GMT.
std::string format_http_date(Instant t);
// JST wall-clock text for people: 2024-01-31 21:05:01 JST.
std::string format_jst(Instant t);

// Accepts the compact form, extended ISO-8601 with Z or a ±hh:mm offset (at most ±14:00),
// and date-only (YYYY-MM-DD, midnight UTC), with seconds 0-59 and years kEarliestYear to
// kLatestYear. Returns nullopt on anything else.
std::optional<Instant> parse_instant(std::string_view text);

// Adds calendar months in JST, clamping the day to the end of the target month
// (Jan 31 + 1 month = Feb 28/29), keeping the time of day.
Instant add_months(Instant t, int months);

// First instant of the JST calendar month containing t.
Instant start_of_jst_month(Instant t);

// Calendar years parse_instant accepts, and the longest span parse_time_span accepts (100
// years, months and durations each): beyond them a client's typo would wrap the calendar.
inline constexpr int kEarliestYear = 1970;
inline constexpr int kLatestYear = 9999;
inline constexpr int kMaxSpanMonths = 1200;
inline constexpr Duration kMaxSpan = kDay * 36525;

// A span of time as people write it in scenarios and on the command line:
// "30d", "24h", "90s", "15m", "1d12h", "2w". Months are not durations (see TimeSpan).
std::optional<Duration> parse_duration(std::string_view text);

// A duration or a number of calendar months ("13mo"), as accepted by clock steps.
struct TimeSpan {
  int months = 0;
  Duration duration{0};
  Instant after(Instant t) const { return add_months(t, months) + duration; }
};
std::optional<TimeSpan> parse_time_span(std::string_view text);
std::string format_duration(Duration d);

}  // namespace core
