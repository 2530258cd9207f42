// Opens a conformance report.html in headless Chromium (through playwright-core, pinned by
// package-lock.json) and checks what a reader would notice first:
//   - no console error, no uncaught exception, no request leaving the file (the report is
//     self-contained; a fetched resource would break it offline);
//   - the navigation works: the search box hides non-matching rules, a status filter hides
//     the rest, the failures panel and the summary cards link to anchors that exist; with
//     print media the rules are a table and no passed step's exchanges show;
//   - printed on A4 the report has at most --max-pages pages (and at least --min-pages, so a
//     blank print cannot pass).
// Prints one line of figures (pages, PDF size, times). Exit 0 when every check passed, 1 when
// one failed, 2 on bad usage.
//
// Usage: node browser_check.mjs --report PATH [--chromium PATH] [--max-pages N]
//        [--min-pages N] [--pdf OUT] [--no-interact]
import { chromium } from 'playwright-core';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

function usage(message) {
  console.error(`browser_check: ${message}`);
  console.error('usage: node browser_check.mjs --report PATH [--chromium PATH] [--max-pages N] ' +
                '[--min-pages N] [--pdf OUT] [--no-interact]');
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        report: { type: 'string' },
        chromium: { type: 'string', default: process.env.APC_CHROMIUM || '/usr/bin/chromium' },
        'max-pages': { type: 'string', default: '150' },
        'min-pages': { type: 'string', default: '1' },
        pdf: { type: 'string' },
        'no-interact': { type: 'boolean', default: false },
      },
    }).values;
  } catch (e) {
    usage(e.message);
  }
  if (!parsed.report) usage('--report is required');
  if (!existsSync(parsed.report)) usage(`${parsed.report} does not exist`);
  if (!existsSync(parsed.chromium))
    usage(`Chromium not found at ${parsed.chromium} (scripts/install-deps.sh installs it; ` +
          'or pass --chromium / set APC_CHROMIUM)');
  const max = Number(parsed['max-pages']), min = Number(parsed['min-pages']);
  if (!Number.isInteger(max) || !Number.isInteger(min) || min < 1 || max < min)
    usage('--min-pages and --max-pages must be whole numbers, 1 <= min <= max');
  return { ...parsed, max, min };
}

const secs = ms => (ms / 1000).toFixed(1);

// Chromium writes one "/Type /Page" dictionary per page ("/Type /Pages" is the tree).
function countPages(pdf) {
  const matches = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return matches ? matches.length : 0;
}

// Drives the page's own controls; returns the problems found.
async function interact(page) {
  const problems = [];
  const visibleRules = () => page.locator('article.rule:visible').count();
  const all = await page.locator('article.rule').count();
  const search = page.locator('#search');
  if (await search.count() !== 1) return ['no search box (#search)'];
  // A rule id of the page itself: searching for it must leave that rule visible and hide most.
  const firstId = await page.locator('article.rule').first().getAttribute('id');
  const ruleId = await page.locator('article.rule .rule-id').first().textContent();
  await search.fill(ruleId);
  const shown = await visibleRules();
  if (shown < 1 || (all > 1 && shown >= all))
    problems.push(`search "${ruleId}" showed ${shown} of ${all} rules`);
  if (!(await page.locator(`[id="${firstId}"]`).isVisible()))
    problems.push(`search "${ruleId}" hid rule ${firstId}`);
  await search.fill('');
  if (await visibleRules() !== all) problems.push('clearing the search did not show every rule again');
  // Every in-page link of the failures panel and the cards must reach an element.
  const hrefs = await page.locator('#failures a[href^="#"], .cards a[href^="#"]')
      .evaluateAll(links => links.map(a => a.getAttribute('href')));
  for (const href of hrefs) {
    const id = decodeURIComponent(href.slice(1));
    if (await page.locator(`[id="${id.replace(/"/g, '\\"')}"]`).count() !== 1)
      problems.push(`link ${href} has no target`);
  }
  // A status filter that shows only failed rules leaves no passed rule visible.
  const failedButton = page.locator('.filter[data-filter="rule"] button[data-show="failed"]');
  if (await failedButton.count() === 1) {
    await failedButton.click();
    const passedShown = await page.locator('article.rule[data-status="passed"]:visible').count();
    if (passedShown) problems.push(`filter "failed" left ${passedShown} passed rules visible`);
    await page.locator('.filter[data-filter="rule"] button[data-show="all"]').click();
  } else {
    problems.push('no "failed" button in the rule filter');
  }
  problems.push(...await printLayout(page));
  return problems;
}

// With print media the rules are one table, and a passed step's exchanges are left out.
async function printLayout(page) {
  const problems = [];
  await page.emulateMedia({ media: 'print' });
  if (!(await page.locator('table.rule-table').isVisible())) problems.push('print: no rule table');
  const articles = await page.locator('article.rule:visible').count();
  if (articles) problems.push(`print: ${articles} full rule entries shown`);
  const stray = await page.locator('details.http-exchanges:not(.of-failed):visible').count();
  if (stray) problems.push(`print: exchanges of ${stray} passed steps shown`);
  await page.emulateMedia({ media: null });  // back to the default: page.pdf() prints with print media
  return problems;
}

async function main() {
  const opt = options();
  const problems = [];
  const started = Date.now();
  const browser = await chromium.launch({
    executablePath: opt.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const launched = Date.now();
    const page = await browser.newPage();
    page.on('console', m => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', e => problems.push(`uncaught exception: ${e.message}`));
    await page.route('**/*', route => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      problems.push(`the report fetched ${url} (it must be self-contained)`);
      return route.abort();
    });
    const url = pathToFileURL(resolve(opt.report)).href;
    await page.goto(url, { waitUntil: 'load', timeout: 120000 });
    const loaded = Date.now();
    if (!opt['no-interact']) problems.push(...await interact(page));
    const interacted = Date.now();
    const printStart = Date.now();
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const printed = Date.now();
    if (opt.pdf) writeFileSync(opt.pdf, pdf);
    const pages = countPages(pdf);
    if (pages > opt.max) problems.push(`printed ${pages} A4 pages, more than the bound ${opt.max}`);
    if (pages < opt.min) problems.push(`printed ${pages} A4 pages, fewer than ${opt.min}`);
    console.log(`browser_check: ${opt.report}: ${pages} A4 pages, PDF ${(pdf.length / 1e6).toFixed(1)} MB; ` +
                `seconds: launch ${secs(launched - started)}, load ${secs(loaded - launched)}, ` +
                `interact ${secs(interacted - loaded)}, print ${secs(printed - printStart)}`);
  } finally {
    await browser.close();
  }
  for (const p of problems) console.error(`browser_check: FAIL: ${p}`);
  process.exit(problems.length ? 1 : 0);
}

main().catch(e => {
  console.error(`browser_check: ${e.stack || e}`);
  process.exit(1);
});
