// Pieces of the HTML report (internal to reports/). render_html() in html_writer.cpp puts
// the sections together; each section appends to one output string.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "reports/catalogue.hpp"
#include "reports/run_model.hpp"
#include "reports/transitions_seen.hpp"

namespace reports::html {

// Everything the sections need, computed once.
class Context {
 public:
  Context(const Catalogue& catalogue, const RunModel& run);
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const Catalogue& catalogue;
  const RunModel& run;
  const std::vector<RuleVerdict> verdicts;
  const Totals totals;
  const TransitionsSeen seen;  // state changes the recorded responses show

  const RuleVerdict* verdict(const std::string& rule_id) const;
  const ScenarioResult* scenario(const std::string& id) const;

 private:
  std::map<std::string, const RuleVerdict*> verdict_by_rule_;
  std::map<std::string, const ScenarioResult*> scenario_by_id_;
};

// Escaped text (alias kept short because every section uses it).
std::string esc(std::string_view s);

// Status badges: text + symbol, so they read in black-and-white print too.
std::string rule_badge(RuleStatus s);
std::string scenario_badge(ScenarioStatus s);
std::string step_badge(StepStatus s);
std::string kind_badge(RuleKind k);
const char* rule_status_class(RuleStatus s);  // "st-passed", "st-failed", "st-nyc", "st-nt"
const char* scenario_status_class(ScenarioStatus s);

// Link to a rule's entry; a rule the catalogue does not know is flagged, not linked.
std::string rule_link(const Context& ctx, const std::string& rule_id);
// Link to a scenario's entry, with its status badge.
std::string scenario_link(const Context& ctx, const std::string& scenario_id, bool with_badge);

// Multi-line text as a <div class="text"> with line breaks kept.
std::string text_block(std::string_view s, std::string_view css_class = "text");

// Sections.
void write_failures_panel(std::string& out, const Context& ctx);
void write_rules_section(std::string& out, const Context& ctx);
void write_scenarios_section(std::string& out, const Context& ctx);
void write_state_machines_section(std::string& out, const Context& ctx);

// The diagram alone (exposed for tests): inline <svg> of one state machine; arrows whose
// state pair is in `seen` (this run exercised them) are drawn solid, the others dashed.
std::string state_machine_svg(const StateMachineView& machine, int index,
                              const TransitionsSeen& seen = {});

// Fragment identifiers of a step and of one of its exchanges (1-based numbers):
// "scenario-<id>-step-3", "scenario-<id>-step-3-x-2".
std::string step_anchor(const std::string& scenario_id, int step);
std::string exchange_anchor(const std::string& scenario_id, int step, std::size_t exchange);

std::string_view report_css();
std::string_view report_js();

}  // namespace reports::html
