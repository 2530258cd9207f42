// Every catalogue rule, grouped by area, with its source quotes, statement, adopted
// interpretation and the scenarios that check it; a search box and status filters (shown by
// the script) over them. Printed, the rules are one compact table instead: id, title,
// verdict and the scenarios that check it (the full entries would take ~50 A4 pages).
#include <array>
#include <map>

#include <fmt/core.h>

#include "reports/html_parts.hpp"
#include "reports/text_util.hpp"

namespace reports::html {

namespace {

using DecisionIndex = std::map<std::string, std::vector<const Decision*>>;

DecisionIndex decisions_by_rule(const Catalogue& cat) {
  DecisionIndex out;
  for (const Decision& d : cat.decisions)
    for (const std::string& r : d.rules) out[r].push_back(&d);
  return out;
}

void write_source(std::string& out, const Rule& r) {
  out += "<dt>Source</dt><dd class=\"source\">";
  out += "<div class=\"lines\">" +
         (r.source_lines.empty() ? std::string("—") : "lines " + esc(r.source_lines)) + "</div>";
  // Quotes exactly as catalogued, in Japanese corner brackets.
  for (const std::string& q : r.quotes)
    out += "<blockquote class=\"quote\" lang=\"ja\">「" + esc(q) + "」</blockquote>";
  out += "</dd>\n";
}

void write_interpretation(std::string& out, const Rule& r, const DecisionIndex& decisions) {
  const auto it = decisions.find(r.id);
  if (r.interpretation.empty() && it == decisions.end()) return;
  out += "<dt class=\"interp\">Adopted interpretation</dt><dd class=\"interp\">";
  if (!r.interpretation.empty()) out += text_block(r.interpretation);
  if (it != decisions.end()) {
    out += "<div class=\"decision-refs\">Decision: ";
    for (std::size_t i = 0; i < it->second.size(); ++i) {
      const Decision& d = *it->second[i];
      out += fmt::format("{}<a href=\"#decision-{}\">{}. {}</a>", i ? "; " : "", d.number, d.number,
                         esc(d.title));
    }
    out += "</div>";
  }
  out += "</dd>\n";
}

void write_checked_by(std::string& out, const Context& ctx, const RuleVerdict& v) {
  out += "<dt>Checked by</dt><dd class=\"checked-by\">";
  if (v.scenario_ids.empty()) {
    out += v.status == RuleStatus::NotTestable
               ? "<span class=\"muted\">Not checked in software (see the reason above).</span>"
               : "<span class=\"muted\">No scenario checks this rule yet.</span>";
  } else {
    out += "<ul>";
    for (const std::string& id : v.scenario_ids) {
      const ScenarioResult* s = ctx.scenario(id);
      out += "<li>" + scenario_link(ctx, id, true);
      if (s && !s->title.empty()) out += " <span class=\"muted\">" + esc(s->title) + "</span>";
      out += "</li>";
    }
    out += "</ul>";
  }
  out += "</dd>\n";
}

void write_rule(std::string& out, const Context& ctx, const RuleVerdict& v,
                const DecisionIndex& decisions) {
  const Rule& r = *v.rule;
  const std::string anchor = esc(rule_anchor(r.id));
  out += fmt::format("<article class=\"rule {}\" id=\"{}\" data-status=\"{}\">\n",
                     rule_status_class(v.status), anchor, name(v.status));
  out += fmt::format(
      "<header class=\"rule-head\"><a class=\"rule-id\" href=\"#{}\">{}</a> "
      "<span class=\"rule-title\">{}</span> {}{} {}</header>\n",
      anchor, esc(r.id), esc(r.title), kind_badge(r.kind),
      r.variant_dependent ? " <span class=\"kind variant\">per shop variant</span>" : "",
      rule_badge(v.status));
  out += "<dl class=\"rule-body\">\n";
  write_source(out, r);
  out += "<dt>Statement</dt><dd>" + text_block(r.statement) + "</dd>\n";
  write_interpretation(out, r, decisions);
  if (r.kind == RuleKind::Info || !r.not_testable.empty())
    out += "<dt>Not testable</dt><dd class=\"not-testable\">" +
           text_block(r.not_testable.empty() ? "(no reason recorded)" : r.not_testable) + "</dd>\n";
  if (!r.unobservable_changes.empty())
    out += "<dt>Not observable</dt><dd class=\"not-testable\">" +
           text_block(r.unobservable_changes) + "</dd>\n";
  if (!r.cross_ref.empty()) {
    out += "<dt>See also</dt><dd>";
    for (std::size_t i = 0; i < r.cross_ref.size(); ++i)
      out += (i ? ", " : "") + rule_link(ctx, r.cross_ref[i]);
    out += "</dd>\n";
  }
  write_checked_by(out, ctx, v);
  out += "</dl>\n</article>\n";
}

void write_area(std::string& out, const Context& ctx, const Area& area,
                const DecisionIndex& decisions) {
  std::array<int, 4> n{};
  for (const RuleVerdict& v : ctx.verdicts)
    if (v.rule->area == area.code) ++n[static_cast<std::size_t>(v.status)];
  out += fmt::format("<section class=\"area screen-only\" id=\"area-{}\">\n<h3>{} — {}</h3>\n",
                     esc(area.code), esc(area.code), esc(area.name));
  if (!area.description.empty()) out += text_block(area.description, "area-desc");
  out += fmt::format(
      "<p class=\"area-counts\">{} passed · {} failed · {} not yet checked · {} not testable</p>\n",
      n[0], n[1], n[2], n[3]);
  for (const RuleVerdict& v : ctx.verdicts)
    if (v.rule->area == area.code) write_rule(out, ctx, v, decisions);
  out += "</section>\n";
}

// The printed form of the section (hidden on screen).
void write_rule_table(std::string& out, const Context& ctx) {
  out +=
      "<table class=\"rule-table print-only\">\n<thead><tr><th>Rule</th><th>Title</th>"
      "<th>Verdict</th><th>Checked by</th></tr></thead>\n<tbody>\n";
  for (const Area& a : ctx.catalogue.areas) {
    out += fmt::format("<tr class=\"area-row\"><th colspan=\"4\">{} — {}</th></tr>\n",
                       esc(a.code), esc(a.name));
    for (const RuleVerdict& v : ctx.verdicts) {
      if (v.rule->area != a.code) continue;
      std::string scenarios;
      for (std::size_t i = 0; i < v.scenario_ids.size(); ++i)
        scenarios += (i ? ", " : "") + scenario_link(ctx, v.scenario_ids[i], false);
      out += fmt::format(
          "<tr class=\"{}\"><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
          rule_status_class(v.status), esc(v.rule->id), esc(v.rule->title),
          rule_badge(v.status), scenarios.empty() ? "—" : scenarios);
    }
  }
  out += "</tbody>\n</table>\n";
}

}  // namespace

void write_rules_section(std::string& out, const Context& ctx) {
  const DecisionIndex decisions = decisions_by_rule(ctx.catalogue);
  out += fmt::format("<section id=\"rules\">\n<h2>Rules ({})</h2>\n", ctx.verdicts.size());
  out +=
      "<p class=\"lead\">Every rule of the catalogue, in catalogue order. A rule passes when "
      "every scenario that names it passed (all variants of a matrix scenario); it is “not "
      "yet checked” when no scenario names it; info rules are not testable.</p>\n";
  if (ctx.run.info.partial())
    out +=
        "<p class=\"lead\">This report covers part of the scenarios only: a rule “not yet "
        "checked” here may be named by a scenario that is not in this run.</p>\n";
  out +=
      "<div class=\"search\" hidden><label for=\"search\">Search rules</label> <input "
      "type=\"search\" id=\"search\" placeholder=\"rule id, title or Japanese quote\" "
      "autocomplete=\"off\"> <span class=\"search-count\" aria-live=\"polite\"></span></div>\n";
  out +=
      "<div class=\"filter\" hidden data-filter=\"rule\">Show rules: "
      "<button type=\"button\" data-show=\"all\" aria-pressed=\"true\">all</button>"
      "<button type=\"button\" data-show=\"failed\">failed</button>"
      "<button type=\"button\" data-show=\"not yet checked\">not yet checked</button>"
      "<button type=\"button\" data-show=\"not testable\">not testable</button>"
      "<button type=\"button\" data-show=\"passed\">passed</button></div>\n";
  write_rule_table(out, ctx);
  for (const Area& a : ctx.catalogue.areas) write_area(out, ctx, a, decisions);
  out += "<p class=\"no-match muted\" hidden>No rule matches.</p>\n</section>\n";
}

}  // namespace reports::html
