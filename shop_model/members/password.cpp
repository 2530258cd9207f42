#include "shop_model/members/password.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstdio>

namespace shop_model {
namespace {

constexpr int kIterations = 1000;

std::string hash(std::string_view salt, std::string_view password) {
  std::array<unsigned char, 32> out{};
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), kIterations, EVP_sha256(),
                    static_cast<int>(out.size()), out.data());
  std::string hex;
  char buf[3];
  for (unsigned char b : out) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    hex += buf;
  }
  return hex;
}

}  // namespace

void set_password(Member& member, std::string_view password, core::Prng& salts) {
  member.password_salt = salts.uuid();
  member.password_hash = hash(member.password_salt, password);
  member.has_password = true;
}

bool password_matches(const Member& member, std::string_view password) {
  if (!member.has_password || member.password_hash.empty()) return false;
  return hash(member.password_salt, password) == member.password_hash;
}

}  // namespace shop_model
