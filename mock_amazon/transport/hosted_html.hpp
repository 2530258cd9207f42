// Small HTML helpers for the hosted pages (hosted_pages.cpp): forms in, pages and redirects
// out. Everything a page shows may come from a client (ids, URLs, merchant texts), so every
// text goes through core::escape_html.
#pragma once

#include <string>
#include <string_view>

#include "core/http_types.hpp"

namespace mock_amazon::transport::html {

// The first value of `name` in an application/x-www-form-urlencoded text (a query or a form
// body), decoded ('+' is a space); "" when absent.
std::string form_value(std::string_view encoded, std::string_view name);

// The path of a base URL without its trailing slashes: "https://h/base/" → "/base", "https://h" →
// "".
std::string path_prefix(std::string_view base_url);

// http:// or https:// (any case): the only URLs a page links or redirects to; a merchant's
// "javascript:" URL is never followed.
bool is_web_url(std::string_view url);

// A complete UTF-8 page: `body` is HTML already escaped by the caller.
core::HttpResponse page(int status, std::string_view title, std::string_view body);

// 303 See Other: a form's answer sends the browser on with a GET.
core::HttpResponse see_other(const std::string& url);

// An attribute value or text.
std::string esc(std::string_view text);

}  // namespace mock_amazon::transport::html
