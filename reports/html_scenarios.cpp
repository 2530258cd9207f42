// Every scenario of the run: an index table, then each scenario with its metadata and its
// steps; the HTTP exchanges of a step sit in a <details>, collapsed unless the step failed.
// Scenarios that did not pass have their steps open and are marked. Every step and exchange
// has an anchor, so a finding can cite report.html#scenario-<id>-step-3-x-2. Printed, a passed
// scenario keeps its heading and metadata, a failed one everything but the exchanges of its
// passed steps (the print rules are in html_assets.cpp).
#include <fmt/core.h>

#include "reports/html_parts.hpp"
#include "reports/json_pretty.hpp"
#include "reports/text_util.hpp"

namespace reports::html {

namespace {

void write_index(std::string& out, const Context& ctx) {
  out +=
      "<table class=\"scenario-index\">\n<thead><tr><th>Scenario</th><th>Title</th>"
      "<th>Area</th><th>Status</th><th>Rules</th><th>Steps</th><th>Time (s)</th></tr></thead>"
      "\n<tbody>\n";
  for (const ScenarioResult& s : ctx.run.scenarios) {
    out += fmt::format(
        "<tr class=\"{}\" data-status=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td "
        "class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        scenario_status_class(s.status), name(s.status), scenario_link(ctx, s.id, false),
        esc(s.title), esc(scenario_area_folder(s)), scenario_badge(s.status), s.rules.size(),
        s.steps.size(), format_seconds(s.wall_ms));
  }
  out += "</tbody>\n</table>\n";
}

std::string joined_rule_links(const Context& ctx, const std::vector<std::string>& ids) {
  if (ids.empty()) return "<span class=\"muted\">—</span>";
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + rule_link(ctx, ids[i]);
  return out;
}

void write_meta(std::string& out, const Context& ctx, const ScenarioResult& s) {
  out += "<dl class=\"meta\">\n";
  out += "<dt>File</dt><dd><code>" + esc(s.file) + "</code></dd>\n";
  if (!s.variant.empty()) out += "<dt>Variant</dt><dd><code>" + esc(s.variant) + "</code></dd>\n";
  out += fmt::format("<dt>Seed</dt><dd><code>{}</code></dd>\n", s.seed);
  out += "<dt>Transport</dt><dd>" + esc(s.transport) + "</dd>\n";
  out += "<dt>Wall time</dt><dd>" + format_seconds(s.wall_ms) + " s</dd>\n";
  out += "<dt>Checks rules</dt><dd>" + joined_rule_links(ctx, s.rules) + "</dd>\n";
  if (!s.assumes.empty())
    out += "<dt>Assumes</dt><dd>" + joined_rule_links(ctx, s.assumes) +
           " <span class=\"muted\">(relies on the adopted interpretation of these rules)</span>"
           "</dd>\n";
  if (!s.failure.empty())
    out += "<dt>Failure</dt><dd><pre class=\"failure\">" + esc(s.failure) + "</pre></dd>\n";
  out += "</dl>\n";
}

void write_headers(std::string& out, const std::vector<std::pair<std::string, std::string>>& h) {
  if (h.empty()) return;
  out += "<table class=\"headers\">";
  for (const auto& [k, v] : h) out += "<tr><th>" + esc(k) + "</th><td>" + esc(v) + "</td></tr>";
  out += "</table>";
}

void write_body(std::string& out, const std::string& body) {
  if (body.empty()) {
    out += "<div class=\"muted\">(empty body)</div>";
    return;
  }
  bool was_json = false;
  const std::string pretty = pretty_json(body, was_json);
  if (was_json)
    out += "<div class=\"body-note\">JSON, re-indented</div><pre class=\"body\">" + esc(pretty) +
           "</pre>";
  else
    out += "<pre class=\"body\">" + esc(body) + "</pre>";
}

const char* http_status_class(int status) {
  if (status >= 500) return "http s5";
  if (status >= 400) return "http s4";
  if (status >= 300) return "http s3";
  if (status >= 200) return "http s2";
  return "http s0";
}

// Who acted, for people (see exchange_actor).
const char* actor_label(const HttpExchange& x) {
  std::string_view actor = exchange_actor(x);
  if (actor == "seller_central") return "Seller Central action";
  if (actor == "harness") return "harness";
  return "API call";
}

void write_exchange(std::string& out, const HttpExchange& x, const std::string& anchor) {
  out += fmt::format(
      "<div class=\"exchange\" id=\"{0}\">\n<div class=\"x-line\"><a class=\"pin\" "
      "href=\"#{0}\" title=\"link to this exchange\">#</a> ",
      esc(anchor));
  if (!x.sim_time.empty()) out += "<span class=\"x-time\">" + esc(x.sim_time) + "</span> ";
  out += fmt::format("<span class=\"x-actor\">{}</span> ", actor_label(x));
  out += "<code>" + esc(x.method) + " " + esc(x.path) + "</code> → ";
  if (x.status != 0)
    out += fmt::format("<span class=\"{}\">{}</span>", http_status_class(x.status), x.status);
  else
    out += "<span class=\"http s0\">no response</span>";
  if (!x.transport_error.empty())
    out += " <span class=\"x-error\">transport error: " + esc(x.transport_error) + "</span>";
  out +=
      "</div>\n<div class=\"x-parts\"><div class=\"x-part\"><div class=\"x-label\">Request"
      "</div>";
  write_headers(out, x.request_headers);
  write_body(out, x.request_body);
  out += "</div><div class=\"x-part\"><div class=\"x-label\">Response</div>";
  if (x.status != 0) {
    write_headers(out, x.response_headers);
    write_body(out, x.response_body);
  } else {
    out += "<div class=\"muted\">(none)</div>";
  }
  out += "</div></div>\n</div>\n";
}

// A failed step's exchanges are open (and printed); a passed step's are collapsed (and left
// out of print).
void write_exchanges(std::string& out, const std::string& scenario_id, const StepRecord& st) {
  if (st.exchanges.empty()) return;
  bool any_error = false;
  for (const HttpExchange& x : st.exchanges)
    any_error = any_error || !x.transport_error.empty() || x.status >= 400 || x.status == 0;
  const bool failed = st.status == StepStatus::Failed;
  out += fmt::format(
      "<details class=\"http-exchanges{}\"{}><summary>{} HTTP exchange{}{}</summary>\n",
      failed ? " of-failed" : "", failed ? " open" : "", st.exchanges.size(),
      st.exchanges.size() == 1 ? "" : "s", any_error ? " (with errors)" : "");
  for (std::size_t i = 0; i < st.exchanges.size(); ++i)
    write_exchange(out, st.exchanges[i], exchange_anchor(scenario_id, st.index, i + 1));
  out += "</details>";
}

// The Charges at Amazon after the step (scenarios with `charge_table`), in yen.
void write_charge_table(std::string& out, const StepRecord& st) {
  if (st.charges.empty()) return;
  out +=
      "<table class=\"charges\"><thead><tr><th>Charge at Amazon</th><th>State</th>"
      "<th>Authorized</th><th>Captured</th><th>Refunded</th><th>Refund pending</th>"
      "<th>Refundable</th></tr></thead><tbody>";
  for (const ChargeAmounts& c : st.charges)
    out += fmt::format(
        "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">¥{}</td>"
        "<td class=\"num\">¥{}</td><td class=\"num\">¥{}</td><td class=\"num\">¥{}</td>"
        "<td class=\"num\">¥{}</td></tr>",
        esc(c.charge_id), esc(c.state), c.authorized, c.captured, c.refunded, c.refund_pending,
        c.refundable);
  out += "</tbody></table>";
}

void write_step(std::string& out, const std::string& scenario_id, const StepRecord& st) {
  const char* css = st.status == StepStatus::Failed   ? "st-failed"
                    : st.status == StepStatus::NotRun ? "st-notrun"
                                                      : "st-passed";
  const std::string anchor = esc(step_anchor(scenario_id, st.index));
  out += fmt::format(
      "<tr class=\"step {0}\" id=\"{1}\"><td class=\"num\"><a class=\"pin\" href=\"#{1}\" "
      "title=\"link to this step\">{2}</a></td><td class=\"time\">{3}</td>",
      css, anchor, st.index, esc(st.sim_time));
  out += "<td><code class=\"step-text\">" + esc(st.text) + "</code>";
  if (!st.location.empty()) out += "<div class=\"loc\">" + esc(st.location) + "</div>";
  out += "</td><td>" + step_badge(st.status) + "</td><td>";
  if (!st.message.empty()) out += text_block(st.message, "message");
  if (!st.observations.empty()) {
    out += "<ul class=\"observations\">";
    for (const std::string& o : st.observations) out += "<li>" + esc(o) + "</li>";
    out += "</ul>";
  }
  write_charge_table(out, st);
  write_exchanges(out, scenario_id, st);
  out += "</td></tr>\n";
}

void write_steps(std::string& out, const ScenarioResult& s) {
  int failed = 0, not_run = 0;
  for (const StepRecord& st : s.steps) {
    failed += st.status == StepStatus::Failed;
    not_run += st.status == StepStatus::NotRun;
  }
  out += fmt::format("<details class=\"steps\"{}><summary>Steps ({}",
                     s.status == ScenarioStatus::Passed ? "" : " open", s.steps.size());
  if (failed) out += fmt::format(", {} failed", failed);
  if (not_run) out += fmt::format(", {} not run", not_run);
  out += ")</summary>\n";
  if (s.steps.empty()) {
    out += "<p class=\"muted\">No step was recorded.</p>\n</details>\n";
    return;
  }
  out +=
      "<table class=\"steps\">\n<thead><tr><th>#</th><th>Simulated time</th><th>Step</th>"
      "<th>Status</th><th>Message / observations</th></tr></thead>\n<tbody>\n";
  for (const StepRecord& st : s.steps) write_step(out, s.id, st);
  out += "</tbody>\n</table>\n</details>\n";
}

void write_scenario(std::string& out, const Context& ctx, const ScenarioResult& s) {
  out += fmt::format("<section class=\"scenario {}\" id=\"{}\" data-status=\"{}\">\n",
                     scenario_status_class(s.status), esc(scenario_anchor(s.id)), name(s.status));
  out += fmt::format("<h3>{} <code>{}</code> {}</h3>\n", scenario_badge(s.status), esc(s.id),
                     s.title.empty() ? "" : "— " + esc(s.title));
  write_meta(out, ctx, s);
  write_steps(out, s);
  out += "</section>\n";
}

}  // namespace

std::string step_anchor(const std::string& scenario_id, int step) {
  return fmt::format("{}-step-{}", scenario_anchor(scenario_id), step);
}

std::string exchange_anchor(const std::string& scenario_id, int step, std::size_t exchange) {
  return fmt::format("{}-x-{}", step_anchor(scenario_id, step), exchange);
}

void write_scenarios_section(std::string& out, const Context& ctx) {
  out += fmt::format("<section id=\"scenarios\">\n<h2>Scenarios ({})</h2>\n",
                     ctx.run.scenarios.size());
  if (ctx.run.scenarios.empty()) {
    out += "<p class=\"muted\">No scenario was run.</p>\n</section>\n";
    return;
  }
  out +=
      "<div class=\"filter\" hidden data-filter=\"scenario\">Show scenarios: "
      "<button type=\"button\" data-show=\"all\" aria-pressed=\"true\">all</button>"
      "<button type=\"button\" data-show=\"failed|error\">not passed</button>"
      "<button type=\"button\" data-show=\"passed\">passed</button></div>\n";
  write_index(out, ctx);
  for (const ScenarioResult& s : ctx.run.scenarios) write_scenario(out, ctx, s);
  out += "</section>\n";
}

}  // namespace reports::html
