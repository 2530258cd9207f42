#include "core/prng.hpp"

#include <cstdio>

namespace core {

std::string Prng::digits(int count) {
  std::string out;
  out.reserve(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) out.push_back(static_cast<char>('0' + below(10)));
  return out;
}

std::string Prng::uuid() {
  std::uint64_t hi = next();
  std::uint64_t lo = next();
  hi = (hi & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  // 8-4-4-4-12 hex digits, written directly (snprintf was a visible share of every answer).
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(36, '-');
  auto put = [&](std::size_t at, std::uint64_t bits, int digits) {
    for (int i = digits - 1; i >= 0; --i, bits >>= 4)
      out[at + static_cast<std::size_t>(i)] = kHex[bits & 0xF];
  };
  put(0, hi >> 32, 8);
  put(9, hi >> 16, 4);
  put(14, hi, 4);
  put(19, lo >> 48, 4);
  put(24, lo, 12);
  return out;
}

std::uint64_t derive_seed(std::uint64_t seed, const std::string& name) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a over the name
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  Prng mix(seed ^ h);
  return mix.next();
}

}  // namespace core
