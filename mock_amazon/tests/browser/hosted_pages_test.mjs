// amazon-pay-mock's hosted pages in a real browser: Debian's Chromium, headless, driven by
// playwright-core (pinned by package-lock.json). The mock runs with --hosted-base-url self on
// a free loopback port; a tiny merchant (a node http server, also on loopback) plays the
// shop's review, result and cart pages with the Amazon Pay API, as a shop would.
//
// Run:  node hosted_pages_test.mjs --mock PATH/amazon-pay-mock [--chromium /usr/bin/chromium]
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';

const { values: args } = parseArgs({
  options: { mock: { type: 'string' }, chromium: { type: 'string' } },
  strict: false,
});
const MOCK_BIN = args.mock ?? process.env.AMAZON_PAY_MOCK;
const CHROMIUM = args.chromium ?? process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!MOCK_BIN || !fs.existsSync(MOCK_BIN)) {
  console.error(`browser test: the amazon-pay-mock binary '${MOCK_BIN}' does not exist (--mock PATH)`);
  process.exit(2);
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`browser test: no Chromium at ${CHROMIUM}; install Debian's chromium ` +
                '(scripts/install-deps.sh does) or give --chromium PATH');
  process.exit(2);
}

const PAGE_TIMEOUT_MS = 8000;
let mock, mockBase, merchant, merchantBase, browser, page;
const visits = [];  // what the merchant's pages received: {page, sessionId}

// ------------------------------------------------------------------ the mock and its API

function startMock() {
  return new Promise((resolve, reject) => {
    const child = spawn(MOCK_BIN, ['--port', '0', '--no-verify', '--hosted-base-url', 'self'],
                        { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the mock did not start: ${out}`)), 5000);
    child.on('exit', (code) => reject(new Error(`the mock exited (${code}): ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const port = /^port (\d+)$/m.exec(out);
      if (port) {
        clearTimeout(timer);
        resolve({ child, base: `http://127.0.0.1:${port[1]}` });
      }
    });
  });
}

async function api(method, path, body) {
  const res = await fetch(mockBase + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const yen = (amount) => ({ amount: String(amount), currencyCode: 'JPY' });

// ------------------------------------------------------------------ the merchant

// /review: sets the amount and the result page, then sends the buyer to amazonPayRedirectUrl.
// /result: completes the checkout session. /cart: the cancel page.
async function merchantPage(req, res) {
  const url = new URL(req.url, merchantBase);
  const id = url.searchParams.get('amazonCheckoutSessionId');
  visits.push({ page: url.pathname, sessionId: id });
  if (url.pathname === '/review') {
    const cs = await api('PATCH', `/v2/checkoutSessions/${id}`, {
      webCheckoutDetails: { checkoutResultReturnUrl: `${merchantBase}/result` },
      paymentDetails: { paymentIntent: 'Authorize', chargeAmount: yen(1980) },
    });
    res.writeHead(302, { location: cs.webCheckoutDetails.amazonPayRedirectUrl }).end();
  } else if (url.pathname === '/result') {
    const done = await api('POST', `/v2/checkoutSessions/${id}/complete`,
                           { chargeAmount: yen(1980) });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!DOCTYPE html><title>Thank you</title><p id="state">${done.statusDetails.state}</p>`);
  } else {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!DOCTYPE html><title>Cart</title>');
  }
}

function startMerchant() {
  const server = http.createServer((req, res) => {
    merchantPage(req, res).catch((e) => res.writeHead(500).end(String(e)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function newCheckoutSession() {
  const cs = await api('POST', '/v2/checkoutSessions', {
    webCheckoutDetails: {
      checkoutReviewReturnUrl: `${merchantBase}/review`,
      checkoutCancelUrl: `${merchantBase}/cart`,
    },
    storeId: 'amzn1.application-oa2-client.browsertest',
    merchantMetadata: { merchantStoreName: 'ブラウザテスト店' },
  });
  return cs.checkoutSessionId;
}

async function openSignIn(id) {
  await page.goto(`${mockBase}/checkout/signin?amazonCheckoutSessionId=${id}`);
  await page.getByRole('link', { name: /山田太郎/ }).click();
  await page.waitForURL(/buyer=taro/);
}

// ------------------------------------------------------------------ the tests

before(async () => {
  ({ child: mock, base: mockBase } = await startMock());
  merchant = await startMerchant();
  merchantBase = `http://127.0.0.1:${merchant.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  // One page for both tests: opening a page costs seconds on a loaded machine.
  page = await browser.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
});

after(async () => {
  await browser?.close();
  merchant?.close();
  mock?.kill('SIGTERM');
});

test('a buyer signs in, picks an address and gift card + card, pays, and the shop completes',
     { timeout: 20000 }, async () => {
  const id = await newCheckoutSession();
  await openSignIn(id);
  await page.check('input[name="address"][value="office"]');
  await page.check('input[name="paymentMethod"][value="giftcard+card-1111"]');
  await page.getByRole('button', { name: 'Continue' }).click();
  // Sign-in → the shop's review page → amazonPayRedirectUrl: the payment page.
  await page.waitForURL(`${mockBase}/checkout/payment?amazonCheckoutSessionId=${id}`);
  assert.match(await page.content(), /Visa \*\*\*\*1111 \(Amazon Pay\) \+ Amazon gift card/);
  assert.match(await page.content(), /¥1,980/);
  await page.getByRole('button', { name: 'Pay now' }).click();
  await page.waitForURL(`${merchantBase}/result?amazonCheckoutSessionId=${id}`);
  assert.equal(await page.textContent('#state'), 'Completed');

  assert.deepEqual(visits.filter((v) => v.sessionId === id).map((v) => v.page),
                   ['/review', '/result']);
  const cs = await api('GET', `/v2/checkoutSessions/${id}`);
  assert.equal(cs.statusDetails.state, 'Completed');
  // The buyer's choices on the pages reached the charge permission.
  const cp = await api('GET', `/v2/chargePermissions/${cs.chargePermissionId}`);
  assert.equal(cp.buyer.name, '山田太郎');
  assert.equal(cp.shippingAddress.stateOrRegion, 'Osaka');
  const charge = await api('GET', `/v2/charges/${cs.chargeId}`);
  assert.equal(charge.statusDetails.state, 'Authorized');
  assert.equal(charge.chargeAmount.amount, '1980');
});

test('a buyer cancels on the sign-in page and lands on the shop\'s checkoutCancelUrl',
     { timeout: 20000 }, async () => {
  const id = await newCheckoutSession();
  await openSignIn(id);
  await page.getByRole('button', { name: /Cancel/ }).click();
  await page.waitForURL(`${merchantBase}/cart?amazonCheckoutSessionId=${id}`);
  const cs = await api('GET', `/v2/checkoutSessions/${id}`);
  assert.equal(cs.statusDetails.state, 'Canceled');
  assert.equal(cs.statusDetails.reasonCode, 'BuyerCanceled');
});
