#include "core/text.hpp"

#include <gtest/gtest.h>

namespace core {
namespace {

TEST(ValidUtf8, KeepsWellFormedTextAndReplacesEveryBadByte) {
  EXPECT_EQ(valid_utf8("plain ascii"), "plain ascii");
  EXPECT_EQ(valid_utf8("山田太郎 \xF0\x9F\x98\x80"), "山田太郎 \xF0\x9F\x98\x80");
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(valid_utf8("a\xFF"
                       "b"),
            "a" + fffd + "b");
  EXPECT_EQ(valid_utf8("\xC0\xAF"), fffd + fffd);                        // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), fffd + fffd + fffd);             // a surrogate
  EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80"), fffd + fffd + fffd + fffd);  // above U+10FFFF
  EXPECT_EQ(valid_utf8("\xE3\x81"), fffd + fffd);                        // cut short
  EXPECT_EQ(valid_utf8(std::string("a\0b", 3)), std::string("a\0b", 3));
}

TEST(EchoText, CutsAtACharacterBoundary) {
  EXPECT_EQ(echo_text("short"), "short");
  std::string cut = echo_text("ああああ", 7);  // 3 bytes each: two fit
  EXPECT_EQ(cut, "ああ\xE2\x80\xA6");
  EXPECT_EQ(echo_text(std::string(5000, '9')).size(), 200u + 3u);
}

}  // namespace
}  // namespace core
