// The member steps: the customer's ログイン画面, Amazonログイン, 会員登録, passwords, マイページ
// and 連携解除; the buyer's sign-in on Amazon's login page; the admin's 会員登録, 会員検索 and
// member downloads; and the expectations on a download and on Amazon's sign-in journal.
#include <fmt/core.h>

#include "mock_amazon/domain/sandbox.hpp"
#include "scenarios/matcher.hpp"
#include "scenarios/step_list.hpp"
#include "scenarios/steps/context.hpp"

namespace scenarios {
namespace {

using T = ParamType;

// ---- customer

StepOutcome open_login(ScenarioContext& c, const NoParams&) {
  return c.show(c.shop().open_login());
}
StepOutcome press_amazon_login(ScenarioContext& c, const NoParams&) {
  return c.show(c.shop().press_amazon_login());
}

struct PasswordLogin {
  std::optional<MemberRef> member;
  std::optional<std::string> email;
  std::string password;
};
StepOutcome log_in_with_password(ScenarioContext& c, const PasswordLogin& p) {
  std::string login = p.email.value_or("");
  if (p.member) {
    auto id = c.member_id(p.member->text);
    if (!id) return failure(id.error());
    login = *id;
  }
  return c.show(c.shop().log_in_with_password(login, p.password));
}

struct Register {
  std::string email, name, password;
  std::optional<bool> newsletter;
};
shop_model::RegistrationInput registration(const Register& p) {
  return shop_model::RegistrationInput{p.email, p.name, p.password, p.newsletter};
}
StepOutcome register_member(ScenarioContext& c, const Register& p) {
  return c.show(c.shop().register_member(registration(p)));
}

StepOutcome open_mypage(ScenarioContext& c, const NoParams&) {
  return c.show(c.shop().navigate("https://" + c.shop().settings().domain + "/my"));
}
StepOutcome open_login_links(ScenarioContext& c, const NoParams&) {
  return c.show(c.shop().navigate("https://" + c.shop().settings().domain + "/my/login-links"));
}

struct ChangePassword {
  std::optional<std::string> current_password;
  std::string password;
};
StepOutcome change_password(ScenarioContext& c, const ChangePassword& p) {
  return c.show(c.shop().change_password(p.current_password, p.password));
}

struct ResetPassword {
  std::string email, password;
};
StepOutcome reset_password(ScenarioContext& c, const ResetPassword& p) {
  return c.show(c.shop().reset_password(p.email, p.password));
}

StepOutcome unlink_amazon(ScenarioContext& c, const NoParams&) {
  return c.show(c.shop().unlink_amazon());
}

// ---- amazon_buyer

struct SignInForLogin {
  std::string buyer = "taro";
};
StepOutcome sign_in_for_login(ScenarioContext& c, const SignInForLogin& p) {
  const auto* page = c.amazon_page();
  if (!page || page->page != "login") return failure(c.not_on("Amazon's login page"));
  return c.follow_hosted(ScenarioContext::json_answer(
      c.control().sign_in_for_login(p.buyer, page->sign_in_return_url)));
}
void check_sign_in_for_login(const SignInForLogin& p, StepIssues& issues) {
  if (!mock_amazon::find_sandbox_buyer(p.buyer))
    issues.at("buyer",
              fmt::format("amazon_buyer.sign_in_for_login: unknown sandbox buyer '{}'", p.buyer));
}

// ---- admin

StepOutcome admin_register_member(ScenarioContext& c, const Register& p) {
  auto m = c.shop().add_member(registration(p));
  if (!m) {
    c.set_error(m.error());
    return note("error: " + m.error());
  }
  StepOutcome o = note("member " + m->id + " registered");
  o.observations.push_back("member: " + dump(member_json(*m)));
  return o;
}

const std::vector<std::string>& link_choices() {
  static const std::vector<std::string> choices = {"あり", "なし", ""};
  return choices;
}

struct SearchMembers {
  std::string amazon_link;
};
StepOutcome search_members(ScenarioContext& c, const SearchMembers& p) {
  auto criterion = shop_model::parse_amazon_link_criterion(p.amazon_link);
  return c.show(c.shop().search_members(criterion.value_or(shop_model::AmazonLinkCriterion::Any)));
}

struct ExportMembers {
  std::string export_kind = "search_result";
  std::string amazon_link;
};
StepOutcome export_members(ScenarioContext& c, const ExportMembers& p) {
  auto kind = shop_model::parse_member_export(p.export_kind);
  auto criterion = shop_model::parse_amazon_link_criterion(p.amazon_link);
  std::string csv =
      c.shop().export_members(kind.value_or(shop_model::MemberExport::SearchResult),
                              criterion.value_or(shop_model::AmazonLinkCriterion::Any));
  c.set_member_export(csv);
  StepOutcome o = note(fmt::format("{} bytes", csv.size()));
  o.observations.push_back("csv: " + csv);
  return o;
}

// ---- expect

std::vector<std::string> split(const std::string& text, const std::string& sep) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t next; (next = text.find(sep, at)) != std::string::npos; at = next + sep.size())
    out.push_back(text.substr(at, next - at));
  out.push_back(text.substr(at));
  return out;
}

