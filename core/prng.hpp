// The one source of randomness: a seeded generator whose whole state is one integer, so a
// store can persist it and a restart continues the same sequence.
#pragma once

#include <cstdint>
#include <string>

namespace core {

class Prng {
 public:
  explicit Prng(std::uint64_t seed = 0) : state_(seed) {}

  // splitmix64: tiny, fast and statistically fine for identifiers and scheduling jitter.
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound).
  std::uint64_t below(std::uint64_t bound) { return bound == 0 ? 0 : next() % bound; }
  // `count` decimal digits, leading zeros kept.
  std::string digits(int count);
  // A version-4 UUID in canonical lower-case form.
  std::string uuid();

  std::uint64_t state() const { return state_; }
  void set_state(std::uint64_t s) { state_ = s; }

 private:
  std::uint64_t state_;
};

// Mixes a run seed with a name, so each scenario gets its own stable seed whatever else runs.
std::uint64_t derive_seed(std::uint64_t seed, const std::string& name);

}  // namespace core
