// The order mails the merchant sends from 受注管理: 注文確認メール, サンクスメール and
// 任意受注メール. Each renders a template with the order's tags; a guest's 「メールマガジンの購読」
// and 「モバイルメール受信可否」 render as "" (GST-004). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shop_model/domain/model.hpp"

namespace shop_model {

enum class MailKind { OrderConfirmation, Thanks, Arbitrary };
std::string_view name(MailKind k);  // "order_confirmation", "thanks", "arbitrary"
std::string_view label(MailKind k);  // "注文確認メール", "サンクスメール", "任意受注メール"
std::optional<MailKind> parse_mail_kind(std::string_view text);

// The template a shop starts with for this kind (used when the merchant gives none).
std::string_view default_template(MailKind k);

// お客様情報 as shown: 「メールマガジンの購読」 希望する / 希望しない, 「モバイルメール受信可否」
// 受信する / 受信しない; "" when never registered (GST-003/004).
std::string newsletter_text(const std::optional<bool>& newsletter);
std::string mobile_mail_text(const std::optional<bool>& mobile_mail);

// `text` (or the kind's default template when nullopt) with every tag expanded
// (expand_mail_placeholders in rules.hpp).
std::string render_order_mail_text(MailKind kind, const std::optional<std::string>& text,
                                   const ShopSettings& settings, const Order& order);

}  // namespace shop_model
