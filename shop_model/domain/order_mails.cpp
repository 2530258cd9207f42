#include "shop_model/domain/order_mails.hpp"

#include <array>

#include "shop_model/domain/rules.hpp"

namespace shop_model {
namespace {

struct MailName {
  MailKind kind;
  std::string_view name, label, default_template;
};
constexpr std::array<MailName, 3> kMails = {{
    {MailKind::OrderConfirmation, "order_confirmation", "注文確認メール",
     "ご注文ありがとうございます。受注番号: $REQNUM$\nメールマガジンの購読: $MAILMAGAZINE$\n"
     "モバイルメール受信可否: $MOBILEMAIL$\n"},
    {MailKind::Thanks, "thanks", "サンクスメール",
     "商品を発送しました。受注番号: $REQNUM$\nメールマガジンの購読: $MAILMAGAZINE$\n"
     "モバイルメール受信可否: $MOBILEMAIL$\n"},
    {MailKind::Arbitrary, "arbitrary", "任意受注メール",
     "受注番号: $REQNUM$ についてのご連絡\nメールマガジンの購読: $MAILMAGAZINE$\n"
     "モバイルメール受信可否: $MOBILEMAIL$\n"},
}};

}  // namespace

std::string_view name(MailKind k) {
  for (const auto& m : kMails)
    if (m.kind == k) return m.name;
  return "?";
}

std::string_view label(MailKind k) {
  for (const auto& m : kMails)
    if (m.kind == k) return m.label;
  return "?";
}

std::optional<MailKind> parse_mail_kind(std::string_view text) {
  for (const auto& m : kMails)
    if (m.name == text) return m.kind;
  return std::nullopt;
}

std::string_view default_template(MailKind k) {
  for (const auto& m : kMails)
    if (m.kind == k) return m.default_template;
  return "";
}

std::string newsletter_text(const std::optional<bool>& newsletter) {
  if (!newsletter) return "";
  return *newsletter ? "希望する" : "希望しない";
}

std::string mobile_mail_text(const std::optional<bool>& mobile_mail) {
  if (!mobile_mail) return "";
  return *mobile_mail ? "受信する" : "受信しない";
}

std::string render_order_mail_text(MailKind kind, const std::optional<std::string>& text,
                                   const ShopSettings& settings, const Order& order) {
  return expand_mail_placeholders(text ? std::string_view(*text) : default_template(kind), settings,
                                  order);
}

}  // namespace shop_model