// The export's lines (CRLF-terminated) as header cells and rows of cells. Our own exports
// quote no cell that matters here, so a plain split is enough.
struct Csv {
  std::vector<std::string> lines;
  std::vector<std::string> header;
};

struct ExpectExport {
  std::optional<std::string> header;
  std::optional<std::int64_t> count;
  std::optional<MemberRef> member;
  std::optional<Expectation> row;
  std::vector<std::string> same_cells;
};
StepOutcome expect_export(ScenarioContext& c, const ExpectExport& p) {
  if (!c.member_export()) return failure("no member download yet (use admin.export_members)");
  const std::string& csv = *c.member_export();
  if (csv.size() < 2 || csv.substr(csv.size() - 2) != "\r\n")
    return failure("the download does not end with CRLF");
  std::vector<std::string> lines = split(csv.substr(0, csv.size() - 2), "\r\n");
  if (p.header && lines[0] != *p.header)
    return failure(fmt::format("header line: expected\n{}\ngot\n{}", *p.header, lines[0]));
  if (p.count && static_cast<std::int64_t>(lines.size()) - 1 != *p.count)
    return failure(fmt::format("expected {} data row(s), got {}", *p.count, lines.size() - 1));
  if (!p.member) return note(fmt::format("{} data row(s)", lines.size() - 1));
  auto id = c.member_id(p.member->text);
  if (!id) return failure(id.error());
  std::vector<std::string> header = split(lines[0], ",");
  json row = nullptr;
  for (size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> cells = split(lines[i], ",");
    json r = json::object();
    for (size_t k = 0; k < header.size() && k < cells.size(); ++k) r[header[k]] = cells[k];
    if (r.value("会員ID", "") == *id) row = r;
  }
  if (row.is_null()) return failure("the download has no row for member " + *id);
  for (const auto& name : p.same_cells)
    if (!row.contains(name) || row[name] != row[p.same_cells.front()] || row[name] == "")
      return failure(
          fmt::format("cells {} are not one non-empty value: {}", join(p.same_cells), dump(row)));
  if (p.row) return c.expect_json(p.row->value, row, "row");
  return note("row " + dump(row));
}

struct ExpectSignIns {
  std::optional<std::int64_t> count;
  std::optional<RawMatch> last;
};
StepOutcome expect_sign_ins(ScenarioContext& c, const ExpectSignIns& p) {
  auto got = c.quietly([](auto& control) { return control.sign_ins(); });
  if (!got) return failure(got.error());
  json list = field(*got, "signIns");
  if (!list.is_array()) return failure("the mock's sign-in journal is not a list: " + dump(*got));
  if (p.count && static_cast<std::int64_t>(list.size()) != *p.count)
    return failure(
        fmt::format("expected {} sign-in(s), got {}: {}", *p.count, list.size(), dump(list)));
  if (p.last) {
    if (list.empty()) return failure("the mock has recorded no sign-in");
    if (auto m = match(p.last->value, list.back(), "last"))
      return failure(*m + "\njournal: " + dump(list));
  }
  StepOutcome o = note(fmt::format("{} sign-in(s)", list.size()));
  o.observations.push_back("sign-ins: " + dump(list));
  return o;
}

}  // namespace

