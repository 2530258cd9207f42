// Inline CSS and the optional script of the HTML report. The page must read completely
// with the script off: the script only adds the rule search, status filters (which also hide
// areas left empty) and the summary cards' filters, and opens <details> for a linked target.
//
// Print (A4) is CSS alone, so a browser's print dialog and headless Chromium's PDF give the
// same pages whatever is open on screen: the summary, failures panel, coverage and
// interpretations as on screen; the rules as one table (.print-only) instead of their entries
// (.screen-only); a passed scenario as its heading and metadata; a failed one with its steps
// and the exchanges of its failed steps only. Wide content (JSON bodies, long step lines,
// headers) wraps instead of running off the page: grid and table cells may shrink below
// their content's width (min-width: 0, overflow-wrap: anywhere).
#include "reports/html_parts.hpp"

namespace reports::html {

std::string_view report_css() {
  return R"CSS(
:root { --pass:#1a7f37; --pass-bg:#e6f4ea; --fail:#b42318; --fail-bg:#fdecea; --nyc:#9a6700;
  --nyc-bg:#fff4d6; --nt:#57606a; --nt-bg:#eef0f2; --err:#8a2be2; --err-bg:#f3e8ff;
  --line:#d0d7de; --muted:#57606a; --accent:#1f3a5f; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Hiragino Sans",
  "Noto Sans CJK JP", "Yu Gothic", Meiryo, IPAPGothic, sans-serif; color: #1f2328; background: #fff; }
main, .report-head, nav.toc, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
h1 { font-size: 26px; margin: 4px 0 8px; }
h2 { font-size: 20px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 16px; margin: 22px 0 8px; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK JP", IPAGothic, monospace; font-size: 12.5px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; }
code, dd, table.steps > tbody > tr > td, table.failures td, table.rule-table td { overflow-wrap: anywhere; }
.print-only { display: none; }
a { color: #0b57d0; }
.muted { color: var(--muted); }
.lead { color: #333; max-width: 70em; }
.text { white-space: pre-line; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: 24px 0 0; font-size: 12px; }
.source { margin: 0 0 12px; color: #333; }
.verdict { font-size: 17px; font-weight: 600; padding: 10px 14px; border-radius: 6px; border-left: 6px solid; }
.v-pass { background: var(--pass-bg); border-color: var(--pass); color: #0f5323; }
.v-fail { background: var(--fail-bg); border-color: var(--fail); color: #7a1a12; }
.v-empty { background: var(--nyc-bg); border-color: var(--nyc); }
.v-partial { background: var(--nyc-bg); border-color: var(--nyc); font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 10px; margin: 14px 0; }
.card { display: block; color: inherit; text-decoration: none; border: 1px solid var(--line); border-top: 5px solid var(--accent); border-radius: 6px; padding: 10px 12px; }
a.card:hover, a.card:focus { background: #f6f8fa; outline: 2px solid var(--accent); }
.card > span { display: block; }
.card.st-passed { border-top-color: var(--pass); } .card.st-failed { border-top-color: var(--fail); }
.card.st-nyc { border-top-color: var(--nyc); } .card.st-nt { border-top-color: var(--nt); }
.card-value { font-size: 28px; font-weight: 700; line-height: 1.1; }
.card-label { font-weight: 600; }
.card-detail { color: var(--muted); font-size: 12px; }
dl.run-info { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.run-info dt { color: var(--muted); } dl.run-info dd { margin: 0; word-break: break-all; }
.replay { border: 1px solid var(--line); background: #f6f8fa; border-radius: 6px; padding: 6px 10px; margin: 8px 0 0; }
.replay-label { font-weight: 600; font-size: 12px; }
nav.toc { margin-top: 16px; } nav.toc ol { margin: 0; padding-left: 20px; columns: 2; }
.toc-areas a { font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; } tfoot th { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero, th.zero { color: #aaa; text-align: right; }
td.st-passed.num, th.st-passed.num { color: var(--pass); font-weight: 600; }
td.st-failed.num, th.st-failed.num { color: var(--fail); font-weight: 700; }
td.st-nyc.num, th.st-nyc.num { color: var(--nyc); } td.st-nt.num, th.st-nt.num { color: var(--nt); }
.bar-col { width: 22%; }
.bar { display: flex; height: 12px; border-radius: 3px; overflow: hidden; background: #f0f0f0; }
.bar span.st-passed { background: var(--pass); } .bar span.st-failed { background: var(--fail); }
.bar span.st-nyc { background: #e3b341; } .bar span.st-nt { background: #b8bfc6; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid; }
.badge.st-passed { color: var(--pass); background: var(--pass-bg); }
.badge.st-failed { color: var(--fail); background: var(--fail-bg); }
.badge.st-error { color: var(--err); background: var(--err-bg); }
.badge.st-nyc { color: var(--nyc); background: var(--nyc-bg); }
.badge.st-nt, .badge.st-notrun { color: var(--nt); background: var(--nt-bg); }
.kind { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 3px; background: #eef2f7; color: #334; text-transform: uppercase; letter-spacing: .04em; }
.kind.variant { background: #e8f0fe; }
.warnings { border: 1px solid var(--nyc); background: var(--nyc-bg); border-radius: 6px; padding: 0 14px 6px; }
.warnings h2 { border: 0; margin-top: 10px; }
ol.decisions li { margin-bottom: 10px; }
.decision-title { font-weight: 600; }
.decision-rules, .decision-refs { font-size: 12.5px; color: var(--muted); }
.area-desc { color: #333; }
.area-counts { color: var(--muted); font-size: 12.5px; }
article.rule { border: 1px solid var(--line); border-left: 5px solid var(--nt); border-radius: 6px; padding: 8px 12px; margin: 10px 0; break-inside: avoid; }
article.rule.st-passed { border-left-color: var(--pass); } article.rule.st-failed { border-left-color: var(--fail); background: #fffafa; }
article.rule.st-nyc { border-left-color: #e3b341; }
.rule-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 10px; }
.rule-id { font-weight: 700; font-family: ui-monospace, Menlo, Consolas, monospace; text-decoration: none; }
.rule-title { font-weight: 600; flex: 1 1 auto; }
dl.rule-body { display: grid; grid-template-columns: 11em 1fr; gap: 4px 12px; margin: 8px 0 0; }
dl.rule-body dt { color: var(--muted); font-size: 12.5px; } dl.rule-body dd { margin: 0; }
dd.source .lines { font-size: 12px; color: var(--muted); }
blockquote.quote { margin: 3px 0; padding: 2px 10px; border-left: 3px solid #c9d1d9; background: #f6f8fa; }
dt.interp { color: #6b3e00 !important; font-weight: 700; }
dd.interp { background: #fff8e1; border: 1px solid #f0d58a; border-radius: 4px; padding: 4px 8px; }
dd.not-testable { color: var(--nt); }
dd.checked-by ul { margin: 0; padding-left: 18px; }
.unknown-ref { color: var(--fail); font-weight: 600; }
section.scenario { border: 1px solid var(--line); border-left: 5px solid var(--pass); border-radius: 6px; padding: 4px 12px 8px; margin: 14px 0; }
section.scenario.st-failed { border-left-color: var(--fail); background: #fffafa; }
section.scenario.st-error { border-left-color: var(--err); background: #fdfaff; }
section.scenario h3 { margin: 6px 0; }
dl.meta { display: grid; grid-template-columns: 9em 1fr; gap: 2px 12px; margin: 4px 0 8px; }
dl.meta dt { color: var(--muted); font-size: 12.5px; } dl.meta dd { margin: 0; }
pre.failure { color: var(--fail); background: var(--fail-bg); padding: 4px 8px; border-radius: 4px; }
details > summary { cursor: pointer; font-weight: 600; }
table.steps { table-layout: fixed; }
table.steps > thead th:nth-child(1) { width: 3.5em; } table.steps > thead th:nth-child(2) { width: 12.5em; }
table.steps > thead th:nth-child(3) { width: 26%; } table.steps > thead th:nth-child(4) { width: 7.5em; }
table.charges { table-layout: fixed; width: 100%; }
table.charges td, table.charges th { overflow-wrap: anywhere; }
table.charges th:first-child { width: 22%; }
table.steps td.time { overflow-wrap: normal; font-size: 12px; font-family: ui-monospace, Menlo, Consolas, monospace; }
table.steps tr.st-failed td { background: var(--fail-bg); }
table.steps tr.st-notrun td { color: #777; }
.loc { font-size: 11px; color: var(--muted); }
ul.observations { margin: 2px 0; padding-left: 18px; font-size: 12.5px; }
table.charges { border-collapse: collapse; margin: 4px 0; font-size: 12.5px; }
table.charges th, table.charges td { border: 1px solid #ccc; padding: 2px 6px; }
table.charges td.num { text-align: right; font-variant-numeric: tabular-nums; }
details.http-exchanges { margin-top: 4px; } details.http-exchanges > summary { font-weight: 500; font-size: 12.5px; color: var(--accent); }
.exchange { border: 1px solid var(--line); border-radius: 4px; margin: 6px 0; padding: 4px 8px; background: #fbfcfd; }
.x-time { font-size: 11px; color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; }
.x-actor { font-size: 11px; border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; }
.x-error { color: var(--fail); font-weight: 600; }
.x-parts { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 8px; }
.x-label { font-size: 11px; text-transform: uppercase; color: var(--muted); }
.body-note { font-size: 11px; color: var(--muted); }
pre.body { background: #f6f8fa; padding: 4px 6px; border-radius: 3px; max-height: 28em; overflow: auto; }
table.headers { font-size: 11.5px; margin: 2px 0; } table.headers th { width: 1%; white-space: nowrap; font-weight: 500; background: #f6f8fa; }
table.headers td { word-break: break-all; }
code.step-text { white-space: pre-wrap; }
.http { font-weight: 700; } .http.s2 { color: var(--pass); } .http.s3 { color: var(--nyc); }
.http.s4, .http.s5, .http.s0 { color: var(--fail); }
figure.diagram { margin: 8px 0; overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
figure.diagram svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 6px; }
p.denied { font-size: 13px; }
.seen-key { color: var(--pass); font-weight: 600; }
table.transitions tr.seen td.seen { color: var(--pass); }
.failures { border: 1px solid var(--line); border-radius: 6px; padding: 0 14px 6px; margin-top: 20px; }
.failures h2 { border: 0; margin-top: 10px; }
table.failures pre.failure { margin: 0; }
p.none-failed { color: var(--pass); font-weight: 600; }
a.pin { color: var(--muted); text-decoration: none; }
a.pin:hover { text-decoration: underline; }
:target { outline: 3px solid #f0b400; outline-offset: 2px; }
.search { margin: 6px 0; font-size: 13px; }
.search input { font: inherit; width: min(28em, 70%); padding: 2px 8px; border: 1px solid var(--line); border-radius: 4px; }
.search-count { color: var(--muted); }
.filter { margin: 6px 0 10px; font-size: 13px; }
.filter button { margin-left: 4px; font: inherit; border: 1px solid var(--line); background: #fff; border-radius: 12px; padding: 1px 10px; cursor: pointer; }
.filter button[aria-pressed="true"] { background: var(--accent); color: #fff; border-color: var(--accent); }
.sign-off .sign-grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; margin-top: 28px; }
.sign-off .sign-grid div { border-top: 1px solid #333; padding-top: 4px; font-size: 12px; color: var(--muted); }
footer { color: var(--muted); font-size: 12px; margin: 40px auto 24px; border-top: 1px solid var(--line); padding-top: 8px; }
@media (max-width: 760px) { dl.rule-body, dl.meta { grid-template-columns: 1fr; } .x-parts { grid-template-columns: 1fr; } nav.toc ol { columns: 1; } }
@page { size: A4; margin: 12mm 11mm 13mm; }
@media print {
  body { font-size: 9pt; line-height: 1.35; }
  code, pre { font-size: 8pt; }
  main, .report-head, nav.toc, footer { max-width: none; padding: 0; }
  nav.toc, .filter, .search, .screen-only, .no-match, a.pin { display: none !important; }
  .print-only { display: table; }
  a { color: inherit; text-decoration: none; }
  h2 { font-size: 14pt; margin: 16px 0 6px; break-after: avoid; }
  h3 { font-size: 11pt; margin: 10px 0 4px; break-after: avoid; }
  .exchange, tr, .card, blockquote, table.coverage { break-inside: avoid; }
  .cards { grid-template-columns: repeat(6, 1fr); gap: 6px; }
  .card { padding: 4px 6px; } .card-value { font-size: 16pt; }
  article.rule, section.scenario { border-left-width: 3px; }
  pre.body { max-height: none; overflow: visible; }
  .badge, .bar span, .card, tr.st-failed td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table.rule-table tr.area-row th { background: #eef2f7; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table.rule-table { table-layout: fixed; }
  table.rule-table th:nth-child(1) { width: 12%; } table.rule-table th:nth-child(2) { width: 31%; }
  table.rule-table th:nth-child(3) { width: 16%; }
  table.rule-table td:first-child { overflow-wrap: normal; }
  th, td { padding: 2px 5px; }
  table.steps > thead th:nth-child(1) { width: 2.5em; } table.steps > thead th:nth-child(2) { width: 7.5em; }
  table.steps > thead th:nth-child(3) { width: 22%; } table.steps > thead th:nth-child(4) { width: 6.4em; }
  table.steps > tbody > tr { break-inside: auto; }
  table.charges { font-size: 7.5pt; }
  /* A passed scenario: heading and metadata in a few lines; its steps stay in the HTML. */
  section.scenario { margin: 4px 0; padding: 2px 8px; }
  section.scenario h3 { margin: 2px 0; font-size: 10pt; }
  section.scenario.st-passed details.steps { display: none; }
  section.scenario.st-passed dl.meta { display: block; margin: 0; font-size: 8pt; }
  section.scenario.st-passed dl.meta dt, section.scenario.st-passed dl.meta dd { display: inline; margin: 0; }
  section.scenario.st-passed dl.meta dt::after { content: ":"; }
  section.scenario.st-passed dl.meta dd { margin-right: 10px; }
  table.scenario-index { display: none; }
  /* A failed scenario in full, but only the failed steps' exchanges. */
  details.http-exchanges:not(.of-failed) { display: none; }
  figure.diagram { break-inside: avoid; }
  figure.diagram svg { max-height: 120mm; }
  #state-machines, #sign-off { break-before: page; }
}
)CSS";
}

std::string_view report_js() {
  return R"JS(
(function () {
  'use strict';
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  var fold = function (text) { return (text || '').normalize('NFKC').toLowerCase(); };

  // Rules: a status filter and a text search over ids, titles and Japanese quotes. An area
  // with no rule left to show is hidden with them.
  var rules = Array.prototype.map.call(document.querySelectorAll('article.rule'), function (el) {
    var parts = [el.id.replace(/^rule-/, '')];
    each(el.querySelectorAll('.rule-id, .rule-title, blockquote.quote'), function (p) { parts.push(p.textContent); });
    return { el: el, status: el.getAttribute('data-status'), text: fold(parts.join('\n')) };
  });
  var ruleFilter = { status: null, query: '' };
  var count = document.querySelector('.search-count');
  var noMatch = document.querySelector('#rules .no-match');
  function applyRules() {
    var shown = 0;
    rules.forEach(function (r) {
      var ok = (!ruleFilter.status || ruleFilter.status.indexOf(r.status) >= 0) &&
               (!ruleFilter.query || r.text.indexOf(ruleFilter.query) >= 0);
      r.el.style.display = ok ? '' : 'none';
      if (ok) shown++;
    });
    each(document.querySelectorAll('#rules section.area'), function (area) {
      area.style.display = area.querySelector('article.rule:not([style*="none"])') ? '' : 'none';
    });
    if (count) count.textContent = shown === rules.length ? '' : shown + ' of ' + rules.length + ' rules';
    if (noMatch) noMatch.hidden = shown > 0;
  }
  var search = document.getElementById('search');
  if (search) {
    search.parentElement.hidden = false;
    search.addEventListener('input', function () { ruleFilter.query = fold(search.value.trim()); applyRules(); });
  }

  // Status filters: the bars carry the hidden attribute, so without JS nothing is filtered.
  function press(buttons, button) {
    each(buttons, function (b) { b.setAttribute('aria-pressed', b === button ? 'true' : 'false'); });
  }
  function setupFilter(bar) {
    var buttons = bar.querySelectorAll('button');
    bar.hidden = false;
    var scenarios = document.querySelectorAll('section.scenario, table.scenario-index tbody tr');
    each(buttons, function (button) {
      button.addEventListener('click', function () {
        var show = button.getAttribute('data-show');
        var wanted = show === 'all' ? null : show.split('|');
        press(buttons, button);
        if (bar.getAttribute('data-filter') === 'rule') {
          ruleFilter.status = wanted;
          applyRules();
          return;
        }
        each(scenarios, function (el) {
          el.style.display = !wanted || wanted.indexOf(el.getAttribute('data-status')) >= 0 ? '' : 'none';
        });
      });
    });
  }
  each(document.querySelectorAll('.filter'), setupFilter);

  // A summary card about rules shows just those rules (and clears the search).
  each(document.querySelectorAll('a.card[data-rule-filter]'), function (card) {
    card.addEventListener('click', function () {
      var button = document.querySelector('.filter[data-filter="rule"] button[data-show="' +
                                          card.getAttribute('data-rule-filter') + '"]');
      if (search) { search.value = ''; ruleFilter.query = ''; }
      if (button) button.click();
    });
  });

  // A link to something inside a closed details element opens it, and a rule hidden by the
  // search or a filter is shown again.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.matches('article.rule') && el.style.display === 'none') {
      if (search) { search.value = ''; ruleFilter.query = ''; }
      var all = document.querySelector('.filter[data-filter="rule"] button[data-show="all"]');
      if (all) all.click(); else applyRules();
      el.scrollIntoView();
    }
    for (; el; el = el.parentElement) if (el.tagName === 'DETAILS') el.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
)JS";
}

}  // namespace reports::html
