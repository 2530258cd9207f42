// The auditor's page: one self-contained HTML file. Sections, in reading order:
// header (run info, verdict, summary cards that link to what they count), the failures
// panel, coverage per area, warnings, adopted interpretations, every catalogue rule by area
// (with a search box and status filters), every scenario with its steps, the state machines,
// a sign-off block. The failures panel is in html_failures.cpp, rules and scenarios in
// html_rules.cpp / html_scenarios.cpp, diagrams in html_state_machines.cpp, CSS (screen and
// A4 print) and the optional script in html_assets.cpp.
#include <array>
#include <set>

#include <fmt/core.h>

#include "reports/html_parts.hpp"
#include "reports/text_util.hpp"
#include "reports/writers.hpp"

namespace reports {
namespace html {

Context::Context(const Catalogue& cat, const RunModel& r)
    : catalogue(cat),
      run(r),
      verdicts(compute_rule_verdicts(cat, r)),
      totals(reports::totals(verdicts, r)),
      seen(transitions_seen(r)) {
  for (const RuleVerdict& v : verdicts) verdict_by_rule_.emplace(v.rule->id, &v);
  for (const ScenarioResult& s : run.scenarios) scenario_by_id_.emplace(s.id, &s);
}

const RuleVerdict* Context::verdict(const std::string& rule_id) const {
  const auto it = verdict_by_rule_.find(rule_id);
  return it == verdict_by_rule_.end() ? nullptr : it->second;
}

const ScenarioResult* Context::scenario(const std::string& id) const {
  const auto it = scenario_by_id_.find(id);
  return it == scenario_by_id_.end() ? nullptr : it->second;
}

std::string esc(std::string_view s) {
  return escape_html(s);
}

const char* rule_status_class(RuleStatus s) {
  switch (s) {
    case RuleStatus::Passed:
      return "st-passed";
    case RuleStatus::Failed:
      return "st-failed";
    case RuleStatus::NotYetChecked:
      return "st-nyc";
    case RuleStatus::NotTestable:
      return "st-nt";
  }
  return "";
}

const char* scenario_status_class(ScenarioStatus s) {
  switch (s) {
    case ScenarioStatus::Passed:
      return "st-passed";
    case ScenarioStatus::Failed:
      return "st-failed";
    case ScenarioStatus::Error:
      return "st-error";
  }
  return "";
}

namespace {
std::string badge(const char* css, const char* symbol, const char* label) {
  return fmt::format("<span class=\"badge {}\">{} {}</span>", css, symbol, label);
}
}  // namespace

std::string rule_badge(RuleStatus s) {
  switch (s) {
    case RuleStatus::Passed:
      return badge("st-passed", "✓", name(s));
    case RuleStatus::Failed:
      return badge("st-failed", "✗", name(s));
    case RuleStatus::NotYetChecked:
      return badge("st-nyc", "○", name(s));
    case RuleStatus::NotTestable:
      return badge("st-nt", "–", name(s));
  }
  return {};
}

std::string scenario_badge(ScenarioStatus s) {
  switch (s) {
    case ScenarioStatus::Passed:
      return badge("st-passed", "✓", name(s));
    case ScenarioStatus::Failed:
      return badge("st-failed", "✗", name(s));
    case ScenarioStatus::Error:
      return badge("st-error", "!", name(s));
  }
  return {};
}

std::string step_badge(StepStatus s) {
  switch (s) {
    case StepStatus::Passed:
      return badge("st-passed", "✓", name(s));
    case StepStatus::Failed:
      return badge("st-failed", "✗", name(s));
    case StepStatus::NotRun:
      return badge("st-notrun", "·", name(s));
  }
  return {};
}

std::string kind_badge(RuleKind k) {
  return fmt::format("<span class=\"kind kind-{}\">{}</span>", name(k), name(k));
}

std::string rule_link(const Context& ctx, const std::string& rule_id) {
  if (!ctx.verdict(rule_id))
    return fmt::format(
        "<span class=\"unknown-ref\" title=\"not in the catalogue\">{} (unknown rule)"
        "</span>",
        esc(rule_id));
  return fmt::format("<a class=\"rule-ref\" href=\"#{}\">{}</a>", esc(rule_anchor(rule_id)),
                     esc(rule_id));
}

std::string scenario_link(const Context& ctx, const std::string& scenario_id, bool with_badge) {
  std::string out = fmt::format("<a class=\"scenario-ref\" href=\"#{}\">{}</a>",
                                esc(scenario_anchor(scenario_id)), esc(scenario_id));
  if (with_badge)
    if (const ScenarioResult* s = ctx.scenario(scenario_id)) out += " " + scenario_badge(s->status);
  return out;
}

std::string text_block(std::string_view s, std::string_view css_class) {
  return fmt::format("<div class=\"{}\">{}</div>", css_class, esc(s));
}

namespace {

void write_head(std::string& out, const Context& ctx) {
  const std::string title =
      ctx.catalogue.title.empty() ? "Conformance report" : ctx.catalogue.title;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out +=
      "<meta name=\"generator\" content=\"apc reports " + esc(ctx.run.info.tool_version) + "\">\n";
  out += "<title>" + esc(title) + " — conformance report</title>\n";
  out += "<style>\n";
  out += report_css();
  out += "</style>\n</head>\n<body>\n";
}

// A shard's or a selection's verdicts cover only its part of the scenarios; say so before
// anything else.
std::string partial_banner(const RunInfo& i) {
  std::string out;
  if (i.shard.partial())
    out += fmt::format(
        "<p class=\"verdict v-partial\">Partial report: {} of the scenarios. Rule verdicts "
        "cover only this shard; <code>conformance merge</code> joins the shards.</p>\n",
        describe(i.shard));
  if (!i.selection.complete())
    out += fmt::format(
        "<p class=\"verdict v-partial\">Partial run: only the scenarios chosen by <code>{}</code> "
        "ran. Rules no chosen scenario names are not in this run, not unchecked.</p>\n",
        esc(describe(i.selection)));
  return out;
}

std::string verdict_line(const Totals& t) {
  const int testable = t.rules - t.rules_not_testable;
  if (t.scenarios == 0)
    return "<p class=\"verdict v-empty\">No scenario was run: nothing was checked.</p>\n";
  if (t.scenarios_failed > 0)
    return fmt::format(
        "<p class=\"verdict v-fail\">✗ Run FAILED — {} of {} scenarios did not pass; {} of {} "
        "testable rules failed.</p>\n",
        t.scenarios_failed, t.scenarios, t.rules_failed, testable);
  return fmt::format(
      "<p class=\"verdict v-pass\">✓ Run PASSED — all {} scenarios passed; {} of {} testable "
      "rules checked, {} not yet checked.</p>\n",
      t.scenarios, t.rules_passed, testable, t.rules_not_checked);
}

// A card links to what it counts; `rule_filter` (a rule status) makes the script show only
// those rules when the card is followed.
void card(std::string& out, const char* css, const std::string& href, const char* rule_filter,
          const std::string& value, const std::string& label, const std::string& detail) {
  out += fmt::format(
      "<a class=\"card {}\" href=\"#{}\"{}><span class=\"card-value\">{}</span>"
      "<span class=\"card-label\">{}</span><span class=\"card-detail\">{}</span></a>\n",
      css, href,
      rule_filter ? fmt::format(" data-rule-filter=\"{}\"", rule_filter) : std::string(), value,
      label, detail);
}

void write_summary_cards(std::string& out, const Totals& t, bool partial) {
  const int testable = t.rules - t.rules_not_testable;
  const int checked = t.rules_passed + t.rules_failed;
  const double pct = testable > 0 ? 100.0 * checked / testable : 0.0;
  out += "<div class=\"cards\">\n";
  card(out, t.scenarios_failed ? "st-failed" : "st-passed",
       t.scenarios_failed ? "failures" : "scenarios", nullptr, std::to_string(t.scenarios),
       "scenarios run",
       fmt::format("{} passed · {} failed", t.scenarios_passed, t.scenarios_failed));
  card(out, "st-passed", "rules", name(RuleStatus::Passed), std::to_string(t.rules_passed),
       "rules passed", "every scenario passed");
  card(out, "st-failed", "rules", name(RuleStatus::Failed), std::to_string(t.rules_failed),
       "rules failed", "a checking scenario failed");
  card(out, "st-nyc", "rules", name(RuleStatus::NotYetChecked),
       std::to_string(t.rules_not_checked), "rules not yet checked",
       partial ? "not in this run" : "no scenario names them");
  card(out, "st-nt", "rules", name(RuleStatus::NotTestable), std::to_string(t.rules_not_testable),
       "rules not testable", "kind info");
  card(out, "", "coverage", nullptr, fmt::format("{:.0f}%", pct), "coverage",
       fmt::format("{} of {} testable rules checked ({} in the catalogue)", checked, testable,
                   t.rules));
  out += "</div>\n";
}

void info_row(std::string& out, const char* label, const std::string& value, bool code = false) {
  const std::string shown = value.empty() ? "<span class=\"muted\">—</span>"
                            : code        ? "<code>" + esc(value) + "</code>"
                                          : esc(value);
  out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", label, shown);
}

void write_environment(std::string& out, const RunEnvironment& e) {
  info_row(out, "OS", e.os);
  info_row(out, "Compiler", e.compiler);
  std::string libraries;
  for (const auto& [lib, version] : e.libraries)
    libraries += (libraries.empty() ? "" : " · ") + lib + " " + version;
  info_row(out, "Libraries", libraries);
  info_row(out, "Catalogue SHA-256", e.catalogue_sha256, true);
  info_row(out, "Scenarios SHA-256",
           e.scenarios_sha256.empty()
               ? ""
               : fmt::format("{} ({} files)", e.scenarios_sha256, e.scenario_files),
           true);
}

void write_run_info(std::string& out, const Context& ctx) {
  const RunInfo& i = ctx.run.info;
  double wall_ms = 0;
  for (const ScenarioResult& s : ctx.run.scenarios) wall_ms += s.wall_ms;
  out += "<dl class=\"run-info\">\n";
  info_row(out, "Seed", std::to_string(i.seed), true);
  info_row(out, "Transport", i.transport);
  info_row(out, "Mock Amazon Pay", i.mock_url, true);
  info_row(out, "Commit", i.git_commit, true);
  info_row(out, "Tool version", i.tool_version);
  info_row(out, "Started (UTC)", i.started_at);
  info_row(out, "Finished (UTC)", i.finished_at);
  info_row(out, "Scenario time", format_seconds(wall_ms) + " s (wall clock, sum over scenarios)");
  info_row(out, "Command line", i.command_line, true);
  if (i.shard.partial()) info_row(out, "Part", describe(i.shard) + " (partial report)");
  if (i.merged_shards > 0)
    info_row(out, "Merged", fmt::format("from {} shard reports", i.merged_shards));
  if (!i.selection.complete())
    info_row(out, "Selection", describe(i.selection) + " (partial run)", true);
  write_environment(out, i.environment);
  out += "</dl>\n";
  out += "<div class=\"replay\"><div class=\"replay-label\">Replay this exact run:</div><pre>" +
         (i.replay_command.empty() ? std::string("—") : esc(i.replay_command)) + "</pre></div>\n";
}

void write_header(std::string& out, const Context& ctx) {
  const Catalogue& c = ctx.catalogue;
  out += "<header class=\"report-head\">\n<p class=\"eyebrow\">Amazon Pay conformance report</p>\n";
  out += "<h1>" + esc(c.title.empty() ? "Conformance report" : c.title) + "</h1>\n";
  if (!c.source_title.empty() || !c.source_file.empty()) {
    out +=
        "<p class=\"source\">Source document: <span lang=\"ja\">" + esc(c.source_title) + "</span>";
    if (!c.source_file.empty()) out += " (<code>" + esc(c.source_file) + "</code>)";
    out += "</p>\n";
  }
  out += partial_banner(ctx.run.info);
  out += verdict_line(ctx.totals);
  write_summary_cards(out, ctx.totals, ctx.run.info.partial());
  write_run_info(out, ctx);
  out += "</header>\n";
}

void write_toc(std::string& out, const Context& ctx) {
  out += "<nav class=\"toc\" aria-label=\"Contents\"><ol>\n";
  out += "<li><a href=\"#failures\">Failures first</a></li>\n";
  out += "<li><a href=\"#coverage\">Coverage by area</a></li>\n";
  out += "<li><a href=\"#decisions\">Adopted interpretations</a></li>\n";
  out += "<li><a href=\"#rules\">Rules</a> <span class=\"toc-areas\">";
  for (const Area& a : ctx.catalogue.areas)
    out += fmt::format("<a href=\"#area-{}\">{}</a> ", esc(a.code), esc(a.code));
  out += "</span></li>\n";
  out += "<li><a href=\"#scenarios\">Scenarios</a></li>\n";
  out += "<li><a href=\"#state-machines\">State machines</a></li>\n";
  out += "<li><a href=\"#sign-off\">Sign-off</a></li>\n";
  out += "</ol></nav>\n";
}

void write_coverage(std::string& out, const Context& ctx) {
  out += "<section id=\"coverage\">\n<h2>Coverage by area</h2>\n";
  out +=
      "<table class=\"coverage\">\n<thead><tr><th>Area</th><th>Name</th><th>Rules</th>"
      "<th>Passed</th><th>Failed</th><th>Not yet checked</th><th>Not testable</th>"
      "<th class=\"bar-col\">Share</th></tr></thead>\n<tbody>\n";
  const auto row = [&](const std::string& code_cell, const std::string& name_cell,
                       const std::array<int, 4>& n, int total, const char* tag) {
    out += fmt::format("<tr><{0}>{1}</{0}><{0}>{2}</{0}><{0} class=\"num\">{3}</{0}>", tag,
                       code_cell, name_cell, total);
    for (int k = 0; k < 4; ++k)
      out += fmt::format(
          "<{0} class=\"num {1}\">{2}</{0}>", tag,
          n[static_cast<std::size_t>(k)] ? rule_status_class(static_cast<RuleStatus>(k)) : "zero",
          n[static_cast<std::size_t>(k)]);
    // Stacked bar; the numbers beside it carry the same information for screen readers.
    out += fmt::format("<{} class=\"bar-col\"><div class=\"bar\" aria-hidden=\"true\">", tag);
    for (int k = 0; k < 4; ++k)
      if (n[static_cast<std::size_t>(k)] > 0 && total > 0)
        out += fmt::format("<span class=\"{}\" style=\"width:{:.2f}%\"></span>",
                           rule_status_class(static_cast<RuleStatus>(k)),
                           100.0 * n[static_cast<std::size_t>(k)] / total);
    out += fmt::format("</div></{}></tr>\n", tag);
  };
  std::array<int, 4> all{};
  int all_total = 0;
  for (const Area& a : ctx.catalogue.areas) {
    std::array<int, 4> n{};
    int total = 0;
    for (const RuleVerdict& v : ctx.verdicts) {
      if (v.rule->area != a.code) continue;
      ++n[static_cast<std::size_t>(v.status)];
      ++all[static_cast<std::size_t>(v.status)];
      ++total;
      ++all_total;
    }
    row(fmt::format("<a href=\"#area-{}\">{}</a>", esc(a.code), esc(a.code)), esc(a.name), n, total,
        "td");
  }
  out += "</tbody>\n<tfoot>\n";
  row("All", "", all, all_total, "th");
  out += "</tfoot>\n</table>\n</section>\n";
}

// What an auditor should not miss: references the catalogue cannot resolve, assumptions
// that point at rules without a recorded interpretation, ids used twice.
void write_warnings(std::string& out, const Context& ctx) {
  std::vector<std::string> items;
  std::set<std::string> seen_ids;
  for (const ScenarioResult& s : ctx.run.scenarios) {
    const std::string link = scenario_link(ctx, s.id, false);
    if (!seen_ids.insert(s.id).second)
      items.push_back("Scenario id " + link + " appears more than once in this run.");
    for (const std::string& r : s.rules)
      if (!ctx.verdict(r))
        items.push_back(link + " names rule <code>" + esc(r) +
                        "</code>, which is not in the catalogue.");
    for (const std::string& r : s.assumes) {
      const RuleVerdict* v = ctx.verdict(r);
      if (!v)
        items.push_back(link + " assumes <code>" + esc(r) +
                        "</code>, which is not in the catalogue.");
      else if (v->rule->interpretation.empty())
        items.push_back(link + " assumes " + rule_link(ctx, r) +
                        ", but the catalogue records no interpretation for it.");
    }
  }
  if (items.empty()) return;
  out += "<section id=\"warnings\" class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n";
  for (const std::string& i : items) out += "<li>" + i + "</li>\n";
  out += "</ul>\n</section>\n";
}

void write_decisions(std::string& out, const Context& ctx) {
  out += "<section id=\"decisions\">\n<h2>Adopted interpretations</h2>\n";
  out +=
      "<p class=\"lead\">Where the source page is silent or ambiguous, the project adopted "
      "these readings. The rules that depend on one show it as “Adopted interpretation”.</p>\n";
  if (ctx.catalogue.decisions.empty()) {
    out += "<p class=\"muted\">The catalogue records no decisions.</p>\n</section>\n";
    return;
  }
  out += "<ol class=\"decisions\">\n";
  for (const Decision& d : ctx.catalogue.decisions) {
    out +=
        fmt::format("<li id=\"decision-{0}\" value=\"{0}\"><div class=\"decision-title\">{1}</div>",
                    d.number, esc(d.title));
    out += text_block(d.text);
    if (!d.rules.empty()) {
      out += "<div class=\"decision-rules\">Rules: ";
      for (std::size_t i = 0; i < d.rules.size(); ++i)
        out += (i ? ", " : "") + rule_link(ctx, d.rules[i]);
      out += "</div>";
    }
    out += "</li>\n";
  }
  out += "</ol>\n</section>\n";
}

void write_sign_off(std::string& out, const Context& ctx) {
  out += "<section id=\"sign-off\" class=\"sign-off\">\n<h2>Sign-off</h2>\n";
  out += fmt::format(
      "<p>Reviewed: run with seed <code>{}</code> at commit <code>{}</code>, started {}.</p>\n",
      ctx.run.info.seed, esc(ctx.run.info.git_commit.empty() ? "—" : ctx.run.info.git_commit),
      esc(ctx.run.info.started_at.empty() ? "—" : ctx.run.info.started_at));
  out +=
      "<div class=\"sign-grid\"><div>Name</div><div>Role</div><div>Date</div>"
      "<div>Signature</div></div>\n</section>\n";
}

void write_footer(std::string& out, const Context& ctx) {
  out += "<footer>Generated by the Amazon Pay conformance harness " +
         esc(ctx.run.info.tool_version) +
         ". Rule verdicts are derived from the scenario results in this report; the same run "
         "is also written as report.json and junit.xml.</footer>\n";
  out += "<script>\n";
  out += report_js();
  out += "</script>\n</body>\n</html>\n";
}

}  // namespace
}  // namespace html

std::string render_html(const Catalogue& catalogue, const RunModel& run) {
  const html::Context ctx(catalogue, run);
  std::string out;
  out.reserve(256 * 1024);
  html::write_head(out, ctx);
  html::write_header(out, ctx);
  html::write_toc(out, ctx);
  out += "<main>\n";
  html::write_failures_panel(out, ctx);
  html::write_coverage(out, ctx);
  html::write_warnings(out, ctx);
  html::write_decisions(out, ctx);
  html::write_rules_section(out, ctx);
  html::write_scenarios_section(out, ctx);
  html::write_state_machines_section(out, ctx);
  html::write_sign_off(out, ctx);
  out += "</main>\n";
  html::write_footer(out, ctx);
  return out;
}

}  // namespace reports