void add_member_steps(StepList& steps) {
  steps.add<NoParams>("customer.open_login", "Opens the ログイン画面.", {}, &open_login);
  steps.add<NoParams>("customer.press_amazon_login",
                      "Presses [amazonでログイン] on the ログイン画面: Amazon's login page "
                      "(amazon_page, page login), or the login screen with an error.",
                      {}, &press_amazon_login);
  StepSpec& login = steps.add<PasswordLogin>(
      "customer.log_in_with_password",
      "Logs in on the ログイン画面 with a member's e-mail address (or 会員ID) and shop password: "
      "マイページ, or the login screen with an error.",
      {optional("member", &PasswordLogin::member, "the member (their 会員ID is the login)"),
       optional("email", &PasswordLogin::email, "the e-mail address as the login"),
       required("password", &PasswordLogin::password, "the shop password")},
      &log_in_with_password);
  login.exactly_one_of = {"member", "email"};
  steps.add<Register>("customer.register",
                      "会員登録 on the storefront: マイページ of the new member, or the form with "
                      "an error. Logged in to Amazon (CC未利用), the member is linked (MEM-003).",
                      {required("email", &Register::email, "e-mail address"),
                       required("name", &Register::name, "name"),
                       required("password", &Register::password, "shop password"),
                       optional("newsletter", &Register::newsletter, "メールマガジンの購読")},
                      &register_member);
  steps.add<NoParams>("customer.open_mypage", "Opens マイページ (https://<domain>/my).", {},
                      &open_mypage);
  steps.add<NoParams>("customer.open_login_links",
                      "Opens マイページ「ログイン連携」 (https://<domain>/my/login-links; CC運用中 "
                      "only, not_found elsewhere).",
                      {}, &open_login_links);
  steps.add<ChangePassword>(
      "customer.change_password",
      "マイページ「パスワード変更」: sets the shop password (the current one is asked only when "
      "there is one).",
      {optional("current_password", &ChangePassword::current_password, "the current password"),
       required("password", &ChangePassword::password, "the new password")},
      &change_password);
  steps.add<ResetPassword>(
      "customer.reset_password",
      "「パスワードをお忘れの場合」 (CC未利用) / 「パスワード再設定」 (CC): sets a new shop "
      "password for the member of that e-mail address (the mailed link is followed at once).",
      {required("email", &ResetPassword::email, "e-mail address"),
       required("password", &ResetPassword::password, "the new password")},
      &reset_password);
  steps.add<NoParams>("customer.unlink_amazon",
                      "「ログイン連携」: removes the link with the Amazon account (CC運用中 only).",
                      {}, &unlink_amazon);
  steps.add<SignInForLogin>(
      "amazon_buyer.sign_in_for_login",
      "On Amazon's login page (after [amazonでログイン]): signs in as a sandbox buyer and "
      "follows Amazon's redirect to the signInReturnUrl with a buyer token.",
      {optional("buyer", &SignInForLogin::buyer, "sandbox buyer: taro or hanako")},
      &sign_in_for_login, &check_sign_in_for_login);
  steps.add<Register>("admin.register_member",
                      "管理画面 会員登録: an existing shop member with a shop password.",
                      {required("email", &Register::email, "e-mail address"),
                       required("name", &Register::name, "name"),
                       required("password", &Register::password, "shop password"),
                       optional("newsletter", &Register::newsletter, "メールマガジンの購読")},
                      &admin_register_member);
  steps.add<SearchMembers>(
      "admin.search_members",
      "会員検索 with ログイン連携関連「Amazon ID連携」 (あり, なし, or \"\" for any): the "
      "member_search screen.",
      {with_choices(optional("amazon_link", &SearchMembers::amazon_link, "Amazon ID連携"),
                    link_choices())},
      &search_members);
  steps.add<ExportMembers>(
      "admin.export_members",
      "Downloads member data as CSV: 会員検索結果一覧「会員データ出力ファイル」 (search_result, "
      "of the search given by amazon_link) or 会員一括登録・取得 (bulk, every member).",
      {with_choices(optional("export", &ExportMembers::export_kind, "which download"),
                    {"search_result", "bulk"}),
       with_choices(optional("amazon_link", &ExportMembers::amazon_link,
                             "search_result: the search's Amazon ID連携"),
                    link_choices())},
      &export_members);
  StepSpec& exp = steps.add<ExpectExport>(
      "expect.export",
      "The last member download: the header line byte-exact, the number of data rows, and a "
      "member's row as {column header: cell} (all cells are text; \"\" is an empty cell).",
      {optional("header", &ExpectExport::header, "the whole header line, without CRLF"),
       optional("count", &ExpectExport::count, "data rows"),
       optional("member", &ExpectExport::member, "the member whose row `row` checks"),
       matchable(optional("row", &ExpectExport::row, "partial match of the member's row")),
       optional("same_cells", &ExpectExport::same_cells,
                "columns of the member's row that hold one and the same non-empty value")},
      &expect_export);
  exp.at_least_one_of = {"header", "count", "member"};
  StepSpec& sign_ins = steps.add<ExpectSignIns>(
      "expect.amazon.sign_ins",
      "Amazon's sign-in journal (Amazonログイン, GET /__mock/sign-ins): how many sign-ins, and "
      "a raw partial match of the latest ({buyer, buyerId, signedInAt, signedOutAt, ...}).",
      {optional("count", &ExpectSignIns::count, "sign-ins so far"),
       optional("last", &ExpectSignIns::last, "partial match of the latest sign-in")},
      &expect_sign_ins);
  sign_ins.at_least_one_of = {"count", "last"};
}

}  // namespace scenarios
