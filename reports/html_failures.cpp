// The failures-first panel, right under the summary: every scenario that did not pass with
// its first failed step (linked to the step's anchor) and failure text, and every failed
// rule. An auditor starts here; on a passing run it says so in one line.
#include <fmt/core.h>

#include "reports/html_parts.hpp"
#include "reports/text_util.hpp"

namespace reports::html {

namespace {

const StepRecord* first_failed_step(const ScenarioResult& s) {
  for (const StepRecord& st : s.steps)
    if (st.status == StepStatus::Failed) return &st;
  return nullptr;
}

void write_failed_scenario(std::string& out, const Context& ctx, const ScenarioResult& s) {
  out += "<tr><td>" + scenario_link(ctx, s.id, true);
  if (!s.title.empty()) out += "<div class=\"muted\">" + esc(s.title) + "</div>";
  out += "</td><td>";
  if (const StepRecord* st = first_failed_step(s))
    out += fmt::format("<a href=\"#{}\">step {}</a><div class=\"loc\">{}</div>",
                       esc(step_anchor(s.id, st->index)), st->index, esc(st->location));
  else
    out += "<span class=\"muted\">no failed step (error before or between steps)</span>";
  out += "</td><td><pre class=\"failure\">" +
         esc(s.failure.empty() ? std::string("(no failure text recorded)") : s.failure) +
         "</pre></td><td>";
  std::string rules;
  for (const std::string& r : s.rules)
    if (const RuleVerdict* v = ctx.verdict(r); v && v->status == RuleStatus::Failed)
      rules += (rules.empty() ? "" : ", ") + rule_link(ctx, r);
  out += (rules.empty() ? "<span class=\"muted\">—</span>" : rules) + "</td></tr>\n";
}

}  // namespace

void write_failures_panel(std::string& out, const Context& ctx) {
  out += "<section id=\"failures\" class=\"failures\">\n<h2>Failures first</h2>\n";
  std::vector<const ScenarioResult*> failed;
  for (const ScenarioResult& s : ctx.run.scenarios)
    if (s.status != ScenarioStatus::Passed) failed.push_back(&s);
  if (ctx.run.scenarios.empty()) {
    out += "<p class=\"muted\">No scenario ran, so nothing failed and nothing was checked.</p>\n";
  } else if (failed.empty()) {
    out += fmt::format("<p class=\"none-failed\">✓ No failures: all {} scenarios passed.</p>\n",
                       ctx.run.scenarios.size());
  } else {
    out += fmt::format(
        "<p class=\"lead\">{} of {} scenarios did not pass. Each links to its first failed step; "
        "the step's HTTP exchanges are open there.</p>\n",
        failed.size(), ctx.run.scenarios.size());
    out +=
        "<table class=\"failures\">\n<thead><tr><th>Scenario</th><th>First failed step</th>"
        "<th>Failure</th><th>Failed rules it checks</th></tr></thead>\n<tbody>\n";
    for (const ScenarioResult* s : failed) write_failed_scenario(out, ctx, *s);
    out += "</tbody>\n</table>\n";
  }
  std::string rules;
  int n = 0;
  for (const RuleVerdict& v : ctx.verdicts)
    if (v.status == RuleStatus::Failed) {
      rules += (n++ ? ", " : "") + rule_link(ctx, v.rule->id);
    }
  if (n > 0) out += fmt::format("<p class=\"failed-rules\">Failed rules ({}): {}</p>\n", n, rules);
  out += "</section>\n";
}

}  // namespace reports::html
