// Money is an integer number of yen. JPY has no minor unit, so there is no rounding anywhere.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

class Yen {
 public:
  constexpr Yen() = default;
  constexpr explicit Yen(std::int64_t amount) : amount_(amount) {}

  constexpr std::int64_t value() const { return amount_; }

  // The largest amount parse() reads (15 digits): far beyond any JPY amount Amazon accepts,
  // and small enough that a limit's multiple of it cannot overflow.
  static constexpr std::int64_t kMaxParsed = 999'999'999'999'999;

  constexpr Yen operator+(Yen o) const { return Yen{amount_ + o.amount_}; }
  constexpr Yen operator-(Yen o) const { return Yen{amount_ - o.amount_}; }
  constexpr Yen& operator+=(Yen o) {
    amount_ += o.amount_;
    return *this;
  }
  constexpr Yen& operator-=(Yen o) {
    amount_ -= o.amount_;
    return *this;
  }
  constexpr Yen operator*(std::int64_t k) const { return Yen{amount_ * k}; }
  // amount × k, held at the int64 bounds instead of overflowing (limits computed from
  // amounts a client sent).
  constexpr Yen times_saturating(std::int64_t k) const {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(amount_, k, &out))
      return Yen{(amount_ < 0) != (k < 0) ? INT64_MIN : INT64_MAX};
    return Yen{out};
  }
  constexpr auto operator<=>(const Yen&) const = default;

  // "5980": the string form Amazon Pay uses for JPY amounts.
  std::string to_string() const { return std::to_string(amount_); }
  // "¥5,980" for people.
  std::string display() const;

  // Parses Amazon's amount text: an optional minus, digits, and an optional all-zero
  // fraction ("5980", "5980.00"). A non-zero fraction is not a JPY amount.
  static std::optional<Yen> parse(std::string_view text);

 private:
  std::int64_t amount_ = 0;
};

constexpr Yen min(Yen a, Yen b) { return a < b ? a : b; }
constexpr Yen max(Yen a, Yen b) { return a < b ? b : a; }

}  // namespace core
