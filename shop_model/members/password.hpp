// 自社ECサイトのパスワード: the shop keeps only a salted hash (PBKDF2-HMAC-SHA256). The salt
// comes from the shop's seeded generator, never the system RNG, so runs repeat exactly.
#pragma once

#include <string>
#include <string_view>

#include "core/prng.hpp"
#include "shop_model/domain/model.hpp"

namespace shop_model {

// Sets the member's password (has_password becomes true).
void set_password(Member& member, std::string_view password, core::Prng& salts);
// False for a member without a password (GST-005) and for a wrong one.
bool password_matches(const Member& member, std::string_view password);

}  // namespace shop_model
