#include "core/time.hpp"

#include <cctype>
#include <cstdio>

namespace core {
namespace {

using std::chrono::days;
using std::chrono::year_month_day;

struct Civil {
  int year, month, day, hour, minute, second;
};

Civil to_civil(Instant t) {
  auto day_point = std::chrono::floor<days>(t);
  year_month_day ymd{day_point};
  auto rest = t - day_point;
  long secs = static_cast<long>(rest.count());
  return Civil{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
               static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(secs / 3600),
               static_cast<int>((secs / 60) % 60), static_cast<int>(secs % 60)};
}

std::optional<Instant> from_civil(int y, int mo, int d, int h, int mi, int s) {
  year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                     std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || y < kEarliestYear || y > kLatestYear || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      s < 0 || s > 59)
    return std::nullopt;
  return Instant{std::chrono::sys_days{ymd}} + Duration{h * 3600 + mi * 60 + s};
}

bool read_int(std::string_view text, size_t pos, size_t len, int& out) {
  if (pos + len > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    v = v * 10 + (text[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::string format_amazon(Instant t) {
  Civil c = to_civil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

std::string format_iso(Instant t) {
  Civil c = to_civil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

std::string format_jst(Instant t) {
  Civil c = to_civil(t + kJstOffset);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d JST", c.year, c.month, c.day,
                c.hour, c.minute, c.second);
  return buf;
}

std::string format_http_date(Instant t) {
  static constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  Civil c = to_civil(t);
  std::chrono::weekday wd{std::chrono::floor<days>(t)};
  if (c.year < 0 || c.year > 9999) {  // outside what the fixed layout below holds
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                  kWeekdays[wd.c_encoding()], c.day, kMonths[c.month - 1], c.year, c.hour, c.minute,
                  c.second);
    return buf;
  }
  // "Sun, 06 Nov 1994 08:49:37 GMT", written directly: it goes on every answer.
  std::string out = "Www, DD Mmm YYYY HH:MM:SS GMT";
  auto digits = [&](std::size_t at, int value, int n) {
    for (int i = n - 1; i >= 0; --i, value /= 10)
      out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  };
  out.replace(0, 3, kWeekdays[wd.c_encoding()]);
  digits(5, c.day, 2);
  out.replace(8, 3, kMonths[c.month - 1]);
  digits(12, c.year, 4);
  digits(17, c.hour, 2);
  digits(20, c.minute, 2);
  digits(23, c.second, 2);
  return out;
}

std::optional<Instant> parse_instant(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, sec = 0;
  // Compact: 20240131T120501Z
  if (s.size() == 16 && s[8] == 'T' && s[15] == 'Z') {
    if (read_int(s, 0, 4, y) && read_int(s, 4, 2, mo) && read_int(s, 6, 2, d) &&
        read_int(s, 9, 2, h) && read_int(s, 11, 2, mi) && read_int(s, 13, 2, sec))
      return from_civil(y, mo, d, h, mi, sec);
    return std::nullopt;
  }
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, mo) || !read_int(s, 8, 2, d)) return std::nullopt;
  if (s.size() == 10) return from_civil(y, mo, d, 0, 0, 0);
  if (s.size() < 19 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  if (!read_int(s, 11, 2, h) || !read_int(s, 14, 2, mi) || !read_int(s, 17, 2, sec))
    return std::nullopt;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {  // fractional seconds are dropped
    ++pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
  }
  auto base = from_civil(y, mo, d, h, mi, sec);
  if (!base) return std::nullopt;
  std::string_view zone = s.substr(pos);
  if (zone == "Z" || zone == "z") return base;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int zh, zm;
    if (!read_int(zone, 1, 2, zh) || !read_int(zone, 4, 2, zm)) return std::nullopt;
    if (zm > 59 || zh * 60 + zm > 14 * 60) return std::nullopt;  // real offsets: -12:00..+14:00
    Duration off{zh * 3600 + zm * 60};
    return zone[0] == '+' ? *base - off : *base + off;
  }
  return std::nullopt;
}

Instant add_months(Instant t, int months) {
  Instant local = t + kJstOffset;
  auto day_point = std::chrono::floor<days>(local);
  auto time_of_day = local - day_point;
  year_month_day ymd{day_point};
  auto ym = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
  auto last = std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}};
  auto day = ymd.day() > last.day() ? last.day() : ymd.day();
  year_month_day target{ym.year(), ym.month(), day};
  return Instant{std::chrono::sys_days{target}} + time_of_day - kJstOffset;
}

Instant start_of_jst_month(Instant t) {
  year_month_day ymd{std::chrono::floor<days>(t + kJstOffset)};
  year_month_day first{ymd.year(), ymd.month(), std::chrono::day{1}};
  return Instant{std::chrono::sys_days{first}} - kJstOffset;
}

std::optional<TimeSpan> parse_time_span(std::string_view text) {
  if (text.empty()) return std::nullopt;
  TimeSpan span;
  size_t i = 0;
  bool any = false;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    long long n = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      n = n * 10 + (text[i] - '0');
      if (n > 100000000) return std::nullopt;
      ++i;
    }
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view unit = text.substr(unit_start, i - unit_start);
    if (unit == "mo") span.months += static_cast<int>(n);
    else if (unit == "w") span.duration += Duration{n * 7 * 86400};
    else if (unit == "d") span.duration += Duration{n * 86400};
    else if (unit == "h") span.duration += Duration{n * 3600};
    else if (unit == "m" || unit == "min") span.duration += Duration{n * 60};
    else if (unit == "s") span.duration += Duration{n};
    else return std::nullopt;
    // Checked at each unit: each adds at most 1e8 units, so nothing can overflow first.
    if (span.months > kMaxSpanMonths || span.duration > kMaxSpan) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return span;
}

std::optional<Duration> parse_duration(std::string_view text) {
  auto span = parse_time_span(text);
  if (!span || span->months != 0) return std::nullopt;
  return span->duration;
}

std::string format_duration(Duration d) {
  long long s = d.count();
  if (s == 0) return "0s";
  std::string out;
  if (s < 0) {
    out = "-";
    s = -s;
  }
  const std::pair<long long, const char*> units[] = {{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  for (auto [size, name] : units) {
    if (s >= size) {
      out += std::to_string(s / size) + name;
      s %= size;
    }
  }
  return out;
}

}  // namespace core
